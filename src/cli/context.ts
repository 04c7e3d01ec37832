// What every CLI command is given and shares: its parsed options, output channels, the store, progress.
import { ensureAnalysis, openStore } from '../service.ts';
import { ProgressBar } from '../progress.ts';
import type { Store } from '../store/store.ts';
import type { ParseArgsConfig } from 'node:util';

/** A mistake in the command line: exit code 2 and a pointer to --help. */
export class UsageError extends Error {}

export type OptionSpec = NonNullable<ParseArgsConfig['options']>;
export type OptionValues = Record<string, string | boolean | Array<string | boolean> | undefined>;

export interface CommandContext {
  /** parsed options of the whole command line */
  o: OptionValues;
  /** positional arguments after the command name */
  rest: string[];
  /** --db, when given */
  db: string | undefined;
}

export interface Command {
  name: string;
  /** lines for the usage text, the first starting with the command and its arguments */
  usage: string;
  /** the options this command reads, beyond --db and --help */
  options?: OptionSpec;
  run(ctx: CommandContext): Promise<number>;
}

export function log(...a: unknown[]): void {
  process.stderr.write(a.join(' ') + '\n');
}

export function out(s: string): void {
  process.stdout.write(s.endsWith('\n') ? s : s + '\n');
}

export const str = (v: OptionValues[string]): string | undefined => (typeof v === 'string' ? v : undefined);

/** A progress callback drawing one bar per stage on a terminal. */
export function progressFn() {
  let bar: ProgressBar | null = null;
  let stage = '';
  return (s: string, done: number, total: number) => {
    if (s !== stage) {
      bar?.done();
      stage = s;
      bar = new ProgressBar(s, total);
    }
    bar!.update(done);
    if (done >= total) {
      bar!.done();
      bar = null;
      stage = '';
    }
  };
}

/** Run `fn` over the store once its analysis is up to date (analysed first when articles were added since). */
export function withAnalysedStore<X>(db: string | undefined, fn: (store: Store) => X | Promise<X>): Promise<X> {
  return withStore(db, async (store) => {
    await ensureAnalysis(store, progressFn());
    return fn(store);
  });
}

export async function withStore<X>(db: string | undefined, fn: (s: Store) => Promise<X>): Promise<X> {
  const store = await openStore(db);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

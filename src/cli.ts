// Command-line entry: parses the command line and hands it to one command of src/cli/.
import { parseArgs } from 'node:util';
import { defaultLocation } from './service.ts';
import { toStorageError } from './store/errors.ts';
import { COMMANDS } from './cli/commands.ts';
import { UsageError, log, out, type OptionSpec } from './cli/context.ts';

// a usage's first line is indented here; its further lines are written aligned already
const indent = (s: string) => '  ' + s;

export const USAGE = `newsprov — news provenance & corroboration engine

Usage: newsprov <command> [options]

Commands:
${COMMANDS.map((c) => indent(c.usage)).join('\n')}

Options for every command:
  --db LOCATION         embedded database directory (default .newsprov/db, or $NEWSPROV_DB)
                        or postgres://user@host/db for a PostgreSQL server
  -h, --help            this help
`;

/** Every command's options; a name two commands share must mean the same kind of value. */
function allOptions(): OptionSpec {
  const spec: OptionSpec = { db: { type: 'string' }, help: { type: 'boolean', short: 'h' } };
  for (const c of COMMANDS) Object.assign(spec, c.options);
  return spec;
}

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, options: allOptions() });
  } catch (e) {
    log(`error: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values: o, positionals } = parsed;
  const [name, ...rest] = positionals;
  if (o.help || !name || name === 'help') {
    out(USAGE);
    return name || o.help ? 0 : 2;
  }
  const db = typeof o.db === 'string' ? o.db : undefined;
  try {
    const command = COMMANDS.find((c) => c.name === name);
    if (!command) throw new UsageError(`unknown command "${name}"`);
    return await command.run({ o, rest, db });
  } catch (e) {
    if (e instanceof UsageError) {
      log(`error: ${e.message}\n(run 'newsprov --help' for usage)`);
      return 2;
    }
    log(`error: ${toStorageError(e, db ?? defaultLocation()).message}`);
    if (process.env.NEWSPROV_DEBUG) log((e as Error).stack ?? '');
    return 1;
  }
}

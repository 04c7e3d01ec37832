// `newsprov export articles|copies|facts [--story N] [--format csv|json] [--out FILE]`
import { writeFileSync } from 'node:fs';
import type { Store } from '../store/store.ts';
import { InvalidExport, makeExport } from '../export/run.ts';
import { ensureAnalysis } from '../service.ts';
import { log, progressFn, withStore, type Command } from './context.ts';
import { asUsage } from './search.ts';

export interface ExportOptions {
  story?: string;
  format?: string;
  out?: string;
}

/** Write the export to --out (returns a note for stderr) or return it for stdout. */
export async function exportCommand(store: Store, args: string[], o: ExportOptions): Promise<{ stdout: string | null; note: string }> {
  if (args.length !== 1) throw new InvalidExport('export needs one table: articles, copies or facts');
  const file = await makeExport(store, args[0], o.format ?? 'csv', o.story ?? null);
  if (!o.out) return { stdout: file.body, note: `${file.rows} row(s)` };
  writeFileSync(o.out, file.body);
  return { stdout: null, note: `wrote ${file.rows} row(s) to ${o.out}` };
}

export const exportCli: Command = {
  name: 'export',
  usage: `export <table>        articles, copies or facts, with ids, URLs, outlets, times, lineage and independence group
                        --format csv|json (default csv)  --story N|ID  --out FILE (default stdout)`,
  options: { format: { type: 'string' }, story: { type: 'string' }, out: { type: 'string' } },
  run: ({ o, rest, db }) =>
    withStore(db, async (store) => {
      await ensureAnalysis(store, progressFn());
      const r = await exportCommand(store, rest, o as ExportOptions).catch(asUsage);
      if (r.stdout !== null) process.stdout.write(r.stdout);
      log(r.note);
      return 0;
    }),
};

// `newsprov export articles|copies|facts [--story N] [--format csv|json] [--out FILE]`
import { writeFileSync } from 'node:fs';
import type { Store } from '../store/store.ts';
import type { Analysis } from '../analysis/analyze.ts';
import { InvalidExport, makeExport } from '../export/run.ts';

export interface ExportOptions {
  story?: string;
  format?: string;
  out?: string;
}

/** Write the export to --out (returns a note for stderr) or return it for stdout. */
export async function exportCommand(store: Store, an: Analysis, args: string[], o: ExportOptions): Promise<{ stdout: string | null; note: string }> {
  if (args.length !== 1) throw new InvalidExport('export needs one table: articles, copies or facts');
  const file = await makeExport(store, an, args[0], o.format ?? 'csv', o.story ?? null);
  if (!o.out) return { stdout: file.body, note: `${file.rows} row(s)` };
  writeFileSync(o.out, file.body);
  return { stdout: null, note: `wrote ${file.rows} row(s) to ${o.out}` };
}

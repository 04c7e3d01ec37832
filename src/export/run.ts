// One export as a file: the table, in CSV or JSON, for the collection or one story. Shared by the CLI and the API.
import type { Store } from '../store/store.ts';
import { TABLES, exportTable, type Table, type TableName } from './tables.ts';
import { toCsv } from './csv.ts';

export const FORMATS = ['csv', 'json'] as const;
export type ExportFormat = (typeof FORMATS)[number];

/** An export that cannot be made; the message names the parameter and why. */
export class InvalidExport extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidExport';
  }
}

export interface ExportFile {
  body: string;
  contentType: string;
  filename: string;
  rows: number;
}

export function checkExport(table: string, format: string): { table: TableName; format: ExportFormat } {
  if (!(TABLES as readonly string[]).includes(table)) throw new InvalidExport(`unknown table "${table.slice(0, 40)}": export ${TABLES.join(', ')}`);
  if (!(FORMATS as readonly string[]).includes(format)) throw new InvalidExport(`unknown format "${format.slice(0, 40)}": use ${FORMATS.join(' or ')}`);
  return { table: table as TableName, format: format as ExportFormat };
}

/** Stories exported per read of the store: the whole collection is read a page of stories at a time. */
const STORIES_PER_READ = 50;

/** The rows of one table for these stories (in list order), read from the store a page of stories at a time. */
export async function exportRows(store: Store, table: TableName, storyIds: string[]): Promise<Table> {
  let out: Table | null = null;
  // a copy between two stories of different pages is read with both: kept once
  const seen = new Set<string>();
  for (let i = 0; i < storyIds.length || (i === 0 && !out); i += STORIES_PER_READ) {
    const slice = await store.slices.slice(storyIds.slice(i, i + STORIES_PER_READ));
    const ids = slice.stories.flatMap((s) => s.articleIds);
    const [articles, origins] = table === 'articles' ? await Promise.all([store.reads.articleMeta(ids), store.reads.origins(ids)]) : [new Map(), new Map()];
    const t = exportTable(table, { analysis: slice.analysis, stories: slice.stories, storyOf: slice.storyOf, articles, origins });
    out ??= { columns: t.columns, rows: [] };
    for (const r of t.rows) {
      const key = table === 'copies' ? `${r.copy_id} ${r.source_id}` : null;
      if (key !== null && (seen.has(key) || !seen.add(key))) continue;
      out.rows.push(r);
    }
  }
  if (table === 'copies') out!.rows.sort((a, b) => String(a.source_id).localeCompare(String(b.source_id)) || String(a.copy_id).localeCompare(String(b.copy_id)));
  return out!;
}

export async function makeExport(store: Store, table: string, format: string, storyKey?: string | null): Promise<ExportFile> {
  const t = checkExport(table, format);
  if (storyKey !== null && storyKey !== undefined && !storyKey.trim()) throw new InvalidExport('story: empty value (give a story number or id, or leave it out for the whole collection)');
  const found = storyKey ? await store.reads.resolveStory(storyKey) : null;
  if (storyKey && !found) throw new InvalidExport(`story: no story "${storyKey.slice(0, 60)}" (see: newsprov stories)`);
  const ids = found ? [found.id] : (await store.reads.storyOrder()).map((s) => s.id);
  const data = await exportRows(store, t.table, ids);
  const scope = found ? `story-${found.number ?? found.id}-` : '';
  return {
    body: t.format === 'csv' ? toCsv(data.columns, data.rows) : JSON.stringify(data.rows, null, 2) + '\n',
    contentType: t.format === 'csv' ? 'text/csv; charset=utf-8; header=present' : 'application/json; charset=utf-8',
    filename: `newsprov-${scope}${t.table}.${t.format}`,
    rows: data.rows.length,
  };
}

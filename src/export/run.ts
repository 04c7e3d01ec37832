// One export as a file: the table, in CSV or JSON, for the collection or one story. Shared by the CLI and the API.
import type { Store } from '../store/store.ts';
import type { Analysis } from '../model/analysis.ts';
import { resolveStory } from '../dossier/resolve.ts';
import { TABLES, exportTable, type TableName } from './tables.ts';
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

export async function makeExport(store: Store, an: Analysis, table: string, format: string, storyKey?: string | null): Promise<ExportFile> {
  const t = checkExport(table, format);
  if (storyKey !== null && storyKey !== undefined && !storyKey.trim()) throw new InvalidExport('story: empty value (give a story number or id, or leave it out for the whole collection)');
  const found = storyKey ? resolveStory(an, storyKey) : null;
  if (storyKey && !found) throw new InvalidExport(`story: no story "${storyKey.slice(0, 60)}" (see: newsprov stories)`);
  const data = exportTable(t.table, { analysis: an, articles: await store.listArticles(), origins: await store.articles.allOrigins(), story: found?.event ?? null });
  const scope = found ? `story-${found.event.number ?? found.event.id}-` : '';
  return {
    body: t.format === 'csv' ? toCsv(data.columns, data.rows) : JSON.stringify(data.rows, null, 2) + '\n',
    contentType: t.format === 'csv' ? 'text/csv; charset=utf-8; header=present' : 'application/json; charset=utf-8',
    filename: `newsprov-${scope}${t.table}.${t.format}`,
    rows: data.rows.length,
  };
}

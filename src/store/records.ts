// Rows written as one JSON array in one statement: built by drizzle a hundred rows at a time, inserts were a
// dozen round trips for a new article and most of a bulk write's JavaScript.
import { getTableColumns, sql, type SQL } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';

/** An insert of `rows` (objects keyed as the table's columns are in the schema) sent as one JSON array: every
 * column the rows give, none of those they leave out (which keep their defaults). */
export function recordsInsert(table: PgTable, rows: object[], tail = sql``): SQL {
  const given = new Set(rows.flatMap((r) => Object.keys(r)));
  const columns = Object.entries(getTableColumns(table)).filter(([key]) => given.has(key) || !rows.length);
  const names = sql.raw(columns.map(([, c]) => `"${c.name}"`).join(', '));
  const data = rows.map((r) => Object.fromEntries(columns.map(([key, c]) => [c.name, (r as Record<string, unknown>)[key] ?? null])));
  return sql`INSERT INTO ${table} (${names}) SELECT ${names} FROM jsonb_populate_recordset(NULL::${table}, ${JSON.stringify(data)}::jsonb) ${tail}`;
}

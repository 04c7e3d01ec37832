// CSV as RFC 4180 has it (CRLF line ends; fields with a comma, quote or line break quoted, quotes doubled), made
// safe to open in a spreadsheet: a text cell starting with = + - @ (or a tab or carriage return) is prefixed with
// a single quote, so it is shown as text and never run as a formula.

export type Cell = string | number | boolean | null | undefined | Cell[] | { [k: string]: unknown };

const FORMULA = /^[=+\-@\t\r]/;

/** One cell's text: lists of plain values joined with "; ", structured values as JSON. */
export function cellText(v: Cell): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return v.every((x) => x === null || typeof x !== 'object') ? v.map((x) => cellText(x)).join('; ') : JSON.stringify(v);
  if (typeof v === 'object') return JSON.stringify(v);
  return v;
}

/** A field as written in the file: defused, then quoted when needed. */
export function csvField(v: Cell): string {
  let s = cellText(v);
  if (typeof v !== 'number' && FORMULA.test(s)) s = "'" + s;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(columns: string[], rows: Array<Record<string, Cell>>): string {
  const lines = [columns.map(csvField).join(',')];
  for (const r of rows) lines.push(columns.map((c) => csvField(r[c])).join(','));
  return lines.join('\r\n') + '\r\n';
}

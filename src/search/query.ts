// Checking a search query before it reaches the database: every parameter is validated with a clear message.
import { InvalidQuery, type SearchQuery } from '../model/search.ts';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
export const MAX_LIMIT = 200;

/** A bound of the date range as an instant; `to` as a calendar day includes the whole day. */
export function dateBound(name: 'from' | 'to', v: string): string {
  const day = DAY.test(v);
  const ms = Date.parse(day ? `${v}T00:00:00Z` : v);
  if (!/^\d{4}-\d{2}-\d{2}/.test(v) || Number.isNaN(ms)) throw new InvalidQuery(`${name}: "${v.slice(0, 40)}" is not a date (YYYY-MM-DD) or ISO 8601 time`);
  return new Date(day && name === 'to' ? ms + 86_400_000 - 1 : ms).toISOString();
}

/** A search query from loose parameters (URL query or CLI options). */
export function parseSearchQuery(p: Record<string, string | undefined>): SearchQuery {
  const q = (p.q ?? '').trim();
  if (!q) throw new InvalidQuery('q: the search needs some words, e.g. q=bridge collapse');
  if (q.length > 500) throw new InvalidQuery(`q: ${q.length} characters is too long (at most 500)`);
  const out: SearchQuery = { q };
  for (const k of ['outlet', 'entity', 'story'] as const) {
    const v = p[k]?.trim();
    if (p[k] !== undefined && !v) throw new InvalidQuery(`${k}: empty value`);
    if (v) out[k] = v;
  }
  for (const k of ['from', 'to'] as const) if (p[k] !== undefined) out[k] = p[k]!.trim();
  if (out.from) dateBound('from', out.from);
  if (out.to) dateBound('to', out.to);
  if (out.from && out.to && dateBound('from', out.from) > dateBound('to', out.to)) throw new InvalidQuery(`from ${out.from} is after to ${out.to}`);
  if (p.limit !== undefined) {
    const n = Number(p.limit);
    if (!Number.isInteger(n) || n < 1 || n > MAX_LIMIT) throw new InvalidQuery(`limit: "${p.limit.slice(0, 20)}" must be a whole number from 1 to ${MAX_LIMIT}`);
    out.limit = n;
  }
  return out;
}

// Story summaries and collection statistics as plain data: term sums, name counts, member dates,
// document frequencies. Updating them is all an incremental engine needs to do per article.
import type { ClusterSummary, DocFrequencies, EventFeatures, EventVector } from '../model/event.ts';

export function emptyFrequencies(): DocFrequencies {
  return { docs: 0, terms: {}, names: {} };
}

/** Count one more article in the collection (mutates `df`). */
export function countArticle(df: DocFrequencies, f: EventFeatures): void {
  df.docs++;
  for (const t in f.terms) df.terms[t] = (df.terms[t] ?? 0) + 1;
  for (const t in f.names) df.names[t] = (df.names[t] ?? 0) + 1;
}

/** Smoothed inverse document frequency, as if one document held every term: never zero, never infinite. */
export function idf(df: DocFrequencies, field: 'terms' | 'names', t: string): number {
  return Math.log((1 + df.docs) / (1 + (df[field][t] ?? 0))) + 1;
}

/** Key of an article's date in a story summary: the day, or "from:to" for a span; null when undated. */
export function dateKey(f: Pick<EventFeatures, 'date'>): string | null {
  if (!f.date) return null;
  return f.date.from === f.date.to ? String(f.date.from) : `${f.date.from}:${f.date.to}`;
}

/** The days a date key stands for. */
export function spanOf(key: string): [number, number] {
  const [a, b] = key.split(':').map(Number);
  return [a, b ?? a];
}

function count(r: Record<string, number>, k: string, by: number): void {
  const x = (r[k] ?? 0) + by;
  if (x > 0) r[k] = x;
  else delete r[k];
}

export function newSummary(f: EventVector): ClusterSummary {
  const s: ClusterSummary = { id: 'ev-' + f.id, members: [], terms: {}, names: {}, dates: {}, firmDates: {} };
  addMember(s, f);
  return s;
}

function addInto(target: Record<string, number>, v: Record<string, number>, sign: 1 | -1): void {
  for (const t in v) {
    const x = (target[t] ?? 0) + sign * v[t];
    if (x > 1e-9) target[t] = x;
    else delete target[t];
  }
}

/** Add an article to a story (mutates the summary). */
export function addMember(s: ClusterSummary, f: EventVector): void {
  s.members.push(f.id);
  addInto(s.terms, f.terms, 1);
  addInto(s.names, f.names, 1);
  const k = dateKey(f);
  if (k === null) return;
  count(s.dates, k, 1);
  if (f.date!.reliable) count(s.firmDates, k, 1);
}

/** Take an article out of a story (mutates the summary). */
export function removeMember(s: ClusterSummary, f: EventVector): void {
  s.members = s.members.filter((m) => m !== f.id);
  addInto(s.terms, f.terms, -1);
  addInto(s.names, f.names, -1);
  const k = dateKey(f);
  if (k === null) return;
  count(s.dates, k, -1);
  if (f.date!.reliable) count(s.firmDates, k, -1);
}

/** Fold story `b` into story `a` (mutates `a`, which keeps its id). */
export function mergeInto(a: ClusterSummary, b: ClusterSummary): void {
  a.members.push(...b.members);
  addInto(a.terms, b.terms, 1);
  addInto(a.names, b.names, 1);
  for (const k in b.dates) count(a.dates, k, b.dates[k]);
  for (const k in b.firmDates) count(a.firmDates, k, b.firmDates[k]);
}

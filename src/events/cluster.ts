// Groups articles into events using content similarity (TF-IDF cosine over content words and
// proper names) gated by time: articles whose estimated event dates are far apart never share
// an event, however alike their words (two state visits months apart stay separate).
import type { PreparedArticle } from '../analysis/prepare.ts';
import { dateInterval, type EventDate } from '../nlp/dates.ts';
import type { CopyRelation } from '../copy/detect.ts';
import { NOT_ENTITIES } from '../entities/lexicon.ts';

export interface EventCluster {
  id: string;
  articleIds: string[];
  dateFrom: string | null;
  dateTo: string | null;
  keyTerms: string[];
}

export interface EventOptions {
  /** cosine similarity needed to join two groups (average linkage) */
  threshold?: number;
  /** maximum gap in days between the event dates of two articles of one event */
  maxGapDays?: number;
}

type Vec = Map<string, number>;

export function tfidfVectors(docs: string[][]): { vecs: Vec[]; idf: Map<string, number> } {
  const df = new Map<string, number>();
  for (const d of docs) for (const t of new Set(d)) df.set(t, (df.get(t) ?? 0) + 1);
  const N = docs.length;
  const idf = new Map<string, number>();
  // log(1 + N/df): shared names keep some weight even in a tiny corpus, where every article is on one topic
  for (const [t, n] of df) idf.set(t, Math.log(1 + N / n));
  const vecs = docs.map((d) => {
    const tf = new Map<string, number>();
    for (const t of d) tf.set(t, (tf.get(t) ?? 0) + 1);
    const v: Vec = new Map();
    let norm = 0;
    for (const [t, c] of tf) {
      const w = (1 + Math.log(c)) * (idf.get(t) ?? 0);
      if (w <= 0) continue;
      v.set(t, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [t, w] of v) v.set(t, w / norm);
    return v;
  });
  return { vecs, idf };
}

export function cosine(a: Vec, b: Vec): number {
  let s = 0;
  const [x, y] = a.size < b.size ? [a, b] : [b, a];
  for (const [t, w] of x) {
    const u = y.get(t);
    if (u) s += w * u;
  }
  return s;
}

/** Features for event similarity: content words plus (double-weighted) proper-noun tokens. */
function eventFeatures(p: PreparedArticle): string[] {
  const out: string[] = [...p.tokens];
  for (const s of p.sentences) for (const t of s.tokens) if (t.pos === 'PROPN' && /^\p{Lu}/u.test(t.text)) out.push('#' + t.text.toLowerCase());
  if (p.article.title) for (const w of p.article.title.toLowerCase().split(/\W+/)) if (w.length > 3) out.push('@' + w);
  return out;
}

export function clusterEvents(prepared: PreparedArticle[], copies: CopyRelation[], opts: EventOptions = {}): EventCluster[] {
  const threshold = opts.threshold ?? 0.15;
  const maxGap = opts.maxGapDays ?? 10;
  const n = prepared.length;
  const { vecs, idf } = tfidfVectors(prepared.map(eventFeatures));
  const idx = new Map(prepared.map((p, i) => [p.article.id, i]));
  // candidate pairs: articles sharing several of their 40 heaviest terms
  const TOP = 40;
  const postings = new Map<string, number[]>();
  vecs.forEach((v, i) => {
    for (const [t] of [...v.entries()].sort((a, b) => b[1] - a[1]).slice(0, TOP)) (postings.get(t) ?? postings.set(t, []).get(t)!).push(i);
  });
  const shared = new Map<number, number>();
  for (const list of postings.values()) {
    if (list.length > 150) continue; // a term heavy in hundreds of articles says nothing about the event
    for (let a = 0; a < list.length; a++) for (let b = a + 1; b < list.length; b++) {
      const k = list[a] * n + list[b];
      shared.set(k, (shared.get(k) ?? 0) + 1);
    }
  }
  const sim = new Map<number, number>();
  const key = (i: number, j: number) => (i < j ? i * n + j : j * n + i);
  const edges: Array<[number, number, number]> = [];
  for (const [k, c] of shared) {
    if (c < (n > 200 ? 5 : 3) && n > 20) continue;
    const i = Math.floor(k / n);
    const j = k % n;
    const s = cosine(vecs[i], vecs[j]);
    sim.set(k, s);
    if (s >= threshold) edges.push([i, j, s]);
  }
  // clusters start from copy components: a copy always reports the same event as its source
  const parent = prepared.map((_, i) => i);
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x])));
  const members = new Map<number, number[]>(prepared.map((_, i) => [i, [i]]));
  // time gate: all pairs within maxGap  <=>  (latest interval start) - (earliest interval end) <= maxGap
  const span = new Map<number, [number, number]>();
  prepared.forEach((p, i) => {
    if (p.eventDate) {
      const [s0, s1] = dateInterval(p.eventDate);
      span.set(i, [s0, s1]);
    }
  });
  const gateOk = (a: number, b: number) => {
    const x = span.get(a);
    const y = span.get(b);
    if (!x || !y) return true;
    return Math.max(x[0], y[0]) - Math.min(x[1], y[1]) <= maxGap;
  };
  const merge = (a: number, b: number) => {
    parent[b] = a;
    members.set(a, [...members.get(a)!, ...members.get(b)!]);
    members.delete(b);
    const x = span.get(a);
    const y = span.get(b);
    if (x && y) span.set(a, [Math.max(x[0], y[0]), Math.min(x[1], y[1])]);
    else if (y) span.set(a, y);
  };
  for (const c of copies) {
    const a = idx.get(c.copyId);
    const b = idx.get(c.sourceId);
    if (a === undefined || b === undefined) continue;
    const ra = find(a);
    const rb = find(b);
    // text recycled for a later event (background paragraphs, templates) does not make it the same event
    if (ra !== rb && gateOk(ra, rb)) merge(rb, ra);
  }
  // average linkage over descending edges, never across the time gate
  edges.sort((x, y) => y[2] - x[2]);
  for (const [i, j] of edges) {
    const ra = find(i);
    const rb = find(j);
    if (ra === rb || !gateOk(ra, rb)) continue;
    const A = members.get(ra)!;
    const B = members.get(rb)!;
    let s = 0;
    for (const a of A) for (const b of B) s += sim.get(key(a, b)) ?? 0;
    if (s / (A.length * B.length) >= threshold) merge(ra, rb);
  }
  const dates: (EventDate | null)[] = prepared.map((p) => p.eventDate);
  return [...members.values()]
    .map((g) => {
      const ds = g.map((i) => dates[i]).filter((d): d is EventDate => !!d).map((d) => (d.precision === 'month' ? d.date.slice(0, 7) : d.precision === 'year' ? d.date.slice(0, 4) : d.date)).sort();
      // key terms: highest summed tf-idf weight across members, proper names first
      const score = new Map<string, number>();
      for (const i of g) for (const [t, w] of vecs[i]) score.set(t, (score.get(t) ?? 0) + w * (idf.get(t) ?? 0));
      const keyTerms = [...score.entries()]
        .filter(([t]) => t.startsWith('#'))
        .sort((a, b) => b[1] - a[1])
        .map(([t]) => (t.startsWith('#') ? t.slice(1) : t))
        .filter((t, k, arr) => arr.indexOf(t) === k && t.length > 2 && !/^\d+$/.test(t) && !NOT_ENTITIES.has(t))
        .slice(0, 8);
      const ids = g.map((i) => prepared[i].article.id).sort();
      return { id: 'ev-' + ids[0], articleIds: ids, dateFrom: ds[0] ?? null, dateTo: ds.at(-1) ?? null, keyTerms };
    })
    .sort((a, b) => (b.dateFrom ?? '').localeCompare(a.dateFrom ?? '') || b.articleIds.length - a.articleIds.length);
}

/** Pairwise cosine similarities (for diagnostics and tests). */
export function similarityMatrix(prepared: PreparedArticle[]): number[][] {
  const { vecs } = tfidfVectors(prepared.map(eventFeatures));
  return vecs.map((a) => vecs.map((b) => cosine(a, b)));
}

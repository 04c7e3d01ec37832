// Page furniture shared between documents: a short block that recurs in articles of one outlet (a
// newsletter box, a transcript note, a share widget) or in articles that otherwise have nothing to do with
// each other (a copyright line under stories on different events) is not evidence that one copied the
// other. Known by repetition, by who carries it and by how unrelated the carriers are — never by a list
// of phrases.
import type { Unit } from './units.ts';

/** Furniture comes in short blocks; a longer shared run, or most of a document, is reporting. */
const MAX_UNITS = 4;
const MOST_OF_DOC = 0.5;
/** Below this TF-IDF cosine (outside the shared block) two documents report different things. */
export const UNRELATED = 0.08;
/** Documents a sentence must recur in before the collection judges it (pairs are judged when aligned). */
const MANY = 3;

export interface FurnitureDoc {
  units: Unit[];
  /** outlet or web site, when known */
  site: string | null;
}

export function charShare(units: Unit[], idx: number[]): number {
  const total = units.reduce((s, u) => s + u.text.length, 0);
  return total ? [...new Set(idx)].reduce((s, i) => s + units[i].text.length, 0) / total : 0;
}

/** A block small enough to be furniture in its document. */
export function smallBlock(units: Unit[], idx: number[]): boolean {
  return new Set(idx).size <= MAX_UNITS && charShare(units, idx) < MOST_OF_DOC;
}

/** Inverse document frequency of content words over the collection (for topic similarity). */
export function collectionIdf(docs: Array<{ units: Unit[] }>): Map<string, number> {
  const df = new Map<string, number>();
  for (const d of docs) for (const t of countsOf(d.units).keys()) df.set(t, (df.get(t) ?? 0) + 1);
  const n = docs.length;
  return new Map([...df].map(([t, c]) => [t, Math.log(1 + n / c)]));
}

/** Word counts of a document (numbers left out), kept with the document for topic comparisons. */
export function termCounts(units: Unit[]): Map<string, number> {
  const tf = new Map<string, number>();
  for (const u of units) for (const t of u.tokens) if (!/\d/.test(t)) tf.set(t, (tf.get(t) ?? 0) + 1);
  return tf;
}

const counted = new WeakMap<Unit[], Map<string, number>>();
function countsOf(units: Unit[]): Map<string, number> {
  let c = counted.get(units);
  if (!c) counted.set(units, (c = termCounts(units)));
  return c;
}

type Weighted = { v: Map<string, number>; norm: number };
// one verification compares a document's vector without the same block many times (each pair of a recurring
// sentence's carriers): vectors are kept per word weights, document and left-out block
const weighted = new WeakMap<Map<string, number>, WeakMap<Unit[], Map<string, Weighted>>>();

/** TF-IDF weights of a document without the units `skip`. */
function vector(units: Unit[], skip: number[], idf: Map<string, number>): Weighted {
  let byUnits = weighted.get(idf);
  if (!byUnits) weighted.set(idf, (byUnits = new WeakMap()));
  let bySkip = byUnits.get(units);
  if (!bySkip) byUnits.set(units, (bySkip = new Map()));
  const key = [...new Set(skip)].sort((x, y) => x - y).join(',');
  let w = bySkip.get(key);
  if (!w) bySkip.set(key, (w = computeVector(units, skip, idf)));
  return w;
}

function computeVector(units: Unit[], skip: number[], idf: Map<string, number>): Weighted {
  const tf = new Map(countsOf(units));
  for (const i of new Set(skip)) for (const t of units[i].tokens) if (tf.has(t)) tf.set(t, tf.get(t)! - 1);
  const v = new Map<string, number>();
  let norm = 0;
  for (const [t, c] of tf) {
    if (c <= 0) continue;
    const w = (1 + Math.log(c)) * (idf.get(t) ?? 0);
    v.set(t, w);
    norm += w * w;
  }
  return { v, norm: Math.sqrt(norm) || 1 };
}

/** Topic similarity of two documents leaving out the blocks they share. */
export function topicSimilarity(a: Unit[], ia: number[], b: Unit[], ib: number[], idf: Map<string, number>): number {
  const A = vector(a, ia, idf);
  const B = vector(b, ib, idf);
  const [x, y] = A.v.size < B.v.size ? [A.v, B.v] : [B.v, A.v];
  let s = 0;
  for (const [t, w] of x) s += w * (y.get(t) ?? 0);
  return s / (A.norm * B.norm);
}

/** A passage two documents share is furniture: a small block in both, and both of one site or otherwise unrelated. */
export function sharedFurniture(A: FurnitureDoc, ia: number[], B: FurnitureDoc, ib: number[], idf: Map<string, number>): boolean {
  if (!smallBlock(A.units, ia) || !smallBlock(B.units, ib)) return false;
  if (A.site && A.site === B.site) return true;
  return topicSimilarity(A.units, ia, B.units, ib, idf) < UNRELATED;
}

/**
 * Units that are furniture, per document: sentences found word for word in several documents, a small
 * block in most of them, carried by one site only or by documents that otherwise report different things.
 */
export function findFurniture(docs: FurnitureDoc[], idf: Map<string, number>): Array<Set<number>> {
  const carriers = new Map<number, number[]>();
  docs.forEach((d, di) => {
    for (const u of d.units) {
      if (!u.key) continue;
      const list = carriers.get(u.key) ?? carriers.set(u.key, []).get(u.key)!;
      if (list[list.length - 1] !== di) list.push(di);
    }
  });
  const out = docs.map(() => new Set<number>());
  for (const [key, cs] of carriers) {
    if (cs.length < MANY) continue;
    const sample = cs.slice(0, 12);
    const with_ = new Set(cs);
    const blocks = sample.map((ci) => block(docs[ci].units, docs[ci].units.findIndex((x) => x.key === key), ci, with_, carriers));
    const small = sample.filter((ci, k) => smallBlock(docs[ci].units, blocks[k]));
    if (small.length * 2 <= sample.length) continue;
    const sites = new Set(sample.map((ci) => docs[ci].site));
    let isFurniture = sites.size === 1 && !sites.has(null);
    if (!isFurniture) {
      let pairs = 0;
      let unrelated = 0;
      for (let x = 0; x < sample.length; x++)
        for (let y = x + 1; y < sample.length; y++) {
          pairs++;
          if (topicSimilarity(docs[sample[x]].units, blocks[x], docs[sample[y]].units, blocks[y], idf) < UNRELATED) unrelated++;
        }
      isFurniture = unrelated * 2 > pairs;
    }
    if (isFurniture) for (const ci of cs) docs[ci].units.forEach((u, ui) => u.key === key && out[ci].add(ui));
  }
  return out;
}

/** The run of neighbouring units of document `self` that other documents of `with_` also carry. */
function block(units: Unit[], at: number, self: number, with_: Set<number>, carriers: Map<number, number[]>): number[] {
  const shared = (u: Unit) => !!u.key && (carriers.get(u.key) ?? []).some((c) => c !== self && with_.has(c));
  let from = at;
  let to = at;
  while (from > 0 && shared(units[from - 1])) from--;
  while (to + 1 < units.length && shared(units[to + 1])) to++;
  return Array.from({ length: to - from + 1 }, (_, k) => from + k);
}

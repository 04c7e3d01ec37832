// Page furniture shared between documents: a sentence that recurs in several documents but has nothing
// to do with the rest of the text around it (a newsletter box, a transcript note, a share widget, a
// copyright line) is not evidence that one document copied another. Known by repetition and by its
// words not being used anywhere else in the documents that carry it, never by a list of phrases.
import type { Unit } from './units.ts';

/** Below this share of its words used elsewhere in the document, a passage is off-topic there. */
export const OFF_TOPIC = 0.25;
/** A passage covering this much of a document is the document itself, not its furniture. */
const MOST_OF_DOC = 0.5;
/** Furniture comes in short blocks (a box, a footer, a widget); a longer shared run is reporting. */
const MAX_UNITS = 4;

/** How many units of a document use each word (numbers left out). */
export function unitCounts(units: Unit[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const u of units) for (const t of u.tokens) if (!/\d/.test(t)) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}

/** Share of the words of units `idx` that the document also uses outside them. */
export function relevance(units: Unit[], counts: Map<string, number>, idx: number[]): number {
  const inside = new Map<string, number>();
  for (const i of idx) for (const t of units[i].tokens) if (!/\d/.test(t)) inside.set(t, (inside.get(t) ?? 0) + 1);
  if (!inside.size) return 0;
  let used = 0;
  for (const [t, n] of inside) if ((counts.get(t) ?? 0) > n) used++;
  return used / inside.size;
}

export function charShare(units: Unit[], idx: number[]): number {
  const total = units.reduce((s, u) => s + u.text.length, 0);
  return total ? idx.reduce((s, i) => s + units[i].text.length, 0) / total : 0;
}

/** Units `idx` are a small, off-topic part of their document. */
export function offTopic(units: Unit[], counts: Map<string, number>, idx: number[]): boolean {
  return new Set(idx).size <= MAX_UNITS && charShare(units, idx) < MOST_OF_DOC && relevance(units, counts, idx) < OFF_TOPIC;
}

/** Documents a sentence must recur in before the collection calls it furniture (pairs are judged when aligned). */
const MANY = 3;

/**
 * Units that are furniture, per document: sentences found word for word in several documents that,
 * in most of the documents carrying them, form a small block whose words the rest of the text never uses.
 */
export function findFurniture(docs: Array<{ units: Unit[]; counts: Map<string, number> }>): Array<Set<number>> {
  const carriers = new Map<number, number[]>();
  docs.forEach((d, di) => {
    for (const u of d.units) {
      if (!u.key) continue;
      const list = carriers.get(u.key) ?? carriers.set(u.key, []).get(u.key)!;
      if (list[list.length - 1] !== di) list.push(di);
    }
  });
  const out = docs.map(() => new Set<number>());
  const verdict = new Map<number, boolean>();
  docs.forEach((d, di) => {
    d.units.forEach((u, ui) => {
      const cs = carriers.get(u.key);
      if (!u.key || !cs || cs.length < MANY) return;
      let isFurniture = verdict.get(u.key);
      if (isFurniture === undefined) {
        let off = 0;
        const sample = cs.slice(0, 30);
        for (const ci of sample) {
          const doc = docs[ci];
          const at = doc.units.findIndex((x) => x.key === u.key);
          if (offTopic(doc.units, doc.counts, block(doc.units, at, ci, new Set(cs), carriers))) off++;
        }
        isFurniture = off * 2 >= sample.length;
        verdict.set(u.key, isFurniture);
      }
      if (isFurniture) out[di].add(ui);
    });
  });
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

// How well an article fits a story. Two articles are alike by their content (TF-IDF cosine over
// content words), their names (who and where), a copy link, less a soft penalty growing with the days
// between their dates; an article's fit to a story is the mean of that over the story's members
// (average linkage), computed from the story's summed vectors. Time never vetoes: a strong enough
// match survives one wrong date estimate, while look-alike events — same kind of happening, other
// people, place or date — stay apart by their names and dates.
import type { ClusterSummary, EventVector } from '../model/event.ts';
import { spanOf } from './summary.ts';

export interface EventWeights {
  /** weight of content cosine */
  content: number;
  /** weight of name cosine */
  names: number;
  /** added for a pair where one copies the other */
  copy: number;
  /** largest time penalty of a pair, reached when their dates are weeks apart (above any content score) */
  time: number;
  /** days apart that cost nothing (an event and its first follow-ups) */
  graceDays: number;
  /** days over which the penalty approaches its largest value */
  scaleDays: number;
  /** share of the penalty for a pair whose dates were not both read against a publication date */
  looseTime: number;
  /** more days that cost nothing for such a pair (the estimate may be off by that much) */
  looseGraceDays: number;
  /** mean pair score an article needs to join a story: above what reports of unrelated happenings reach */
  join: number;
  /** mean pair score two established stories need to merge: what reports of one happening typically share */
  merge: number;
  /** members that make a story established (below it, a story is treated like loose articles) */
  coreSize: number;
}

export const DEFAULT_WEIGHTS: EventWeights = { content: 0.5, names: 0.5, copy: 0.3, time: 1.2, graceDays: 3, scaleDays: 10, looseTime: 0.1, looseGraceDays: 30, join: 0.125, merge: 0.3, coreSize: 4 };

/** Score two stories need to merge: established stories need the stricter level. */
export function mergeLevel(sizeA: number, sizeB: number, w: EventWeights): number {
  return Math.min(sizeA, sizeB) >= w.coreSize ? w.merge : w.join;
}

export interface FitScore {
  total: number;
  /** mean content cosine with the members */
  content: number;
  /** mean name cosine with the members */
  names: number;
  /** share of the members linked by a copy relation */
  copies: number;
  /** mean time penalty */
  timePenalty: number;
}

export interface StoryFit extends FitScore {
  /** days between the two stories' median days (null: either has no day-dated member) */
  gapDays: number | null;
}

type Vec = Record<string, number>;

const ENTRIES = new WeakMap<Vec, Array<[string, number]>>();

/** An article vector's entries (article vectors never change once weighted, so they are listed once). */
function entriesOf(v: Vec): Array<[string, number]> {
  let e = ENTRIES.get(v);
  if (!e) ENTRIES.set(v, (e = Object.entries(v)));
  return e;
}

/** Dot product of an article vector with any vector (a story's sums, another article). */
export function dotArticle(v: Vec, y: Vec): number {
  let s = 0;
  for (const [t, x] of entriesOf(v)) {
    const u = y[t];
    if (u) s += x * u;
  }
  return s;
}

/** Dot product, walking the first vector (pass the smaller one first). */
export function dot(x: Vec, y: Vec): number {
  let s = 0;
  for (const t in x) {
    const v = y[t];
    if (v) s += x[t] * v;
  }
  return s;
}

/**
 * Time penalty of one pair: nothing within the grace days, then a Gaussian-shaped rise to `time` —
 * follow-ups a few days later cost little, look-alikes weeks apart cost more than similar words earn.
 */
export function pairPenalty(gapDays: number, firm: boolean, w: EventWeights): number {
  // a date read against the text's own latest date may be background or weeks off: such pairs count less, and later
  const over = Math.max(0, gapDays - w.graceDays - (firm ? 0 : w.looseGraceDays));
  return (firm ? 1 : w.looseTime) * w.time * (1 - Math.exp(-((over / w.scaleDays) ** 2)));
}

/** How much a copy link between two articles counts: in full when their dates are close, fading as they drift apart. */
export function copyWeight(a: Pick<EventVector, 'date'>, b: Pick<EventVector, 'date'>, w: EventWeights): number {
  if (!a.date || !b.date || w.time <= 0) return 1;
  return 1 - pairPenalty(spanGap([a.date.from, a.date.to], [b.date.from, b.date.to]), a.date.reliable && b.date.reliable, w) / w.time;
}

/** Days between two spans (0 when they overlap). */
export function spanGap(a: [number, number], b: [number, number]): number {
  return Math.max(0, a[0] - b[1], b[0] - a[1]);
}

/** Summed time penalty of every pair between two date histograms. */
function timeSum(a: Record<string, number>, aFirm: Record<string, number>, b: Record<string, number>, bFirm: Record<string, number>, w: EventWeights): number {
  let sum = 0;
  for (const ka in a)
    for (const kb in b) {
      const g = spanGap(spanOf(ka), spanOf(kb));
      const firm = (aFirm[ka] ?? 0) * (bFirm[kb] ?? 0);
      sum += firm * pairPenalty(g, true, w) + (a[ka] * b[kb] - firm) * pairPenalty(g, false, w);
    }
  return sum;
}

/** Median member day (members dated to a day only). */
export function medianDay(dates: Record<string, number>): number | null {
  const days = Object.keys(dates).filter((k) => !k.includes(':')).map(Number).sort((a, b) => a - b);
  const total = days.reduce((n, d) => n + dates[d], 0);
  let seen = 0;
  for (const d of days) if ((seen += dates[d]) * 2 >= total) return d;
  return null;
}

/** An article's own date as a one-entry histogram. */
function ownDates(v: EventVector): [Record<string, number>, Record<string, number>] {
  const k = v.date ? (v.date.from === v.date.to ? String(v.date.from) : `${v.date.from}:${v.date.to}`) : null;
  return k === null ? [{}, {}] : [{ [k]: 1 }, v.date!.reliable ? { [k]: 1 } : {}];
}

/** Score of one pair of articles. */
export function pairScore(a: EventVector, b: EventVector, w: EventWeights): number {
  const g = a.date && b.date ? spanGap([a.date.from, a.date.to], [b.date.from, b.date.to]) : null;
  const penalty = g === null ? 0 : pairPenalty(g, a.date!.reliable && b.date!.reliable, w);
  const copy = w.copy * (a.copies[b.id] ?? b.copies[a.id] ?? 0);
  return w.content * dotArticle(a.terms, b.terms) + w.names * dotArticle(a.names, b.names) + copy - penalty;
}

/** Mean pair score of an article with a story's members; `member` when it is one of them (left out). */
export function fitScore(v: EventVector, s: ClusterSummary, w: EventWeights, member = false): FitScore {
  const n = s.members.length - (member ? 1 : 0);
  if (n <= 0) return { total: 0, content: 0, names: 0, copies: 0, timePenalty: 0 };
  // an article's vectors have unit length (or none at all): leaving it out takes its own dot product away
  const self = (x: Vec) => (member && entriesOf(x).length ? 1 : 0);
  const content = (dotArticle(v.terms, s.terms) - self(v.terms)) / n;
  const names = (dotArticle(v.names, s.names) - self(v.names)) / n;
  let linked = 0;
  for (const id in v.copies) if (id !== v.id && s.members.includes(id)) linked += v.copies[id];
  const copies = linked / n;
  // an article compared with its own story meets its own date at no cost, so nothing to leave out
  const timePenalty = timeSum(...ownDates(v), s.dates, s.firmDates, w) / n;
  const total = w.content * content + w.names * names + w.copy * copies - timePenalty;
  return { total, content, names, copies, timePenalty };
}

/**
 * Mean pair score between the members of two stories; `copyPairs` sums the copy links between them.
 * With the member vectors of `a` at hand, the sums are compared through them (faster than walking a sum).
 */
export function storyScore(a: ClusterSummary, b: ClusterSummary, w: EventWeights, copyPairs: number, aMembers: EventVector[] | null = null): StoryFit {
  const pairs = a.members.length * b.members.length;
  let content = 0;
  let names = 0;
  if (aMembers) {
    for (const v of aMembers) {
      content += dotArticle(v.terms, b.terms);
      names += dotArticle(v.names, b.names);
    }
  } else {
    content = dot(a.terms, b.terms);
    names = dot(a.names, b.names);
  }
  content /= pairs;
  names /= pairs;
  const time = timeSum(a.dates, a.firmDates, b.dates, b.firmDates, w);
  const ma = medianDay(a.dates);
  const mb = medianDay(b.dates);
  const copies = copyPairs / pairs;
  const timePenalty = time / pairs;
  const total = w.content * content + w.names * names + w.copy * copies - timePenalty;
  return { total, content, names, copies, timePenalty, gapDays: ma === null || mb === null ? null : Math.abs(ma - mb) };
}

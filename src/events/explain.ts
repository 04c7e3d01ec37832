// Why articles are in a story, and why look-alike stories were kept apart: the shared words and
// names behind each score, the dates, the copy links — in words a reader of the dossier can check.
import type { ApartExplanation, ClusterSummary, EventVector, MemberExplanation } from '../model/event.ts';
import { candidateStories, emptyIndex, heldKeys, indexKeys, queryKeys, unionKeys } from './assign.ts';
import { fitScore, medianDay, mergeLevel, spanGap, storyScore, type EventWeights, type StoryFit } from './similarity.ts';
import { spanOf } from './summary.ts';
import { isDemonym } from '../entities/lexicon.ts';
import { dayIso } from '../nlp/dates.ts';

/** Readable forms of stemmed terms and spelling-folded name parts. */
export interface Labels {
  term(t: string): string;
  name(k: string): string;
}

/** Stories shown as kept apart from one story at most. */
export const MAX_APART = 3;
/** Mean content cosine from which two stories count as look-alikes (reports of unrelated happenings rarely share more). */
export const LOOKALIKE_CONTENT = 0.1;
const TOP = 6;

type Vec = Record<string, number>;

/** Terms that contribute most to the dot product of `v` with `sum` (less `own`, the article's own share). */
function topShared(v: Vec, sum: Vec, own: Vec | null, n = TOP): string[] {
  return Object.keys(v)
    .map((t) => [t, v[t] * ((sum[t] ?? 0) - (own?.[t] ?? 0))] as [string, number])
    .filter(([, x]) => x > 1e-6)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, n)
    .map(([t]) => t);
}

/** Heaviest entries of `a` that `b` lacks. */
function onlyIn(a: Vec, b: Vec, n = 5): string[] {
  return Object.keys(a)
    .filter((t) => !b[t])
    .sort((x, y) => a[y] - a[x] || (x < y ? -1 : 1))
    .slice(0, n);
}

export function explainMember(v: EventVector, s: ClusterSummary, w: EventWeights, labels: Labels): MemberExplanation {
  const fit = fitScore(v, s, w, true);
  const ownDay = v.date && v.date.from === v.date.to ? v.date.from : null;
  const storyDay = medianDay(s.dates);
  const gapDays = v.date && storyDay !== null ? spanGap([v.date.from, v.date.to], [storyDay, storyDay]) : null;
  const day = ownDay ?? (v.date ? null : storyDay);
  return {
    articleId: v.id,
    score: round(fit.total),
    content: round(fit.content),
    names: round(fit.names),
    gapDays,
    sharedTerms: topShared(v.terms, s.terms, v.terms).map(labels.term),
    sharedNames: topShared(v.names, s.names, v.names).map(labels.name),
    date: day === null ? (v.date ? dayIso(v.date.from).slice(0, 7) : null) : dayIso(day),
    dateSource: ownDay !== null || v.date ? 'text' : day !== null ? 'cluster' : null,
    copyOf: Object.keys(v.copies).filter((id) => s.members.includes(id)).sort(),
  };
}

/** When a story happened: its members' middle day, else the span their (month-level) dates cover. */
function coverage(s: ClusterSummary): [number, number] | null {
  const mid = medianDay(s.dates);
  if (mid !== null) return [mid, mid];
  const spans = Object.keys(s.dates).map(spanOf);
  return spans.length ? [Math.min(...spans.map((x) => x[0])), Math.max(...spans.map((x) => x[1]))] : null;
}

function showSpan([a, b]: [number, number]): string {
  return a === b ? dayIso(a) : `${dayIso(a)} to ${dayIso(b)}`;
}

function apartReasons(a: ClusterSummary, b: ClusterSummary, sc: StoryFit, needed: number, hereOnly: string[], thereOnly: string[]): string[] {
  const out: string[] = [];
  if (hereOnly.length && thereOnly.length) out.push(`different people or places: ${hereOnly.join(', ')} here; ${thereOnly.join(', ')} there`);
  const [ca, cb] = [coverage(a), coverage(b)];
  if (sc.timePenalty > 0.005 && ca && cb) out.push(`dated ${spanGap(ca, cb)} days apart (${showSpan(ca)} here, ${showSpan(cb)} there), which costs ${sc.timePenalty.toFixed(2)}`);
  const raw = sc.total + sc.timePenalty;
  const how = sc.timePenalty > 0.005 ? `${raw.toFixed(2)} less ${sc.timePenalty.toFixed(2)} for time = ${sc.total.toFixed(2)}` : sc.total.toFixed(2);
  out.push(`their articles score ${how} on average, below the ${needed.toFixed(2)} needed to be one story`);
  return out;
}

/** For each story, the most similar stories it was kept apart from, and why. */
export function explainApart(stories: ClusterSummary[], byId: Map<string, EventVector>, w: EventWeights, labels: Labels): Map<string, ApartExplanation[]> {
  const ix = emptyIndex();
  const keysOf = new Map(stories.map((s) => [s.id, unionKeys(s.members.map((m) => queryKeys(byId.get(m)!)))]));
  for (const s of stories) for (const m of s.members) indexKeys(ix, s.id, heldKeys(byId.get(m)!));
  const byStory = new Map(stories.map((s) => [s.id, s]));
  const out = new Map<string, ApartExplanation[]>();
  for (const s of stories) {
    const apart: ApartExplanation[] = [];
    for (const id of candidateStories(ix, keysOf.get(s.id)!, s.id)) {
      const o = byStory.get(id)!;
      const sc = storyScore(s, o, w, 0);
      // look-alike: the same kind of happening, whoever, wherever and whenever it was
      if (sc.content < LOOKALIKE_CONTENT) continue;
      const onlyHere = onlyIn(s.names, o.names).map(labels.name).filter((x) => !isDemonym(x));
      const onlyThere = onlyIn(o.names, s.names).map(labels.name).filter((x) => !isDemonym(x));
      const needed = mergeLevel(s.members.length, o.members.length, w);
      apart.push({
        storyId: o.id,
        content: round(sc.content),
        names: round(sc.names),
        gapDays: sc.gapDays,
        score: round(sc.total),
        sharedTerms: topShared(s.terms, o.terms, null).map(labels.term),
        onlyHere,
        onlyThere,
        reasons: apartReasons(s, o, sc, needed, onlyHere, onlyThere),
      });
    }
    out.set(s.id, apart.sort((x, y) => y.content - x.content || (x.storyId < y.storyId ? -1 : 1)).slice(0, MAX_APART));
  }
  return out;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

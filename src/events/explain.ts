// Why articles are in a story, and why look-alike stories were kept apart: the shared words and
// names behind each score, the dates, the copy links. Terms and names come out as the grouping
// keys (stems, spelling-folded names); the caller turns them into words a reader can check.
import type { ApartExplanation, ClusterSummary, EventVector, MemberExplanation } from '../model/event.ts';
import { candidateStories, unionKeys } from './assign.ts';
import type { Grouping } from './group.ts';
import { fitScore, medianDay, mergeLevel, spanGap, storyScore, type EventWeights, type StoryFit } from './similarity.ts';
import { spanOf } from './summary.ts';
import { dayIso } from '../nlp/dates.ts';

/** Stories shown as kept apart from one story at most. */
export const MAX_APART = 3;
/** Mean content cosine from which two stories count as look-alikes (reports of unrelated happenings rarely share more). */
export const LOOKALIKE_CONTENT = 0.1;
const TOP = 6;

type Vec = Record<string, number>;

/** The n keys of `v` with the largest `score`, best first (one pass, no sorting of the whole vector). */
function topBy(v: Vec, score: (k: string) => number, n: number): string[] {
  const best: Array<[string, number]> = [];
  for (const k in v) {
    const x = score(k);
    if (x <= 1e-9 || (best.length === n && x <= best[n - 1][1])) continue;
    let i = best.length;
    while (i > 0 && (best[i - 1][1] < x || (best[i - 1][1] === x && best[i - 1][0] > k))) i--;
    best.splice(i, 0, [k, x]);
    if (best.length > n) best.pop();
  }
  return best.map(([k]) => k);
}

/** Terms that contribute most to the dot product of `v` with `sum` (less `own`, the article's own share). */
function topShared(v: Vec, sum: Vec, own: Vec | null, n = TOP): string[] {
  return topBy(v, (t) => v[t] * ((sum[t] ?? 0) - (own?.[t] ?? 0)), n);
}

/** Terms the two stories' sums share most, walking the story with fewer members. */
function sharedBetween(a: ClusterSummary, b: ClusterSummary): string[] {
  const [x, y] = a.members.length <= b.members.length ? [a, b] : [b, a];
  return topBy(x.terms, (t) => x.terms[t] * (y.terms[t] ?? 0), TOP);
}

export function explainMember(v: EventVector, s: ClusterSummary, w: EventWeights): MemberExplanation {
  const fit = fitScore(v, s, w, true);
  const ownDay = v.date && v.date.from === v.date.to ? v.date.from : null;
  const storyDay = medianDay(s.dates);
  const day = ownDay ?? (v.date ? null : storyDay);
  return {
    articleId: v.id,
    score: round(fit.total),
    content: round(fit.content),
    names: round(fit.names),
    gapDays: v.date && storyDay !== null ? spanGap([v.date.from, v.date.to], [storyDay, storyDay]) : null,
    sharedTerms: topShared(v.terms, s.terms, v.terms),
    sharedNames: topShared(v.names, s.names, v.names),
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

/** Reasons in words; `name` turns a name key into its written form. */
function apartReasons(a: ClusterSummary, b: ClusterSummary, sc: StoryFit, needed: number, name: (k: string) => string, onlyHere: string[], onlyThere: string[]): string[] {
  const out: string[] = [];
  if (onlyHere.length && onlyThere.length) out.push(`different people or places: ${onlyHere.map(name).join(', ')} here; ${onlyThere.map(name).join(', ')} there`);
  const [ca, cb] = [coverage(a), coverage(b)];
  if (sc.timePenalty > 0.005 && ca && cb) out.push(`dated ${spanGap(ca, cb)} days apart (${showSpan(ca)} here, ${showSpan(cb)} there), which costs ${sc.timePenalty.toFixed(2)}`);
  const raw = sc.total + sc.timePenalty;
  const how = sc.timePenalty > 0.005 ? `${raw.toFixed(2)} less ${sc.timePenalty.toFixed(2)} for time = ${sc.total.toFixed(2)}` : sc.total.toFixed(2);
  out.push(`their articles score ${how} on average, below the ${String(round(needed))} needed to be one story`);
  return out;
}

/**
 * For each story, the most similar stories it was kept apart from, and why. Look-alikes are looked up
 * in the grouping's own index; `name` turns name keys into written names (for the reasons), and
 * `isName` says whether a written name names someone or somewhere (not a nationality).
 */
export function explainApart(g: Grouping, byId: Map<string, EventVector>, w: EventWeights, name: (k: string) => string, isName: (written: string) => boolean): Map<string, ApartExplanation[]> {
  const byStory = new Map(g.stories.map((s) => [s.id, s]));
  const out = new Map<string, ApartExplanation[]>();
  for (const s of g.stories) {
    const scored: Array<[ClusterSummary, StoryFit]> = [];
    for (const id of candidateStories(g.index, unionKeys(s.members.map((m) => g.query.get(m)!)), s.id)) {
      const o = byStory.get(id)!;
      const [x, y] = s.members.length <= o.members.length ? [s, o] : [o, s];
      const sc = storyScore(x, y, w, 0, x.members.map((m) => byId.get(m)!));
      // look-alike: the same kind of happening, whoever, wherever and whenever it was
      if (sc.content >= LOOKALIKE_CONTENT) scored.push([o, sc]);
    }
    scored.sort((x, y) => y[1].content - x[1].content || (x[0].id < y[0].id ? -1 : 1));
    out.set(
      s.id,
      scored.slice(0, MAX_APART).map(([o, sc]) => {
        const onlyHere = topBy(s.names, (k) => (o.names[k] ? 0 : s.names[k]), 8).filter((k) => isName(name(k))).slice(0, 5);
        const onlyThere = topBy(o.names, (k) => (s.names[k] ? 0 : o.names[k]), 8).filter((k) => isName(name(k))).slice(0, 5);
        const copies = s.members.some((m) => Object.keys(byId.get(m)!.copies).some((c) => o.members.includes(c)));
        return {
          storyId: o.id,
          content: round(sc.content),
          names: round(sc.names),
          gapDays: sc.gapDays,
          score: round(sc.total),
          sharedTerms: sharedBetween(s, o),
          onlyHere,
          onlyThere,
          reasons: [...apartReasons(s, o, sc, mergeLevel(s.members.length, o.members.length, w), name, onlyHere, onlyThere), ...(copies ? ['some of their articles share passages of text, not enough to make them one story'] : [])],
        };
      }),
    );
  }
  return out;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

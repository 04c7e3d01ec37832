// Groups a batch of articles into stories with the online assignment, then lets the grouping settle:
// articles move to the story they fit best, a story holding two groups that would not merge is split,
// and stories that converged merge. Articles are taken in a canonical order (dated ones by date, then
// undated ones; ties by id), so the input order does not matter, and settling undoes most of what
// the order of a live stream decided (an undated report that joined a look-alike story first).
import type { ClusterSummary, EventVector } from '../model/event.ts';
import { addMember, mergeInto, newSummary, removeMember } from './summary.ts';
import { addKeyCounts, candidateStories, decide, emptyIndex, heldKeys, indexKeys, queryKeys, unindexStory, unionKeys, type CandidateIndex, type QueryKeys } from './assign.ts';
import { fitScore, mergeLevel, pairScore, storyScore, type EventWeights } from './similarity.ts';

/** Settling rounds at most; they stop early when nothing changes. */
export const SETTLE_ROUNDS = 6;

interface State {
  stories: Map<string, ClusterSummary>;
  /** member lists already tested for a split (a story that has not changed need not be tested again) */
  tested: Set<string>;
  storyOf: Map<string, string>;
  ix: CandidateIndex;
  /** per article: the keys it looks stories up by, and the keys its story is found by */
  query: Map<string, QueryKeys>;
  held: Map<string, string[]>;
  byId: Map<string, EventVector>;
  w: EventWeights;
  /** stories made so far (internal ids are s1, s2, …; the caller names stories after their members) */
  made: number;
  /** stories changed since the last settling round: only articles near them need another look */
  changed: Set<string>;
  /** each article's candidate stories when it was last looked at */
  cands: Map<string, string[]>;
}

const byId = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Dated articles first, by day; then those dated only to a month; then undated ones. Ties by id. */
export function canonicalOrder(vs: EventVector[]): EventVector[] {
  const rank = (v: EventVector) => (v.date ? (v.date.from === v.date.to ? 0 : 1) : 2);
  return [...vs].sort((a, b) => rank(a) - rank(b) || (a.date?.from ?? 0) - (b.date?.from ?? 0) || byId(a.id, b.id));
}

export function summaryOf(vs: EventVector[]): ClusterSummary {
  const sorted = [...vs].sort((a, b) => byId(a.id, b.id));
  const s = newSummary(sorted[0]);
  for (const v of sorted.slice(1)) addMember(s, v);
  return s;
}

/** Add a story made of these articles. */
function add(st: State, vs: EventVector[]): ClusterSummary {
  const s = summaryOf(vs);
  s.id = 's' + ++st.made;
  st.stories.set(s.id, s);
  st.changed.add(s.id);
  for (const v of vs) {
    indexKeys(st.ix, s.id, st.held.get(v.id)!);
    st.storyOf.set(v.id, s.id);
  }
  return s;
}

function drop(st: State, id: string): void {
  st.stories.delete(id);
  unindexStory(st.ix, id);
}

function join(st: State, v: EventVector, storyId: string | null): void {
  if (!storyId) {
    add(st, [v]);
    return;
  }
  addMember(st.stories.get(storyId)!, v);
  st.changed.add(storyId);
  indexKeys(st.ix, storyId, st.held.get(v.id)!);
  st.storyOf.set(v.id, storyId);
}

/** Move an article out of its story into another one (or alone). */
function move(st: State, v: EventVector, to: string | null): void {
  const from = st.stories.get(st.storyOf.get(v.id)!)!;
  removeMember(from, v);
  st.changed.add(from.id);
  indexKeys(st.ix, from.id, st.held.get(v.id)!, -1);
  if (from.members.length === 0) drop(st, from.id);
  join(st, v, to);
}

/** One pass of moves (articles whose story and candidates did not change since `recent` are skipped); returns the moves. */
function reassign(st: State, order: EventVector[], recent: Set<string> | null): number {
  let moved = 0;
  for (const v of order) {
    const own = st.stories.get(st.storyOf.get(v.id)!)!;
    if (recent && !recent.has(own.id) && !(st.cands.get(v.id) ?? []).some((id) => recent.has(id))) continue;
    const candIds = candidateStories(st.ix, st.query.get(v.id)!, own.id);
    st.cands.set(v.id, candIds);
    const ownScore = own.members.length > 1 ? fitScore(v, own, st.w, true).total : -Infinity;
    const cands = candIds.map((id) => st.stories.get(id)!);
    const d = decide(v, cands, st.w);
    if (d.join && d.best!.score.total > ownScore) move(st, v, d.join);
    else if (own.members.length > 1 && ownScore < st.w.join) move(st, v, null);
    else continue;
    moved++;
  }
  return moved;
}

/** Largest story re-grouped from scratch when testing for a split (the test is quadratic in its size). */
export const MAX_SPLIT_TEST = 150;

/**
 * Group a few articles from scratch by average linkage: best pair of groups first, merged while their
 * mean pair score reaches the merge level (the stricter one once both groups are established).
 */
export function localGroups(vs: EventVector[], w: EventWeights): EventVector[][] {
  const n = vs.length;
  const sum = vs.map((a) => vs.map((b) => (a === b ? 0 : pairScore(a, b, w))));
  const groups: Array<number[] | null> = vs.map((_, i) => [i]);
  for (;;) {
    let best = -Infinity;
    let bi = -1;
    let bj = -1;
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++) {
        const gi = groups[i];
        const gj = groups[j];
        if (!gi || !gj) continue;
        const mean = sum[i][j] / (gi.length * gj.length);
        if (mean > best && mean >= mergeLevel(gi.length, gj.length, w)) [best, bi, bj] = [mean, i, j];
      }
    if (bi < 0) break;
    for (let k = 0; k < n; k++) {
      sum[bi][k] += sum[bj][k];
      sum[k][bi] = sum[bi][k];
    }
    groups[bi]!.push(...groups[bj]!);
    groups[bj] = null;
  }
  return groups.filter((g): g is number[] => !!g).map((g) => g.map((i) => vs[i]));
}

/** Split stories whose articles, grouped afresh, form more than one established group; returns the number of splits. */
function splitDiverged(st: State): number {
  let splits = 0;
  for (const id of [...st.stories.keys()].sort(byId)) {
    const s = st.stories.get(id)!;
    if (s.members.length < 2 * st.w.coreSize || s.members.length > MAX_SPLIT_TEST) continue;
    const signature = [...s.members].sort(byId).join(' ');
    if (st.tested.has(signature)) continue;
    st.tested.add(signature);
    const vs = s.members.map((m) => st.byId.get(m)!).sort((a, b) => byId(a.id, b.id));
    const groups = localGroups(vs, st.w);
    if (groups.filter((g) => g.length >= st.w.coreSize).length < 2) continue;
    drop(st, id);
    for (const g of groups) {
      // each part is what grouping afresh made of its articles: testing it again would find the same
      st.tested.add(g.map((v) => v.id).sort(byId).join(' '));
      add(st, g);
    }
    splits++;
  }
  return splits;
}

function copyPairs(st: State, a: ClusterSummary, b: ClusterSummary): number {
  const inB = new Set(b.members);
  let n = 0;
  for (const m of a.members) {
    const links = st.byId.get(m)!.copies;
    for (const c in links) if (inB.has(c)) n += links[c];
  }
  return n;
}

/** Merge stories whose members are now alike enough, best pairs first (only pairs with a story changed since `recent`
 * was started can have become mergeable); returns the number of merges. */
function mergeConverged(st: State, recent: Set<string> | null): number {
  const pairs: Array<[number, string, string]> = [];
  const looked = new Set<string>();
  for (const a of [...st.stories.keys()].sort(byId)) {
    if (recent && !recent.has(a) && !st.changed.has(a)) continue;
    const A = st.stories.get(a)!;
    for (const id of candidateStories(st.ix, unionKeys(A.members.map((m) => st.query.get(m)!)), a)) {
      const [x, b] = byId(a, id) < 0 ? [a, id] : [id, a];
      if (looked.has(x + ' ' + b)) continue;
      looked.add(x + ' ' + b);
      const B = st.stories.get(id)!;
      const [S, T] = A.members.length <= B.members.length ? [A, B] : [B, A];
      const score = storyScore(S, T, st.w, copyPairs(st, A, B), S.members.map((m) => st.byId.get(m)!)).total;
      if (score >= mergeLevel(A.members.length, B.members.length, st.w)) pairs.push([score, x, b]);
    }
  }
  pairs.sort((x, y) => y[0] - x[0] || byId(x[1], y[1]) || byId(x[2], y[2]));
  const done = new Set<string>();
  for (const [, a, b] of pairs) {
    if (done.has(a) || done.has(b)) continue;
    done.add(a).add(b);
    const B = st.stories.get(b)!;
    mergeInto(st.stories.get(a)!, B);
    addKeyCounts(st.ix, a, unindexStory(st.ix, b));
    st.stories.delete(b);
    st.changed.add(a);
    for (const m of B.members) st.storyOf.set(m, a);
  }
  return done.size / 2;
}

function partition(st: State): string {
  return [...st.stories.values()]
    .map((s) => [...s.members].sort(byId).join(' '))
    .sort()
    .join('|');
}

/** Stories as grouped, with the lookup index over them (explanations look look-alikes up in it). */
export interface Grouping {
  stories: ClusterSummary[];
  index: CandidateIndex;
  query: Map<string, QueryKeys>;
}

/** Group articles (weighted by the collection seen so far) into stories. */
export function groupArticles(vectors: EventVector[], w: EventWeights, rounds = SETTLE_ROUNDS): Grouping {
  const st: State = { made: 0, changed: new Set(), cands: new Map(), stories: new Map(), tested: new Set(), storyOf: new Map(), ix: emptyIndex(), query: new Map(vectors.map((v) => [v.id, queryKeys(v)])), held: new Map(vectors.map((v) => [v.id, heldKeys(v)])), byId: new Map(vectors.map((v) => [v.id, v])), w };
  const order = canonicalOrder(vectors);
  for (const v of order) join(st, v, decide(v, candidateStories(st.ix, st.query.get(v.id)!).map((id) => st.stories.get(id)!), w).join);
  // settle until nothing changes, or the grouping comes back to one seen before (an article leaving a story
  // and coming back with a neighbour can cycle)
  const seen = new Set<string>();
  for (let r = 0; r < rounds; r++) {
    const recent = r === 0 ? null : st.changed;
    st.changed = new Set();
    if (reassign(st, order, recent) + splitDiverged(st) + mergeConverged(st, recent) === 0) break;
    const signature = partition(st);
    if (seen.has(signature)) break;
    seen.add(signature);
  }
  return { stories: [...st.stories.values()], index: st.ix, query: st.query };
}

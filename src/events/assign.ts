// Online assignment: an article's features and the current story summaries in, "join story X" or
// "start a new story" out. Stories to compare with come from a candidate index of their distinctive
// terms and names, so an article is scored against a few dozen stories, not the whole collection.
import type { ClusterSummary, EventVector } from '../model/event.ts';
import { fitScore, type EventWeights, type FitScore } from './similarity.ts';

/** Keys an article looks stories up by: its heaviest content terms and names. */
export const KEY_TERMS = 30;
export const KEY_NAMES = 15;
/** Stories scored per article, those sharing the heaviest keys first. */
export const MAX_CANDIDATES = 10;
/** A key shared by more stories than this says little about any one of them. */
export const MAX_POSTING = 300;

/** key -> stories whose members carry the term ("t:word") or name ("n:name"), with how many members do. */
export interface CandidateIndex {
  postings: Map<string, Map<string, number>>;
  keysOf: Map<string, Map<string, number>>;
}

export function emptyIndex(): CandidateIndex {
  return { postings: new Map(), keysOf: new Map() };
}

/** Weighted lookup keys: key -> the article's weight for it. */
export type QueryKeys = Map<string, number>;

/** The k heaviest entries (one pass; ties by key so the choice does not depend on insertion order). */
function heaviest(v: Record<string, number>, k: number, prefix: string): Array<[string, number]> {
  const best: Array<[string, number]> = [];
  for (const t in v) {
    const x = v[t];
    if (best.length === k && x < best[k - 1][1]) continue;
    let i = best.length;
    while (i > 0 && (best[i - 1][1] < x || (best[i - 1][1] === x && best[i - 1][0] > t))) i--;
    if (i >= k) continue;
    best.splice(i, 0, [t, x]);
    if (best.length > k) best.pop();
  }
  return best.map(([t, x]) => [prefix + t, x]);
}

/** What an article looks stories up by: its heaviest terms and names (a short article's are all of them). */
export function queryKeys(v: EventVector): QueryKeys {
  return new Map([...heaviest(v.terms, KEY_TERMS, 't:'), ...heaviest(v.names, KEY_NAMES, 'n:')]);
}

/** Lookup keys of several articles together (a story looking for stories to merge with). */
export function unionKeys(all: QueryKeys[]): QueryKeys {
  const out: QueryKeys = new Map();
  for (const q of all) for (const [k, x] of q) out.set(k, (out.get(k) ?? 0) + x);
  return out;
}

/** What a story is found by: every term and name of its members, so a short report finds the long one it matches. */
export function heldKeys(v: EventVector): string[] {
  return [...Object.keys(v.terms).map((t) => 't:' + t), ...Object.keys(v.names).map((t) => 'n:' + t)];
}

/** Count keys for a story: +1 when a member carrying them joins, -1 when it leaves (mutates the index). */
export function indexKeys(ix: CandidateIndex, storyId: string, keys: Iterable<string>, by: 1 | -1 = 1): void {
  const mine = ix.keysOf.get(storyId) ?? ix.keysOf.set(storyId, new Map()).get(storyId)!;
  for (const k of keys) {
    const p = ix.postings.get(k) ?? ix.postings.set(k, new Map()).get(k)!;
    const n = (mine.get(k) ?? 0) + by;
    if (n > 0) {
      mine.set(k, n);
      p.set(storyId, n);
    } else {
      mine.delete(k);
      p.delete(storyId);
    }
  }
  if (mine.size === 0) ix.keysOf.delete(storyId);
}

/** Forget a story; returns its key counts (to move them to the story it merged into). */
export function unindexStory(ix: CandidateIndex, storyId: string): Map<string, number> {
  const keys = ix.keysOf.get(storyId) ?? new Map<string, number>();
  for (const k of keys.keys()) ix.postings.get(k)?.delete(storyId);
  ix.keysOf.delete(storyId);
  return keys;
}

/** Add key counts to a story (mutates the index). */
export function addKeyCounts(ix: CandidateIndex, storyId: string, counts: Map<string, number>): void {
  const mine = ix.keysOf.get(storyId) ?? ix.keysOf.set(storyId, new Map()).get(storyId)!;
  for (const [k, c] of counts) {
    const n = (mine.get(k) ?? 0) + c;
    mine.set(k, n);
    (ix.postings.get(k) ?? ix.postings.set(k, new Map()).get(k)!).set(storyId, n);
  }
}

/** Stories sharing the heaviest keys with the query (ties by id, so the result does not depend on insertion order). */
export function candidateStories(ix: CandidateIndex, keys: QueryKeys, exclude: string | null = null): string[] {
  const hits = new Map<string, number>();
  for (const [k, x] of keys) {
    const p = ix.postings.get(k);
    if (!p || p.size > MAX_POSTING) continue;
    for (const s of p.keys()) if (s !== exclude) hits.set(s, (hits.get(s) ?? 0) + x);
  }
  return [...hits.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, MAX_CANDIDATES)
    .map(([s]) => s);
}

export interface Decision {
  /** the story to join, or null to start a new one */
  join: string | null;
  /** the best-scoring story and its score, joined or not */
  best: { storyId: string; score: FitScore } | null;
}

/**
 * Join the best-fitting story if it scores at least the join level, else start a new story.
 * Pure: the same article and candidates always give the same decision.
 */
export function decide(v: EventVector, candidates: ClusterSummary[], w: EventWeights): Decision {
  let best: Decision['best'] = null;
  for (const s of candidates) {
    const score = fitScore(v, s, w, s.members.includes(v.id));
    if (!best || score.total > best.score.total || (score.total === best.score.total && s.id < best.storyId)) best = { storyId: s.id, score };
  }
  return { join: best && best.score.total >= w.join ? best.storyId : null, best };
}

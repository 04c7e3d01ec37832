// Which stored stories a chunk of new articles touches: for each article, the stories sharing its
// heaviest terms and names (an index lookup) are scored as the online assignment scores them, and the one
// it would join — with the closest look-alike, so the re-analysis can say why they stay apart — and the
// stories of the articles it copies or is copied by make up its neighbourhood.
import type { Store } from '../store/store.ts';
import type { StoredFeatures } from '../store/features.ts';
import type { CopyRelation } from '../model/copy.ts';
import type { LRUCache } from 'lru-cache';
import type { ClusterSummary, DocFrequencies, EventFeatures } from '../model/event.ts';
import { vectorize } from '../events/features.ts';
import { Weigher } from '../events/weighing.ts';
import { decide, MAX_CANDIDATES, queryKeys } from '../events/assign.ts';
import { DEFAULT_WEIGHTS } from '../events/similarity.ts';

/** A term or name carried by more analysed articles than this finds too many stories to say anything. */
export const MAX_KEY_DF = 100;

export interface Neighbourhood {
  /** stored stories to analyse again with the chunk */
  stories: string[];
  /** their articles */
  members: string[];
  /** each of those stories' articles, sorted */
  held: Map<string, string[]>;
}

const dfOf = (df: DocFrequencies, key: string) => (key.startsWith('t:') ? df.terms[key.slice(2)] : df.names[key.slice(2)]) ?? 0;

/** What the stories a chunk may join look like: read before its copies are known, so both lookups run at once. */
export interface Candidates {
  chunk: StoredFeatures[];
  df: DocFrequencies;
  /** per chunk article (same order): candidate story ids, best first */
  candidates: string[][];
  /** candidate stories, summed over the chunk's terms and names only (enough to score the chunk's articles) */
  summaries: Map<string, ClusterSummary>;
}

/** Event counts of articles by id, kept by a running engine (they never change once stored). */
export type EventCache = LRUCache<string, EventFeatures>;

/** Candidate stories' members are weighed again at every chunk, mostly the same articles: their keys are kept. */
const weigher = new Weigher();

/** Candidate stories' members whose counts are held at once. */
const MEMBER_BATCH = 500;

/** Event counts of `ids`: kept ones from `cache`, the rest read (and kept). */
async function eventCounts(store: Store, ids: string[], cache: EventCache): Promise<Map<string, EventFeatures>> {
  const out = new Map<string, EventFeatures>();
  for (const id of ids) {
    const f = cache.get(id);
    if (f) out.set(id, f);
  }
  for (const [id, f] of await store.features.eventFeatures(ids.filter((id) => !out.has(id)))) {
    cache.set(id, f);
    out.set(id, f);
  }
  return out;
}

export async function lookUpCandidates(store: Store, chunk: StoredFeatures[], df: DocFrequencies, cache: EventCache): Promise<Candidates> {
  const queries = chunk.map((x) => new Map([...queryKeys(vectorize(x.features.event, df))].filter(([k]) => dfOf(df, k) <= MAX_KEY_DF)));
  const holders = await store.features.storiesWithKeys(queries.flatMap((q) => [...q.keys()]), MAX_KEY_DF);
  const candidates = queries.map((q) => {
    const hits = new Map<string, number>();
    for (const [k, x] of q) for (const s of holders.get(k) ?? []) hits.set(s, (hits.get(s) ?? 0) + x);
    return [...hits].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, MAX_CANDIDATES).map(([s]) => s);
  });
  const members = [...(await store.results.storyMembers([...new Set(candidates.flat())]))];
  // the chunk's articles are all these summaries are scored against, so they hold only the chunk's terms and names
  const keep = { terms: new Set(chunk.flatMap((x) => Object.keys(x.features.event.terms))), names: new Set(chunk.flatMap((x) => Object.keys(x.features.event.names))) };
  const summaries = new Map<string, ClusterSummary>();
  // members' counts are read and summed a batch of stories at a time: at 100,000 stored a chunk's candidates are
  // thousands of stories, and holding all their members' counts at once was the analysing process's largest peak
  for (let i = 0; i < members.length; ) {
    const batch: Array<[string, string[]]> = [];
    for (let n = 0; i < members.length && (n === 0 || n + members[i][1].length <= MEMBER_BATCH); i++) {
      batch.push(members[i]);
      n += members[i][1].length;
    }
    const features = await eventCounts(store, batch.flatMap(([, ids]) => ids), cache);
    for (const [story, ids] of batch) {
      const fs = ids.filter((id) => features.has(id)).map((id) => features.get(id)!);
      if (!fs.length) continue;
      const s = weigher.summarize(fs, df, keep);
      s.id = story;
      summaries.set(story, s);
    }
  }
  return { chunk, df, candidates, summaries };
}

export async function chooseStories(store: Store, { chunk, df, candidates, summaries }: Candidates, copies: CopyRelation[]): Promise<Neighbourhood> {
  const w = DEFAULT_WEIGHTS;
  const linked = new Map<string, Set<string>>();
  for (const c of copies) {
    (linked.get(c.copyId) ?? linked.set(c.copyId, new Set()).get(c.copyId)!).add(c.sourceId);
    (linked.get(c.sourceId) ?? linked.set(c.sourceId, new Set()).get(c.sourceId)!).add(c.copyId);
  }
  const vectors = chunk.map((x) => ({ ...vectorize(x.features.event, df), id: x.article.id, copies: Object.fromEntries([...(linked.get(x.article.id) ?? [])].map((c) => [c, 1])) }));
  const touched = new Set<string>();
  vectors.forEach((v, i) => {
    const scored = candidates[i].filter((s) => summaries.has(s)).map((s) => summaries.get(s)!);
    const d = decide(v, scored, w);
    if (d.join) touched.add(d.join);
    // the closest look-alike it does not join, when it comes near
    const second = scored
      .filter((s) => s.id !== d.join)
      .map((s) => ({ s, score: decide(v, [s], w).best!.score.total }))
      .sort((a, b) => b.score - a.score || (a.s.id < b.s.id ? -1 : 1))[0];
    if (second && second.score >= w.join / 2) touched.add(second.s.id);
  });
  // stories of copy partners, so a copy and its source are grouped together
  for (const s of await store.results.storiesOf([...linked.keys()])) touched.add(s);
  const held = await store.results.storyMembers([...touched]);
  return { stories: [...touched].sort(), members: [...new Set([...held.values()].flat())].sort(), held };
}

// Copies of newly arrived articles: each one against the articles before it that share a copy bucket
// with it (an index lookup), verified by the same sentence alignment as a batch analysis.
import type { Store } from '../store/store.ts';
import type { StoredFeatures } from '../store/features.ts';
import type { CopyRelation } from '../model/copy.ts';
import { compareDocs, furnitureSentences } from '../copy/detect.ts';
import { verifyDocs, type CopyCache, type CopyEntry } from './copycache.ts';
import { copyKeys, MAX_BUCKET, MAX_CANDIDATES, topCandidates, worthAligning } from '../copy/keys.ts';
import { collectionIdf, findFurniture } from '../copy/furniture.ts';

/** The copy buckets of a chunk's articles (in seq order) and their holders' seqs (ascending). */
export interface BucketLookup {
  keysOf: Map<string, number[]>;
  holders: Map<number, number[]>;
}

/** One lookup for the chunk (each article then counts the holders that came before it). It reads only what ingest
 * stored, so a runner may look up the next chunk while analysing this one. `giant` collects the buckets found too
 * full: they stay too full for every later article and are not looked up again. */
export async function lookUpBuckets(store: Store, loaded: StoredFeatures[], giant: Set<number>): Promise<BucketLookup> {
  // articles stored before their keys were kept have them computed again
  const bandKeys = (x: StoredFeatures) => (x.features.bandKeys.length ? x.features.bandKeys : copyKeys(x.features.sentTokens.flat()).bandKeys);
  const keysOf = new Map(loaded.map((x) => [x.article.id, [...new Set(bandKeys(x))].filter((k) => !giant.has(k))]));
  const holders = await store.features.bucketHolders([...keysOf.values()].flat(), Math.max(...loaded.map((x) => x.seq)), MAX_BUCKET);
  for (const [k, hs] of holders) if (hs.length > MAX_BUCKET) giant.add(k);
  return { keysOf, holders };
}

/** Copy relations between each article of `loaded` (in seq order, its entry in `chunk`) and the articles before
 * it, among the holders of its buckets. Candidates outside the chunk are read from the store, or from `cache` when
 * seen lately. */
export async function findCopiesOf(store: Store, loaded: StoredFeatures[], chunk: Map<string, CopyEntry>, cache: CopyCache, { keysOf, holders }: BucketLookup): Promise<CopyRelation[]> {
  const out: CopyRelation[] = [];
  // each article's candidates first, so their shingles and then the survivors' units are read in one query each
  // for the whole chunk (read one article at a time, the round trips were most of a bulk analysis' copy time)
  const shared = new Map(loaded.map((x) => [x.article.id, contenders(sharedBefore(x.seq, keysOf.get(x.article.id)!, holders))]));
  const ids = new Map(loaded.map((x) => [x.seq, x.article.id]));
  for (const [seq, id] of await store.features.idsOfSeqs([...shared.values()].flatMap((m) => [...m.keys()]).filter((seq) => !ids.has(seq)))) ids.set(seq, id);
  // (a bucket row whose article is gone names no one)
  const candidatesOf = new Map([...shared].map(([id, m]) => [id, topCandidates(new Map([...m].filter(([seq]) => ids.has(seq)).map(([seq, n]) => [ids.get(seq)!, n])))]));
  const shingles = new Map<string, Int32Array>([...chunk].map(([id, e]) => [id, e.shingles]));
  const wanted = [...new Set([...candidatesOf.values()].flat())].filter((c) => !shingles.has(c));
  for (const c of wanted) if (cache.get(c)) shingles.set(c, cache.get(c)!.shingles);
  for (const [c, sh] of await store.features.shingles(wanted.filter((c) => !shingles.has(c)))) shingles.set(c, sh);
  const survivorsOf = new Map<string, Array<{ id: string; shared: number }>>();
  for (const x of loaded) {
    const mine = new Set(shingles.get(x.article.id)!);
    const survivors = candidatesOf
      .get(x.article.id)!
      .filter((c) => shingles.has(c))
      .map((c) => ({ id: c, shared: sharedWith(mine, shingles.get(c)!) }))
      .filter((c) => worthAligning(c.shared, mine.size, shingles.get(c.id)!.length));
    survivorsOf.set(x.article.id, survivors);
  }
  // the survivors' units are read a few articles at a time: all of a chunk's at once would hold thousands
  for (let i = 0; i < loaded.length; i += VERIFY_BATCH) {
    const batch = loaded.slice(i, i + VERIFY_BATCH);
    const entries = new Map(chunk);
    for (const [c, e] of await cache.fetch(store.features, [...new Set(batch.flatMap((x) => survivorsOf.get(x.article.id)!.map((c) => c.id)))].filter((c) => !entries.has(c)))) entries.set(c, e);
    for (const x of batch) out.push(...verifyCandidates(x.article.id, survivorsOf.get(x.article.id)!, entries, shingles));
  }
  return out;
}

/** Articles whose surviving candidates are read together. */
const VERIFY_BATCH = 25;

/** Copy relations of article `id` with its surviving candidates, verified as a batch analysis of them would. */
function verifyCandidates(id: string, candidates: Array<{ id: string; shared: number }>, entries: Map<string, CopyEntry>, shingles: Map<string, Int32Array>): CopyRelation[] {
  const survivors = candidates.filter((c) => entries.has(c.id));
  if (!survivors.length) return [];
  // outlets and word weights as a batch analysis of these articles would see them
  const vs = verifyDocs([id, ...survivors.map((c) => c.id)].map((c) => entries.get(c)!));
  const docs = new Map(vs.map((v) => [v.doc.id, v]));
  const idf = collectionIdf(vs);
  findFurniture(vs, idf).forEach((f, i) => (vs[i].furniture = f));
  const size = shingles.get(id)!.length;
  const out: CopyRelation[] = [];
  for (const c of [...survivors].sort((p, q) => (p.id < q.id ? -1 : 1))) {
    const [a, b] = id < c.id ? [id, c.id] : [c.id, id];
    const rel = compareDocs(docs.get(a)!, docs.get(b)!, c.shared / (size + shingles.get(c.id)!.length - c.shared), idf);
    if (rel) out.push(rel);
  }
  return out;
}

/** The holders of the buckets of the article at `seq` that came before it, by seq, with how many buckets each shares
 * (a bucket fuller than a copy relation can explain before it says nothing). */
function sharedBefore(seq: number, keys: number[], holders: Map<number, number[]>): Map<number, number> {
  const shared = new Map<number, number>();
  for (const key of keys) {
    const hs = holders.get(key);
    if (!hs) continue;
    let before = 0;
    while (before < hs.length && hs[before] < seq) before++;
    if (before > MAX_BUCKET) continue;
    for (let i = 0; i < before; i++) shared.set(hs[i], (shared.get(hs[i]) ?? 0) + 1);
  }
  return shared;
}

/** The holders that may be among the `MAX_CANDIDATES` sharing most buckets: ties at the cut are decided by id,
 * which only the store knows, so every holder sharing as many as the last place is kept. */
function contenders(shared: Map<number, number>): Map<number, number> {
  if (shared.size <= MAX_CANDIDATES) return shared;
  const cut = [...shared.values()].sort((a, b) => b - a)[MAX_CANDIDATES - 1];
  return new Map([...shared].filter(([, n]) => n >= cut));
}

/** Shingles of `other` that `mine` has too (stored shingles are distinct). */
function sharedWith(mine: Set<number>, other: Int32Array): number {
  let n = 0;
  for (const x of other) if (mine.has(x)) n++;
  return n;
}

/** Sentences that are page furniture among the articles of a neighbourhood (recurring short blocks). */
export function neighbourhoodFurniture(entries: CopyEntry[]): Map<string, number[]> {
  const vs = verifyDocs(entries);
  findFurniture(vs, collectionIdf(vs)).forEach((f, i) => (vs[i].furniture = f));
  return furnitureSentences(vs);
}

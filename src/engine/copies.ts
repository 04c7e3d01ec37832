// Copies of newly arrived articles: each one against the articles before it that share a copy bucket
// with it (an index lookup), verified by the same sentence alignment as a batch analysis.
import type { Store } from '../store/store.ts';
import type { StoredFeatures } from '../store/features.ts';
import type { CopyRelation } from '../model/copy.ts';
import { compareDocs, furnitureSentences } from '../copy/detect.ts';
import { verifyDocs, type CopyCache, type CopyEntry } from './copycache.ts';
import { copyKeys, MAX_BUCKET, topCandidates, worthAligning } from '../copy/keys.ts';
import { collectionIdf, findFurniture } from '../copy/furniture.ts';
import { jaccard } from '../copy/minhash.ts';

/** Copy relations between each article of `loaded` (in seq order, its entry in `chunk`) and the articles before
 * it. Candidates outside the chunk are read from the store, or from `cache` when seen lately. `giant` collects the
 * buckets found too full, for the chunks after this one (whose articles all come after every holder read). */
export async function findCopiesOf(store: Store, loaded: StoredFeatures[], chunk: Map<string, CopyEntry>, cache: CopyCache, giant: Set<number> = new Set()): Promise<CopyRelation[]> {
  const out: CopyRelation[] = [];
  const entries = new Map(chunk);
  const shingles = new Map([...chunk].map(([id, e]) => [id, new Set(e.shingles)]));
  // buckets already too full before this chunk stay too full: they are not looked up again
  // (articles stored before their keys were kept have them computed again)
  const bandKeys = (x: StoredFeatures) => (x.features.bandKeys.length ? x.features.bandKeys : copyKeys(x.features.sentTokens.flat()).bandKeys);
  const keysOf = new Map(loaded.map((x) => [x.article.id, [...new Set(bandKeys(x))].filter((k) => !giant.has(k))]));
  // one lookup for the chunk: each article then counts the holders that came before it
  const holders = await store.features.bucketHolders([...keysOf.values()].flat(), Math.max(...loaded.map((x) => x.seq)), MAX_BUCKET);
  for (const [k, hs] of holders) if (hs.length > MAX_BUCKET) giant.add(k);
  for (const x of loaded) {
    const id = x.article.id;
    const shared = new Map<string, number>();
    for (const key of keysOf.get(id)!) {
      const hs = holders.get(key);
      if (!hs) continue;
      const before = hs.filter((h) => h.seq < x.seq);
      if (before.length > MAX_BUCKET) continue;
      for (const h of before) shared.set(h.id, (shared.get(h.id) ?? 0) + 1);
    }
    shared.delete(id);
    const candidates = topCandidates(shared);
    for (const c of candidates) if (!shingles.has(c) && cache.get(c)) shingles.set(c, new Set(cache.get(c)!.shingles));
    for (const [c, sh] of await store.features.shingles(candidates.filter((c) => !shingles.has(c)))) shingles.set(c, sh);
    const mine = shingles.get(id)!;
    const survivors = candidates.filter((c) => shingles.has(c) && worthAligning(mine, shingles.get(c)!));
    if (!survivors.length) continue;
    for (const [c, e] of await cache.fetch(store.features, survivors.filter((c) => !entries.has(c)))) entries.set(c, e);
    const group = [id, ...survivors].filter((c) => entries.has(c));
    // outlets and word weights as a batch analysis of these articles would see them
    const vs = verifyDocs(group.map((c) => entries.get(c)!));
    const docs = new Map(vs.map((v) => [v.doc.id, v]));
    const idf = collectionIdf(vs);
    findFurniture(vs, idf).forEach((f, i) => (vs[i].furniture = f));
    for (const c of group.slice(1).sort()) {
      const [a, b] = id < c ? [id, c] : [c, id];
      const rel = compareDocs(docs.get(a)!, docs.get(b)!, jaccard(shingles.get(a)!, shingles.get(b)!), idf);
      if (rel) out.push(rel);
    }
  }
  return out;
}

/** Sentences that are page furniture among the articles of a neighbourhood (recurring short blocks). */
export function neighbourhoodFurniture(entries: CopyEntry[]): Map<string, number[]> {
  const vs = verifyDocs(entries);
  findFurniture(vs, collectionIdf(vs)).forEach((f, i) => (vs[i].furniture = f));
  return furnitureSentences(vs);
}

// Plain TF-IDF vectors over a small collection (used where a whole set is compared at once, e.g. framing).

export type Vec = Map<string, number>;

export function tfidfVectors(docs: string[][]): { vecs: Vec[]; idf: Map<string, number> } {
  const df = new Map<string, number>();
  for (const d of docs) for (const t of new Set(d)) df.set(t, (df.get(t) ?? 0) + 1);
  const N = docs.length;
  const idf = new Map<string, number>();
  // log(1 + N/df): shared names keep some weight even in a tiny corpus, where every article is on one topic
  for (const [t, n] of df) idf.set(t, Math.log(1 + N / n));
  const vecs = docs.map((d) => {
    const tf = new Map<string, number>();
    for (const t of d) tf.set(t, (tf.get(t) ?? 0) + 1);
    const v: Vec = new Map();
    let norm = 0;
    for (const [t, c] of tf) {
      const w = (1 + Math.log(c)) * (idf.get(t) ?? 0);
      if (w <= 0) continue;
      v.set(t, w);
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (const [t, w] of v) v.set(t, w / norm);
    return v;
  });
  return { vecs, idf };
}

export function cosine(a: Vec, b: Vec): number {
  let s = 0;
  const [x, y] = a.size < b.size ? [a, b] : [b, a];
  for (const [t, w] of x) {
    const u = y.get(t);
    if (u) s += w * u;
  }
  return s;
}

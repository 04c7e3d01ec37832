// Sentence-level passage alignment between two articles: monotone dynamic programming, then the
// near-identical sentences a rewrite moved elsewhere.
import type { AlignUnit } from './units.ts';
export type { AlignUnit };

export interface AlignedPair {
  a: number;
  b: number;
  sim: number;
}

export interface Passage {
  /** sentence index range in A and B (inclusive) */
  aFrom: number;
  aTo: number;
  bFrom: number;
  bTo: number;
  aText: string;
  bText: string;
  similarity: number;
  pairs: AlignedPair[];
}

export function dice(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let inter = 0;
  const [s, l] = a.size < b.size ? [a, b] : [b, a];
  for (const x of s) if (l.has(x)) inter++;
  return (2 * inter) / (a.size + b.size);
}

export const MATCH_THRESHOLD = 0.45;

/**
 * For each unit of A, the units of B (not in `skipB`) whose similarity reaches `threshold`, both with at least
 * three tokens. Shared tokens are counted through an index of B, so only pairs sharing a token cost anything.
 */
function similarPairs(A: AlignUnit[], B: AlignUnit[], threshold: number, skipA?: Set<number>, skipB?: Set<number>): Array<Map<number, number>> {
  const index = new Map<string, number[]>();
  B.forEach((u, j) => {
    if (skipB?.has(j) || u.tokens.size < 3) return;
    for (const t of u.tokens) (index.get(t) ?? index.set(t, []).get(t)!).push(j);
  });
  const shared = new Int32Array(B.length);
  const touched: number[] = [];
  return A.map((u, i) => {
    const sims = new Map<number, number>();
    if (skipA?.has(i) || u.tokens.size < 3) return sims;
    for (const t of u.tokens) for (const j of index.get(t) ?? []) if (shared[j]++ === 0) touched.push(j);
    for (const j of touched) {
      const s = (2 * shared[j]) / (u.tokens.size + B[j].tokens.size);
      if (s >= threshold) sims.set(j, s);
      shared[j] = 0;
    }
    touched.length = 0;
    return sims;
  });
}

/** Best monotone one-to-one alignment of sentences whose similarity reaches the threshold. */
export function alignSentences(A: AlignUnit[], B: AlignUnit[], threshold = MATCH_THRESHOLD): AlignedPair[] {
  const n = A.length;
  const m = B.length;
  if (n === 0 || m === 0) return [];
  const sims = similarPairs(A, B, threshold);
  // DP over the (n+1) x (m+1) grid; score of a match = sim - threshold/2 so weak matches do not chain
  const W = m + 1;
  const score = new Float64Array((n + 1) * W);
  const move = new Uint8Array((n + 1) * W); // 1 = diag match, 2 = up, 3 = left
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      let best = score[(i - 1) * W + j];
      let mv = 2;
      if (score[i * W + j - 1] > best) {
        best = score[i * W + j - 1];
        mv = 3;
      }
      const s = sims[i - 1].get(j - 1);
      if (s !== undefined) {
        const v = score[(i - 1) * W + j - 1] + (s - threshold / 2);
        if (v > best) {
          best = v;
          mv = 1;
        }
      }
      score[i * W + j] = best;
      move[i * W + j] = mv;
    }
  }
  const pairs: AlignedPair[] = [];
  let i = n;
  let j = m;
  while (i > 0 && j > 0) {
    const mv = move[i * W + j];
    if (mv === 1) {
      pairs.push({ a: i - 1, b: j - 1, sim: sims[i - 1].get(j - 1)! });
      i--;
      j--;
    } else if (mv === 2) i--;
    else j--;
  }
  return pairs.reverse();
}

/** Similarity a sentence needs to be matched out of order: moved text must be plainly the same. */
export const MOVED_THRESHOLD = 0.6;

/**
 * The monotone alignment plus one-to-one matches of the remaining sentences that are out of order
 * (a republication that moved a paragraph, a rewrite that reordered its source), sorted by position in A.
 */
export function alignWithMoves(A: AlignUnit[], B: AlignUnit[], threshold = MATCH_THRESHOLD): AlignedPair[] {
  const pairs = alignSentences(A, B, threshold);
  const usedA = new Set(pairs.map((p) => p.a));
  const usedB = new Set(pairs.map((p) => p.b));
  const moved: AlignedPair[] = [];
  similarPairs(A, B, MOVED_THRESHOLD, usedA, usedB).forEach((sims, i) => {
    for (const [j, s] of sims) moved.push({ a: i, b: j, sim: s });
  });
  moved.sort((x, y) => y.sim - x.sim || x.a - y.a || x.b - y.b);
  for (const m of moved) {
    if (usedA.has(m.a) || usedB.has(m.b)) continue;
    usedA.add(m.a);
    usedB.add(m.b);
    pairs.push(m);
  }
  return pairs.sort((x, y) => x.a - y.a);
}

/** Group aligned sentence pairs into passages (runs with gaps of at most `gap` sentences). */
export function toPassages(pairs: AlignedPair[], A: AlignUnit[], B: AlignUnit[], gap = 2): Passage[] {
  const out: Passage[] = [];
  let cur: AlignedPair[] = [];
  const flush = () => {
    if (!cur.length) return;
    const aFrom = cur[0].a;
    const aTo = cur[cur.length - 1].a;
    const bFrom = cur[0].b;
    const bTo = cur[cur.length - 1].b;
    const w = cur.reduce((s, p) => s + A[p.a].text.length, 0);
    out.push({
      aFrom,
      aTo,
      bFrom,
      bTo,
      aText: A.slice(aFrom, aTo + 1).map((u) => u.text).join(' '),
      bText: B.slice(bFrom, bTo + 1).map((u) => u.text).join(' '),
      similarity: cur.reduce((s, p) => s + p.sim * A[p.a].text.length, 0) / Math.max(1, w),
      pairs: cur,
    });
    cur = [];
  };
  for (const p of pairs) {
    const last = cur[cur.length - 1];
    if (last && (p.a - last.a > gap + 1 || p.b <= last.b || p.b - last.b > gap + 1)) flush();
    cur.push(p);
  }
  flush();
  return out;
}

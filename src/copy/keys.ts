// The keys a text is found by when looking for copies: hashed word 2-shingles, and MinHash LSH bucket keys
// of the whole text (64 one-row bands: any shared minimum makes a candidate, so heavy rewrites are found) and
// of overlapping passages (16 four-row bands each: partial reuse inside otherwise different articles).
// Whole-text and passage keys live in one key space (passage bands are numbered after the text bands), so
// one indexed table, or one in-memory index, serves both.
import { MinHasher, shingles } from './minhash.ts';

export const TEXT_BANDS = 64;
/** Passage bands: 16 find a passage sharing 60% of its shingles with 89% chance, and a reused span covers two or
 * three overlapping passages. Texts stored with 32 (before 2026-12) hold these 16 among theirs: the same permutations
 * and band numbers, so they are still found. Each band is a row per article in the bucket table, its largest. */
export const PASSAGE_BANDS = 16;
const PASSAGE_ROWS = 4;
/** passages of this many tokens, overlapping by half */
export const PASSAGE_TOKENS = 60;
/** passages indexed per text at most (a book-length text would otherwise add hundreds of thousands of keys) */
export const MAX_PASSAGES = 300;

/** Permutations both kinds of band read (64 one-row text bands; 16 four-row passage bands). */
const hasher = new MinHasher(Math.max(TEXT_BANDS, PASSAGE_BANDS * PASSAGE_ROWS));

function bandKeys(sig: Uint32Array, bands: number, rows: number, firstBand: number): number[] {
  const keys: number[] = [];
  for (let b = 0; b < bands; b++) {
    const band = firstBand + b;
    let h = 0x811c9dc5 ^ band;
    for (let r = 0; r < rows; r++) h = Math.imul(h ^ sig[b * rows + r], 0x01000193);
    keys.push(band * 4294967296 + (h >>> 0));
  }
  return keys;
}

export interface CopyKeys {
  shingles: Set<number>;
  /** bucket keys of the whole text, then of each passage */
  bandKeys: number[];
}

export function copyKeys(tokens: string[]): CopyKeys {
  const sh = shingles(tokens, 2);
  const keys = bandKeys(hasher.signature(sh), TEXT_BANDS, 1, 0);
  for (let i = 0; i < tokens.length && i < MAX_PASSAGES * (PASSAGE_TOKENS / 2); i += PASSAGE_TOKENS / 2) {
    const chunk = tokens.slice(i, i + PASSAGE_TOKENS);
    if (chunk.length < PASSAGE_TOKENS / 3) break;
    keys.push(...bandKeys(hasher.signature(shingles(chunk, 2)), PASSAGE_BANDS, PASSAGE_ROWS, TEXT_BANDS));
  }
  return { shingles: sh, bandKeys: keys };
}

/** Buckets larger than this are boilerplate shared by many texts, not evidence of copying. */
export const MAX_BUCKET = 500;

/** Candidates verified per document, most shared buckets first: a story republished by hundreds of outlets still
 * forms one connected group, while the number of alignments stays linear in the collection. */
export const MAX_CANDIDATES = 50;

/** The `MAX_CANDIDATES` ids sharing most buckets (ties by id, so the choice does not depend on arrival order). */
export function topCandidates(shared: Map<string, number>): string[] {
  return [...shared]
    .sort((p, q) => q[1] - p[1] || (p[0] < q[0] ? -1 : 1))
    .slice(0, MAX_CANDIDATES)
    .map(([c]) => c);
}

/** Shared shingles a pair needs before it is worth aligning (one long shared sentence has about 15)… */
const MIN_SHARED_SHINGLES = 6;
/** …and the share of the smaller text's shingles they make (heavy rewrites keep about a tenth). */
const MIN_CONTAINMENT = 0.05;

export function sharedCount(a: Set<number>, b: Set<number>): number {
  const [s, l] = a.size < b.size ? [a, b] : [b, a];
  let n = 0;
  for (const x of s) if (l.has(x)) n++;
  return n;
}

/** Whether two texts with `shared` of their shingles in common (`a` and `b` of them) are worth aligning. */
export function worthAligning(shared: number, a: number, b: number): boolean {
  return shared >= MIN_SHARED_SHINGLES && shared >= MIN_CONTAINMENT * Math.min(a, b);
}

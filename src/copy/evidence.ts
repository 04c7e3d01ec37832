// What an aligned sentence pair says about copying. Shared words inside quotation marks are what two
// reports of one interview or press conference have in common; dates, times and one-line labels carry no
// wording; furniture is the page, not the story. Only the rest is evidence that one text was taken from another.
import type { AlignedPair } from './align.ts';
import { alignSentences, dice } from './align.ts';
import type { Unit } from './units.ts';

export type PairRole = 'evidence' | 'quote' | 'weak' | 'furniture';

/** Words (not numbers) a sentence needs before its match says anything about wording. */
const MIN_WORDS = 4;
/** A near-identical sentence long enough that two of them are not a coincidence. */
export const LONG_WORDS = 12;
export const NEAR_IDENTICAL = 0.8;

export function pairRole(a: Unit, b: Unit, furnitureA: boolean, furnitureB: boolean): PairRole {
  if (furnitureA || furnitureB) return 'furniture';
  if (Math.min(a.wordCount, b.wordCount) < MIN_WORDS) return 'weak';
  let shared = 0;
  for (const t of a.outside) if (b.outside.has(t)) shared++;
  // the attribution around a shared quotation must itself be shared for the pair to show copying
  if (shared < 3 || dice(a.outside, b.outside) < 0.4) return 'quote';
  return 'evidence';
}

export interface Verdict {
  /** pairs that count as evidence of copying */
  evidence: AlignedPair[];
  /** pairs reported with the relation (evidence and shared quotations) */
  reported: AlignedPair[];
  reason: 'passages' | 'near-identical sentences' | 'rewritten structure' | null;
}

/** Longest run of pairs that follow each other in both texts (gaps of up to `gap` sentences). */
export function longestRun(pairs: AlignedPair[], gap = 2): number {
  let best = 0;
  let run = 0;
  let last: AlignedPair | null = null;
  for (const p of pairs) {
    run = last && p.a - last.a <= gap + 1 && p.b > last.b && p.b - last.b <= gap + 1 ? run + 1 : 1;
    best = Math.max(best, run);
    last = p;
  }
  return best;
}

const words = (u: Unit) => u.text.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length;

/**
 * Three or more evidence pairs that run on for three sentences, cover nearly a third of both texts, or
 * (four or more, clearly alike) a fifth of one; or two or more long near-identical sentences (a lifted
 * passage inside an otherwise own text).
 */
export function judge(pairs: AlignedPair[], roles: PairRole[], A: Unit[], B: Unit[], coverage: (pairs: AlignedPair[]) => [number, number]): Verdict {
  const evidence = pairs.filter((_, k) => roles[k] === 'evidence');
  const reported = pairs.filter((_, k) => roles[k] === 'evidence' || roles[k] === 'quote');
  const [covA, covB] = coverage(evidence);
  const mean = evidence.reduce((s, p) => s + p.sim, 0) / Math.max(1, evidence.length);
  if (evidence.length >= 3 && (longestRun(evidence) >= 3 || Math.min(covA, covB) >= 0.3 || (evidence.length >= 4 && Math.max(covA, covB) >= 0.2 && mean >= 0.6)))
    return { evidence, reported, reason: 'passages' };
  const lifted = evidence.filter((p) => isLifted(p, A, B));
  // only the lifted sentences are the reuse; looser matches around them are the same facts told anew
  if (lifted.length >= 2) return { evidence: lifted, reported: reported.filter((p) => p.sim >= NEAR_IDENTICAL), reason: 'near-identical sentences' };
  return { evidence, reported, reason: null };
}

/** Whether `judge` could find a reason in these pairs, or in any subset of their evidence (marking pairs as
 * furniture only ever takes evidence away): three evidence pairs, or two lifted sentences. */
export function enoughEvidence(pairs: AlignedPair[], roles: PairRole[], A: Unit[], B: Unit[]): boolean {
  const evidence = pairs.filter((_, k) => roles[k] === 'evidence');
  return evidence.length >= 3 || evidence.filter((p) => isLifted(p, A, B)).length >= 2;
}

const isLifted = (p: AlignedPair, A: Unit[], B: Unit[]) => p.sim >= NEAR_IDENTICAL && Math.min(words(A[p.a]), words(B[p.b])) >= LONG_WORDS;

/** Looser sentence match for rewrites: they keep the source's ordinary words, not its phrasing. */
const REWRITE_MATCH = 0.3;
const REWRITE_PAIRS = 6;
const REWRITE_COVER = 0.6;
const REWRITE_MEAN = 0.45;

/**
 * A heavy rewrite: sentence after sentence of the shorter text follows the longer one in order, judged on
 * the ordinary words outside quotations (names and figures are what independent reports share anyway).
 */
export function rewrittenStructure(A: Unit[], B: Unit[], charShare: (units: Unit[], idx: number[]) => number): AlignedPair[] | null {
  if (Math.min(A.length, B.length) < REWRITE_PAIRS) return null;
  const plain = (us: Unit[]) => us.map((u) => ({ text: u.text, tokens: u.plain }));
  const pairs = alignSentences(plain(A), plain(B), REWRITE_MATCH).filter((p) => Math.min(A[p.a].wordCount, B[p.b].wordCount) >= MIN_WORDS);
  if (pairs.length < REWRITE_PAIRS) return null;
  const chars = (us: Unit[]) => us.reduce((s, u) => s + u.text.length, 0);
  const shorter = chars(A) <= chars(B) ? charShare(A, pairs.map((p) => p.a)) : charShare(B, pairs.map((p) => p.b));
  const mean = pairs.reduce((s, p) => s + p.sim, 0) / pairs.length;
  return shorter >= REWRITE_COVER && mean >= REWRITE_MEAN ? pairs : null;
}

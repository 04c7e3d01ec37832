// What a figure counts. "Five killed" and "40 injured" are different quantities and are never compared;
// "77 dead" and "84 dead" are the same quantity, and so are two amounts said about the same thing.
// The state words are plain English for what happens to people in the news, not any outlet's wording.
import { contentTokens } from '../nlp/text.ts';
import { extractFigures, type Figure } from './figures.ts';

const STATES: Array<[string, RegExp]> = [
  ['killed', /^(?:kill(?:ed|ing|s)?|dead|deaths?|died|dies|dying|fatalit(?:y|ies)|perished|lives|toll|bodies)$/i],
  ['injured', /^(?:injur(?:ed|ing|y|ies)|wounded|wounding|hurt)$/i],
  ['missing', /^(?:missing|unaccounted)$/i],
  ['trapped', /^trapped$/i],
  ['arrested', /^(?:arrested|detained|arrests|detentions)$/i],
  ['evacuated', /^(?:evacuated|displaced|homeless|evacuees)$/i],
  ['rescued', /^rescued$/i],
  ['hospitalised', /^hospitali[sz]ed$/i],
];

export interface Quantity {
  figure: Figure;
  /** what is counted: 'killed', 'injured' …, else the figure's unit ('money:EUR', 'count:bridg') */
  kind: string;
  /** true when the state is known ('killed'): such figures of one event are about the same thing */
  typed: boolean;
  /** content words near the figure: what an amount or untyped count is about */
  about: Set<string>;
  /** "at least", "more than" … as written before the number */
  qualifier: string | null;
}

const WORD = /[\p{L}\p{N}][\p{L}\p{N},.'’-]*/gu;

/** Quantities stated in a sentence, leaving out parts of a larger group ("two of the injured"). */
export function quantitiesOf(sentence: string): Quantity[] {
  const words = [...sentence.matchAll(WORD)].map((m) => ({ w: m[0].replace(/[.,]+$/, ''), at: m.index! }));
  const out: Quantity[] = [];
  for (const f of extractFigures(sentence)) {
    const at = sentence.indexOf(f.raw);
    const k = words.findIndex((x) => x.at >= at);
    if (k < 0) continue;
    const after = words.slice(k + 1, k + 3).map((x) => x.w.toLowerCase());
    if (after[0] === 'of' && /^(the|them|those|whom|these)$/.test(after[1] ?? '')) continue;
    if (/\b(?:including|among them|of whom)\s*$/i.test(sentence.slice(0, at))) continue;
    const kind = f.unit === 'count:toll' ? 'killed' : f.unit.startsWith('count:') ? stateNear(words.map((x) => x.w), k) : null;
    const near = words.slice(Math.max(0, k - 3), k + 5).map((x) => x.w).join(' ');
    const q = /(at least|more than|over|nearly|almost|about|around|up to|some|fewer than|less than)\s*$/i.exec(sentence.slice(0, at));
    out.push({
      figure: f,
      kind: kind ?? f.unit,
      typed: !!kind,
      about: new Set(contentTokens(near).filter((t) => !/\d/.test(t) && !f.raw.toLowerCase().includes(t))),
      qualifier: q ? q[1].toLowerCase() : null,
    });
  }
  return out;
}

const QUALIFIER_WORDS = /^(?:at|least|more|than|over|nearly|almost|about|around|some|up|to|fewer|less|another|further|additional)$/i;
const STOP_AFTER = /^(?:to|in|at|on|from|into|with|for|of|by|and|or|but|after|before|when|while|as|across|near|during)$/i;

/**
 * The state a number is attached to: the word just before it ("killing five", "injuring 40"), or one
 * reached from it through its noun and auxiliaries ("seven people were killed", "40 injured"), never
 * across a preposition or a conjunction ("the injured were taken to three hospitals" counts hospitals).
 */
function stateNear(words: string[], k: number): string | null {
  const state = (w: string | undefined) => (w ? (STATES.find(([, re]) => re.test(w))?.[0] ?? null) : null);
  let j = k - 1;
  while (j >= 0 && QUALIFIER_WORDS.test(words[j])) j--;
  const before = state(words[j]);
  if (before) return before;
  for (let d = 1; d <= 6 && k + d < words.length; d++) {
    const w = words[k + d];
    if (/\d/.test(w) || STOP_AFTER.test(w)) break;
    const s = state(w);
    if (s) return s;
  }
  return null;
}

/**
 * Whether quantity `p` of sentence `a` and `q` of sentence `b` count the same thing: the same state
 * ("killed"), or the same kind said about the same words when each sentence has only one such figure,
 * or the same place among the figures of two sentences that say the same thing.
 */
const numberFree = new WeakMap<Set<string>, Set<string>>();
/** The tokens that hold no digit, computed once per token set (comparisons run over many pairs). */
function withoutNumbers(tokens: Set<string>): Set<string> {
  let out = numberFree.get(tokens);
  if (!out) numberFree.set(tokens, (out = new Set([...tokens].filter((t) => !/\d/.test(t)))));
  return out;
}

export function comparable(p: Quantity, a: { quantities: Quantity[]; tokens: Set<string> }, q: Quantity, b: { quantities: Quantity[]; tokens: Set<string> }): boolean {
  if (p.kind !== q.kind) return false;
  if (p.typed) return true;
  const ofKind = (x: { quantities: Quantity[] }) => x.quantities.filter((y) => y.kind === p.kind);
  const pa = ofKind(a);
  const qb = ofKind(b);
  if (pa.length === 1 && qb.length === 1 && [...p.about].some((t) => q.about.has(t))) return true;
  const ta = withoutNumbers(a.tokens);
  const tb = withoutNumbers(b.tokens);
  let inter = 0;
  for (const t of ta) if (tb.has(t)) inter++;
  return (2 * inter) / Math.max(1, ta.size + tb.size) >= 0.5 && pa.length === qb.length && pa.indexOf(p) === qb.indexOf(q);
}

/** Two values that differ beyond rounding. */
export function differ(a: number, b: number): boolean {
  const hi = Math.max(Math.abs(a), Math.abs(b));
  return hi > 0 && Math.abs(a - b) / hi > 0.03;
}

/** A sentence that reports its figure as a change: "rose to", "up from", "revised". */
export function reportsChange(sentence: string): boolean {
  return /\b(?:rose|risen|rising|climbed|increased|jumped|grew|fell|dropped|decreased|revised|updated|up from|down from|now stands|has reached)\b/i.test(sentence);
}

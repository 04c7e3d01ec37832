// Figures (amounts, percentages, counts) in a sentence, normalised so that different
// outlets' numbers about the same thing can be compared.
import { stem } from '../nlp/text.ts';
import type { Figure } from '../model/fact.ts';

export type { Figure };

const SCALE: Record<string, number> = { thousand: 1e3, k: 1e3, million: 1e6, m: 1e6, mn: 1e6, billion: 1e9, bn: 1e9, b: 1e9, trillion: 1e12, tn: 1e12 };
const CUR_SYM: Record<string, string> = { $: 'USD', '€': 'EUR', '£': 'GBP', '¥': 'CNY', '₽': 'RUB' };
const CUR_WORD: Record<string, string> = { dollar: 'USD', dollars: 'USD', usd: 'USD', euro: 'EUR', euros: 'EUR', eur: 'EUR', ruble: 'RUB', rubles: 'RUB', rouble: 'RUB', roubles: 'RUB', yuan: 'CNY', renminbi: 'CNY', pound: 'GBP', pounds: 'GBP' };
/** Number words from three up ("two" is mostly "the two leaders", not a figure anyone reports). */
export const NUMBER_WORDS: Record<string, number> = {
  three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, thirteen: 13, fourteen: 14,
  fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60,
  seventy: 70, eighty: 80, ninety: 90, hundred: 100, dozen: 12,
};
/** Number words as a pattern that also takes them capitalised at the start of a sentence. */
const NUMBER_WORD = Object.keys(NUMBER_WORDS)
  .sort((a, b) => b.length - a.length)
  .map((w) => `[${w[0]}${w[0].toUpperCase()}]${w.slice(1)}`)
  .join('|');
export const NUMBER = `(?:\\d[\\d,]*(?:\\.\\d+)?|${NUMBER_WORD})`;

export function numberValue(s: string): number {
  return NUMBER_WORDS[s.toLowerCase()] ?? num(s);
}
const MONTHS = /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)/i;
const SKIP_NOUNS = new Set(['a', 'an', 'the', 'and', 'or', 'of', 'to', 'in', 'on', 'at', 'by', 'for', 'year', 'years', 'percent', 'per', 'am', 'pm', 'a.m', 'p.m']);

function num(s: string): number {
  return parseFloat(s.replace(/,/g, ''));
}

export function extractFigures(sentence: string): Figure[] {
  const out: Figure[] = [];
  const taken: Array<[number, number]> = [];
  const push = (m: RegExpExecArray, f: Omit<Figure, 'raw'>) => {
    const s = m.index;
    const e = s + m[0].length;
    if (taken.some(([a, b]) => s < b && e > a)) return;
    if (!Number.isFinite(f.value)) return;
    taken.push([s, e]);
    out.push({ raw: m[0].trim(), ...f });
  };
  let m: RegExpExecArray | null;
  const pct = /(\d+(?:[.,]\d+)?)\s*(%|percent\b|per cent\b)/gi;
  while ((m = pct.exec(sentence))) push(m, { value: num(m[1]), unit: 'percent' });
  const money = /([$€£¥₽])\s?(\d[\d,]*(?:\.\d+)?)\s*(trillion|billion|million|thousand|bn|tn|mn|m|b|k)?\b/gi;
  while ((m = money.exec(sentence))) push(m, { value: num(m[2]) * (SCALE[(m[3] ?? '').toLowerCase()] ?? 1), unit: 'money:' + CUR_SYM[m[1]] });
  const money2 = /(\d[\d,]*(?:\.\d+)?)\s*(trillion|billion|million|thousand|bn)?\s*(US dollars?|dollars?|euros?|rubles?|roubles?|pounds? sterling|yuan|renminbi|USD|EUR|RUB|CNY|GBP)\b/gi;
  while ((m = money2.exec(sentence))) {
    const cur = CUR_WORD[m[3].toLowerCase().replace('us ', '').replace(' sterling', '')] ?? m[3].toUpperCase();
    push(m, { value: num(m[1]) * (SCALE[(m[2] ?? '').toLowerCase()] ?? 1), unit: 'money:' + cur });
  }
  // counts: "37 Chinese entities", "107 million tons", "10 jointly signed agreements", "five Deputy Prime Ministers"
  // a death toll that "rose to seven" or "stood at 84" counts without a noun after the number
  const toll = new RegExp(`\\btoll\\b[^.;]{0,80}?\\b(?:to|at|of|reached|hit)\\s+(?:at least\\s+|more than\\s+)?(${NUMBER})\\b`, 'g');
  while ((m = toll.exec(sentence))) {
    const at = m.index + m[0].length - m[1].length;
    const mm = Object.assign([m[1]], { index: at, input: sentence }) as unknown as RegExpExecArray;
    push(mm, { value: numberValue(m[1]), unit: 'count:toll' });
  }
  const count = new RegExp(`\\b(${NUMBER})\\s+(trillion|billion|million|thousand)?\\s*((?:[A-Za-z][\\w-]*\\s+){0,2}?)([a-z][a-z-]{2,})\\b`, 'g');
  while ((m = count.exec(sentence))) {
    const before = sentence.slice(Math.max(0, m.index - 12), m.index);
    if (MONTHS.test(before.trim().split(/\s+/).pop() ?? '')) continue; // "May 16 …"
    const n = numberValue(m[1]);
    if (/^\d{4}$/.test(m[1]) && n >= 1800 && n <= 2100 && !m[2]) continue; // a year
    const noun = m[4].toLowerCase();
    if (SKIP_NOUNS.has(noun) || /^(st|nd|rd|th)$/.test(noun)) continue;
    push(m, { value: n * (SCALE[(m[2] ?? '').toLowerCase()] ?? 1), unit: 'count:' + stem(noun) });
  }
  return out;
}

/** Two figures of the same kind whose values disagree (beyond rounding). */
export function figuresConflict(a: Figure, b: Figure): boolean {
  if (a.unit !== b.unit) return false;
  const hi = Math.max(Math.abs(a.value), Math.abs(b.value));
  if (hi === 0) return false;
  return Math.abs(a.value - b.value) / hi > 0.03;
}

// The synthetic benchmark corpus: stories with an original, verbatim copies, word-level rewrites and an
// independent report, on different dates, written in the example corpus' vocabulary. Deterministic: the
// same size always gives the same articles (the incremental-engine test and the bench share it).
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from '../src/ingest/parse.ts';

/** Draw words from the example articles in `dir` (distinct words, uniformly: random sentences then share words
 * about as often as unrelated news does); resets the generator. */
export function useVocabulary(dir: string): void {
  const bases = readdirSync(dir)
    .sort()
    .map((f) => parseDocument(readFileSync(join(dir, f), 'utf8'), f).articles[0].text);
  VOCAB = [...new Set(bases.flatMap((t) => t.toLowerCase().match(/[a-z]{3,}/g) ?? []))];
  seed = 12345;
}

// mulberry32: a small PRNG with no short cycles (a plain LCG repeats word runs and fakes text reuse)
let seed = 12345;
const rnd = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const pick = <X>(xs: X[]) => xs[Math.floor(rnd() * xs.length)];

// people and places are generated from syllables, so stories have their own names as real news does
const SYL = ['ka', 'lo', 'mir', 've', 'tan', 'ro', 'sel', 'din', 'ar', 'bo', 'ni', 'gus', 'pe', 'ra', 'tov', 'lin', 'dra', 'mo', 'ke', 'vas'];
const word = (n: number) => {
  const w = Array.from({ length: n }, () => pick(SYL)).join('');
  return w[0].toUpperCase() + w.slice(1);
};
const person = () => `${word(2)} ${word(3)}`;
const place = () => word(2) + pick(['ia', 'land', 'stan', 'ora', 'mark']);
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const SYN: Record<string, string> = { said: 'stated', visit: 'trip', strengthen: 'bolster', cooperation: 'collaboration', major: 'significant', however: 'yet', agreement: 'deal', important: 'key' };

let VOCAB: string[] = [];

/** A random sentence drawn from the example corpus' vocabulary (so copies can only come from real reuse). */
function sentence(extra: string[] = []): string {
  const n = 12 + Math.floor(rnd() * 14);
  const w = Array.from({ length: n }, () => pick(VOCAB));
  for (const e of extra) w.splice(Math.floor(rnd() * w.length), 0, e);
  const t = w.join(' ');
  return t[0].toUpperCase() + t.slice(1) + '.';
}

function story(k: number): { texts: string[]; date: string } {
  const a = person();
  const b = person();
  const p = place();
  const q = place();
  const month = k % 12;
  const year = 2020 + (Math.floor(k / 12) % 6);
  const day = 1 + ((k * 7) % 27);
  const date = `${year}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const amount = 10 + Math.floor(rnd() * 300);
  const facts = [
    `${a} met ${b} in ${q} on ${MONTHS[month]} ${day}, ${year}, for talks on trade and security.`,
    `Trade between ${p} and ${q} reached $${amount} billion last year, officials in ${q} said.`,
    `“We will deepen our cooperation,” ${a} told reporters after the meeting with ${b}.`,
  ];
  const paras: string[] = [facts[0]];
  for (let i = 0; i < 10; i++) {
    const ps = Array.from({ length: 3 + Math.floor(rnd() * 3) }, () => sentence(rnd() < 0.3 ? [pick([a, b, p, q])] : []));
    if (i === 3) ps.push(facts[1]);
    if (i === 6) ps.push(facts[2]);
    paras.push(ps.join(' '));
  }
  const original = paras.join('\n\n');
  const texts = [original];
  // verbatim copy with an extra line
  if (rnd() < 0.5) texts.push(original + '\n\nThis story was first published by a partner outlet.');
  // word-level rewrite that loses its quotation marks (words only are swapped: the pieces between word boundaries
  // include the spaces, and swapping those ran words together into tokens no text has)
  if (rnd() < 0.6) texts.push(original.split(/\b/).map((w) => SYN[w] ?? (/^\w+$/.test(w) && rnd() < 0.08 ? pick(VOCAB) : w)).join('').replace(/“|”/g, ''));
  // an independent report of the same event: its own text, the same facts in other words
  const indep = [`${b} hosted ${a} in ${q} on ${MONTHS[month]} ${day}, ${year}, where the two held talks on security and trade.`];
  for (let i = 0; i < 8; i++) indep.push(Array.from({ length: 4 }, () => sentence(rnd() < 0.3 ? [pick([a, b, p, q])] : [])).join(' '));
  indep.push(`Officials in ${q} said trade between ${q} and ${p} had reached $${amount + (rnd() < 0.2 ? 25 : 0)} billion last year.`);
  texts.push(indep.join('\n\n'));
  return { texts, date };
}


export function buildCorpus(n: number): Array<{ origin: string; content: string; date: string }> {
  const out: Array<{ origin: string; content: string; date: string }> = [];
  for (let k = 0; out.length < n; k++) {
    const { texts, date } = story(k);
    // the last text of a story is the independent report; the others are the original and its copies
    texts.forEach((t, i) => out.push({ origin: `story${k}-${i === texts.length - 1 ? 'ind' : i}.txt`, content: `Date: ${date}\n\nStory ${k} report ${i}\n\n${t}`, date }));
  }
  return out.slice(0, n);
}


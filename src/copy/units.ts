// Alignment units of one document: sentences, with hard-wrapped line fragments joined again, the
// words that stand outside quotation marks, and a key for finding the same sentence in other documents.
import { contentTokens, hash32 } from '../nlp/text.ts';

/** One sentence as the copy detector sees it. */
export interface AlignUnit {
  text: string;
  tokens: Set<string>;
  /** paragraph number, when known: a quotation left open runs on inside its paragraph */
  para?: number;
}

/** A unit after fragment joining, with what the verification needs to know about it. */
export interface Unit extends AlignUnit {
  /** first and last original sentence index this unit covers */
  from: number;
  to: number;
  /** content tokens outside quotation marks */
  outside: Set<string>;
  /** content tokens that are not numbers: dates, times and scores carry no wording */
  wordCount: number;
  /** exact-sentence key (content tokens, digits folded), 0 when too short to mean anything */
  key: number;
  /** content tokens outside quotations without names and numbers: the wording a rewrite keeps */
  readonly plain: Set<string>;
}

const TERMINAL = /[.!?…:;"”’»)\]]\s*$/u;

/**
 * Lines of hard-wrapped plain text arrive as separate sentences ("… is a method used" / "in probability
 * theory."): a unit without closing punctuation followed by one starting in lower case is one sentence.
 */
export function joinFragments(units: AlignUnit[]): Array<AlignUnit & { from: number; to: number }> {
  const out: Array<AlignUnit & { from: number; to: number }> = [];
  units.forEach((u, i) => {
    const last = out[out.length - 1];
    if (last && !TERMINAL.test(last.text) && /^\s*\p{Ll}/u.test(u.text)) {
      last.text = `${last.text} ${u.text}`;
      last.tokens = new Set([...last.tokens, ...u.tokens]);
      last.to = i;
    } else out.push({ ...u, tokens: new Set(u.tokens), from: i, to: i });
  });
  return out;
}

const OPEN = '“"«„';
const CLOSE = '”"»';

/** The text outside quotation marks; `open` says whether a quotation is still open at the start. */
export function outsideQuotes(text: string, open: boolean): { outside: string; open: boolean } {
  let out = '';
  let inQuote = open;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (!inQuote && OPEN.includes(ch)) inQuote = true;
    else if (inQuote && CLOSE.includes(ch)) inQuote = false;
    else if (!inQuote) out += ch;
    else out += ' ';
  }
  // ‘single-quoted’ speech (British style), told apart from apostrophes by the letters around the marks
  out = out.replace(/(^|[\s(\[—–-])‘[^‘’]*(?:’(?!\p{L})|$)/gu, '$1 ');
  return { outside: out, open: inQuote };
}

/** Words that are neither capitalised inside the sentence (names) nor numbers. */
export function withoutNames(text: string): string {
  return text
    .split(/\s+/)
    .filter((w, i) => !/\d/.test(w) && !(i > 0 && /^[“"‘(\[]?\p{Lu}/u.test(w)))
    .join(' ');
}

/** The same sentence wherever it appears: its content words (in any order), digits folded. */
export function sentenceKey(tokens: Iterable<string>): number {
  const ts = [...tokens].map((t) => t.replace(/\d+/g, '0'));
  return ts.length >= 3 ? hash32(ts.join(' ')) : 0;
}

/** Units of a document, ready for alignment. */
export function buildUnits(sentences: AlignUnit[]): Unit[] {
  let open = false;
  let para = -1;
  return joinFragments(sentences).map((u) => {
    if (u.para !== para) open = false;
    para = u.para ?? para;
    const quoted = open || /[“"«„‘]/.test(u.text);
    const q = quoted ? outsideQuotes(u.text, open) : { outside: u.text, open: false };
    open = q.open;
    const words = [...u.tokens].filter((t) => !/\d/.test(t)).length;
    let plain: Set<string> | null = null;
    return {
      ...u,
      outside: quoted ? new Set(contentTokens(q.outside)) : u.tokens,
      wordCount: words,
      key: words >= 3 ? sentenceKey([...u.tokens].sort()) : 0,
      // only rewrite checks need it: computed on first use
      get plain() {
        return (plain ??= new Set(contentTokens(withoutNames(q.outside))));
      },
    };
  });
}

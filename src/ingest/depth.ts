// A linear pre-pass over HTML that bounds how deeply elements nest. DOM building and Readability's
// scoring cost grows much faster than linearly with depth (2,500 nested <div>s took a minute), while
// real pages stay far below the limit; elements deeper than it lose their tags but keep their text.

/** Well above real pages (the deepest of the ~950 evaluation pages nests fewer than 40 elements by this count). */
export const MAX_HTML_DEPTH = 64;

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr', 'basefont', 'bgsound', 'frame']);
/** Elements whose content is text up to their own end tag, never markup. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes']);
/** Opening one of these closes an open sibling of the same kind, as the HTML parser does. */
const CLOSES_SIBLING: Record<string, string[]> = { p: ['p'], li: ['li'], dt: ['dt', 'dd'], dd: ['dt', 'dd'], td: ['td', 'th'], th: ['td', 'th'], tr: ['tr'], option: ['option'] };
const FOREIGN = new Set(['svg', 'math']);

const TAG_START = /<(\/?)([A-Za-z][^\s/>]*)/y;

export interface CappedHtml {
  html: string;
  /** number of elements whose tags were dropped */
  flattened: number;
}

interface Open {
  name: string;
  kept: boolean;
}

/** End of the tag that starts at `i` (index of its '>'), honouring quoted attribute values; -1 if it never ends. */
function tagEnd(s: string, i: number): number {
  let quote = '';
  for (let j = i + 1; j < s.length; j++) {
    const c = s[j];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") {
      // a quote only opens a value right after '='
      if (s[j - 1] === '=' || /=\s*$/.test(s.slice(Math.max(i, j - 8), j))) quote = c;
    } else if (c === '>') return j;
  }
  return -1;
}

class Nesting {
  readonly out: string[] = [];
  readonly stack: Open[] = [];
  private readonly openCount = new Map<string, number>();
  keptDepth = 0;
  flattened = 0;
  foreign = 0;

  constructor(private readonly limit: number) {}

  open(name: string, tag: string): void {
    const siblings = CLOSES_SIBLING[name];
    const top = this.stack[this.stack.length - 1];
    if (siblings && top && siblings.includes(top.name)) this.pop();
    // raw-text elements cannot hold elements, so keeping them adds one level at most
    const kept = this.keptDepth < this.limit || RAW_TEXT.has(name);
    this.stack.push({ name, kept });
    this.openCount.set(name, (this.openCount.get(name) ?? 0) + 1);
    // only a kept <svg>/<math> makes "<x/>" self-closing for the HTML parser
    if (FOREIGN.has(name) && kept) this.foreign++;
    if (kept) {
      this.keptDepth++;
      this.out.push(tag);
    } else {
      this.flattened++;
      this.gap();
    }
  }

  /** A dropped tag leaves one space (not a <br>): words stay apart, runs of dropped tags add no bulk. */
  private gap(): void {
    if (this.out[this.out.length - 1] !== ' ') this.out.push(' ');
  }

  close(name: string): void {
    // an end tag without an open element is dropped, as the HTML parser ignores it
    if (!this.openCount.get(name)) return;
    while (this.pop().name !== name);
  }

  private pop(): Open {
    const top = this.stack.pop()!;
    this.openCount.set(top.name, this.openCount.get(top.name)! - 1);
    if (FOREIGN.has(top.name) && top.kept) this.foreign--;
    if (top.kept) {
      this.keptDepth--;
      this.out.push(`</${top.name}>`);
    } else this.gap();
    return top;
  }
}

/** Copy `html`, dropping the tags of elements nested deeper than `limit`; linear in the input length. */
export function capNesting(html: string, limit = MAX_HTML_DEPTH): CappedHtml {
  const n = new Nesting(limit);
  let i = 0;
  while (i < html.length) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    if (lt > i) n.out.push(html.slice(i, lt));
    i = lt;
    if (html.startsWith('<!--', i)) {
      const end = html.indexOf('-->', i + 4);
      i = end < 0 ? html.length : end + 3;
      n.out.push(html.slice(lt, i));
      continue;
    }
    TAG_START.lastIndex = i;
    const m = TAG_START.exec(html);
    if (!m && (html[i + 1] === '!' || html[i + 1] === '?')) {
      const end = html.indexOf('>', i);
      i = end < 0 ? html.length : end + 1;
      n.out.push(html.slice(lt, i));
      continue;
    }
    if (!m) {
      n.out.push('<');
      i++;
      continue;
    }
    const end = tagEnd(html, i);
    // a tag that never ends swallows the rest of the document, as in the HTML tokenizer
    if (end < 0) break;
    const tag = html.slice(i, end + 1);
    const name = m[2].toLowerCase();
    i = end + 1;
    if (m[1]) {
      n.close(name);
      continue;
    }
    if (VOID.has(name) || (n.foreign > 0 && tag.endsWith('/>'))) {
      n.out.push(tag);
      continue;
    }
    n.open(name, tag);
    if (RAW_TEXT.has(name)) i = copyRawText(html, i, name, n);
  }
  if (n.flattened === 0) return { html, flattened: 0 };
  n.out.push(html.slice(i));
  return { html: n.out.join(''), flattened: n.flattened };
}

/** Copy a raw-text element's content verbatim up to (not including) its end tag; returns where that tag starts. */
function copyRawText(html: string, from: number, name: string, n: Nesting): number {
  const closing = new RegExp(`</${name}[\\s/>]`, 'gi');
  closing.lastIndex = from;
  const m = closing.exec(html);
  const to = m ? m.index : html.length;
  n.out.push(html.slice(from, to));
  return to;
}

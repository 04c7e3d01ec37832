// Turns one input document (plain text, HTML page, RSS or Atom feed) into clean articles.
import { parseHTML, DOMParser } from 'linkedom';
import { Readability } from '@mozilla/readability';
import { cleanParagraphs, type Removed } from './clean.ts';
import { paragraphs as splitParagraphs } from '../nlp/text.ts';

export type Format = 'text' | 'html' | 'rss' | 'atom';

export interface ParsedArticle {
  /** where it came from: file path (plus #item-N for feed items) */
  origin: string;
  format: Format;
  url: string | null;
  outlet: string | null;
  title: string | null;
  author: string | null;
  publishedAt: string | null;
  lang: string | null;
  text: string;
  removed: Removed[];
  raw: string;
  warnings: string[];
}

/** An input that cannot be turned into an article; the message says why. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

export function detectFormat(content: string): Format {
  const head = content.slice(0, 4000).trimStart();
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<rss[\s>]/i.test(head) || /<rdf:RDF[\s>]/i.test(head)) return 'rss';
  if (/^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<feed[\s>]/i.test(head)) return 'atom';
  if (/^<!doctype html/i.test(head) || /<(html|head|body|article|main)[\s>]/i.test(head) || /<p[\s>][\s\S]*<\/p>/i.test(head)) return 'html';
  return 'text';
}

export function toIsoDate(s: string | null | undefined): string | null {
  if (!s) return null;
  const t = s.trim();
  if (!t) return null;
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(t) ? t + 'T00:00:00Z' : t);
  if (Number.isNaN(ms)) return null;
  const y = new Date(ms).getUTCFullYear();
  if (y < 1800 || y > 2200) return null;
  return new Date(ms).toISOString();
}

function outletFromUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}

/** Outlets often name themselves in their own appeals ("Support The Moscow Times!"). */
function outletFromRemoved(removed: Removed[]): string | null {
  for (const r of removed) {
    if (r.kind !== 'appeal') continue;
    const m =
      /^support ((?:the )?[\p{Lu}][\p{L}.'’-]*(?: [\p{Lu}][\p{L}.'’-]*){0,4})!?$/iu.exec(r.text.trim()) ??
      /\bjournalists (?:of|at) ((?:the )?[\p{Lu}][\p{L}.'’-]*(?: [\p{Lu}][\p{L}.'’-]*){0,4})/u.exec(r.text);
    if (m) return m[1].replace(/^the /, 'The ');
  }
  return null;
}

function assertText(content: string, origin: string): void {
  if (content.includes('\u0000')) throw new InputError(`${origin}: looks like a binary file (NUL bytes); expected text, HTML, RSS or Atom`);
  if (content.includes('\uFFFD\uFFFD\uFFFD')) throw new InputError(`${origin}: not valid UTF-8 text`);
  if (!content.trim()) throw new InputError(`${origin}: empty input`);
}

const MIN_WORDS = 25;

function finish(
  base: Omit<ParsedArticle, 'text' | 'removed' | 'title' | 'warnings'> & { title: string | null },
  paras: string[],
  extraRemoved: Removed[] = [],
): ParsedArticle {
  const c = cleanParagraphs(paras, base.title);
  const warnings: string[] = [];
  const text = c.paragraphs.join('\n\n');
  const nWords = text.split(/\s+/).filter(Boolean).length;
  if (nWords < MIN_WORDS) {
    throw new InputError(`${base.origin}: only ${nWords} words of article text after cleaning (need at least ${MIN_WORDS})`);
  }
  const removed = [...extraRemoved, ...c.removed];
  let publishedAt = base.publishedAt;
  const hdrDate = c.header.date ?? c.header.published ?? c.header.updated;
  if (!publishedAt && hdrDate) {
    publishedAt = toIsoDate(hdrDate);
    if (!publishedAt) warnings.push(`unreadable date "${hdrDate}" ignored`);
  }
  const url = base.url ?? c.header.url ?? c.header.link ?? null;
  return {
    ...base,
    url,
    title: c.title,
    author: base.author ?? c.header.author ?? c.header.byline ?? null,
    outlet: base.outlet ?? c.header.source ?? c.header.outlet ?? c.header.site ?? outletFromRemoved(removed) ?? outletFromUrl(url),
    lang: base.lang ?? c.header.language ?? c.header.lang ?? null,
    publishedAt,
    text,
    removed,
    warnings,
  };
}

export function parsePlainText(content: string, origin: string): ParsedArticle {
  return finish(
    { origin, format: 'text', url: null, outlet: null, title: null, author: null, publishedAt: null, lang: null, raw: content },
    content.split(/\r?\n/),
  );
}

const BLOCKS = 'p,h1,h2,h3,h4,h5,h6,li,blockquote,pre,figcaption,td,dd,dt';

/** Paragraph texts of an HTML fragment; figure captions are reported separately. */
export function htmlToParagraphs(html: string): { paras: string[]; captions: string[] } {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const paras: string[] = [];
  const captions: string[] = [];
  const blocks = Array.from(document.querySelectorAll(BLOCKS)) as any[];
  if (blocks.length === 0) {
    return { paras: splitParagraphs((document.body?.textContent as string) ?? ''), captions };
  }
  for (const el of blocks) {
    // skip blocks nested in another block we already take (li > p etc.)
    const parentBlock = el.parentElement?.closest?.(BLOCKS);
    if (parentBlock && el.tagName.toLowerCase() !== 'figcaption') continue;
    const t = ((el.textContent as string) ?? '').replace(/\s+/g, ' ').trim();
    if (!t) continue;
    if (el.tagName.toLowerCase() === 'figcaption' || el.closest?.('figure')) captions.push(t);
    else paras.push(t);
  }
  return { paras, captions };
}

function meta(document: any, ...names: string[]): string | null {
  for (const n of names) {
    const el = document.querySelector(`meta[property="${n}"]`) ?? document.querySelector(`meta[name="${n}"]`) ?? document.querySelector(`meta[itemprop="${n}"]`);
    const v = el?.getAttribute('content');
    if (v && v.trim()) return v.trim();
  }
  return null;
}

export function parseHtmlPage(content: string, origin: string, url: string | null = null): ParsedArticle {
  const { document } = parseHTML(content);
  const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? null;
  const pageUrl = url ?? meta(document, 'og:url') ?? canonical;
  const published = meta(document, 'article:published_time', 'datePublished', 'pubdate', 'date', 'dc.date', 'DC.date.issued', 'og:published_time');
  const timeEl = document.querySelector('time[datetime]')?.getAttribute('datetime') ?? null;
  const siteName = meta(document, 'og:site_name', 'application-name');
  const metaAuthor = meta(document, 'author', 'article:author');
  const lang = document.documentElement?.getAttribute('lang') ?? null;
  let parsed: ReturnType<Readability['parse']> = null;
  try {
    parsed = new Readability(document as any, { charThreshold: 200 }).parse();
  } catch {
    parsed = null;
  }
  let paras: string[];
  let captions: string[] = [];
  if (parsed?.content) {
    ({ paras, captions } = htmlToParagraphs(parsed.content));
  } else {
    const again = parseHTML(content).document;
    for (const el of Array.from(again.querySelectorAll('script,style,nav,header,footer,aside,form,noscript')) as any[]) el.remove();
    ({ paras, captions } = htmlToParagraphs((again.body?.innerHTML as string) ?? ''));
  }
  return finish(
    {
      origin,
      format: 'html',
      url: pageUrl,
      outlet: parsed?.siteName || siteName,
      title: parsed?.title || document.querySelector('title')?.textContent?.trim() || null,
      author: parsed?.byline || metaAuthor,
      publishedAt: toIsoDate(parsed?.publishedTime ?? published ?? timeEl),
      lang: parsed?.lang || lang,
      raw: content,
    },
    paras,
    captions.map((text) => ({ kind: 'caption' as const, text })),
  );
}

function childText(el: any, ...names: string[]): string | null {
  for (const name of names) {
    for (const c of Array.from(el.children ?? []) as any[]) {
      const tag = (c.tagName as string).toLowerCase();
      if (tag === name.toLowerCase()) {
        const t = (c.textContent as string)?.trim();
        if (t) return t;
      }
    }
  }
  return null;
}

function looksLikeHtml(s: string): boolean {
  return /<\/?(p|div|br|span|a|em|strong|img|ul|li|h\d)[\s>/]/i.test(s);
}

/** Minimal XML well-formedness check (tag balance); returns a description of the first problem or null. */
export function xmlProblem(xml: string): string | null {
  const body = xml
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<!\[CDATA\[[\s\S]*?\]\]>/g, '')
    .replace(/<\?[\s\S]*?\?>/g, '')
    .replace(/<!DOCTYPE[^>[]*(\[[\s\S]*?\])?\s*>/gi, '');
  if (/<!\[CDATA\[|<!--/.test(body)) return 'unterminated CDATA section or comment';
  const stack: string[] = [];
  const re = /<(\/?)([A-Za-z_][\w:.-]*)((?:[^>"']|"[^"]*"|'[^']*')*?)(\/?)>/g;
  let m: RegExpExecArray | null;
  let last = 0;
  while ((m = re.exec(body))) {
    if (body.slice(last, m.index).includes('<')) return `stray "<" near character ${last}`;
    last = m.index + m[0].length;
    if (m[4]) continue;
    if (!m[1]) stack.push(m[2]);
    else {
      const open = stack.pop();
      if (open !== m[2]) return open ? `<${open}> closed by </${m[2]}>` : `unexpected </${m[2]}>`;
    }
  }
  if (body.slice(last).includes('<')) return 'truncated tag at the end';
  if (stack.length) return `<${stack[stack.length - 1]}> is never closed (truncated feed?)`;
  return null;
}

/** Parse an RSS 2.0/RDF or Atom feed: every item with enough text becomes an article; the others are reported. */
export function parseFeed(content: string, origin: string): { articles: ParsedArticle[]; errors: InputError[] } {
  const problem = xmlProblem(content);
  if (problem) throw new InputError(`${origin}: malformed XML feed: ${problem}`);
  const doc = new DOMParser().parseFromString(content, 'text/xml') as any;
  const root = doc.documentElement;
  if (!root || root.tagName?.toLowerCase() === 'parsererror' || doc.querySelector?.('parsererror')) {
    throw new InputError(`${origin}: malformed XML feed`);
  }
  const rootTag = (root.tagName as string).toLowerCase();
  const isAtom = rootTag === 'feed';
  const channel = isAtom ? root : (root.querySelector('channel') ?? root);
  const feedTitle = childText(channel, 'title');
  const feedLink = isAtom
    ? ((Array.from(root.children) as any[]).find((c) => c.tagName.toLowerCase() === 'link' && (c.getAttribute('rel') ?? 'alternate') === 'alternate')?.getAttribute('href') ?? null)
    : childText(channel, 'link');
  const items = (Array.from(root.getElementsByTagName(isAtom ? 'entry' : 'item')) as any[]);
  if (items.length === 0) throw new InputError(`${origin}: feed has no ${isAtom ? 'entries' : 'items'}`);
  const articles: ParsedArticle[] = [];
  const errors: InputError[] = [];
  items.forEach((item, n) => {
    const itemOrigin = `${origin}#item-${n + 1}`;
    try {
      const title = childText(item, 'title');
      let link: string | null;
      if (isAtom) {
        const links = (Array.from(item.children) as any[]).filter((c) => c.tagName.toLowerCase() === 'link');
        link = (links.find((l) => (l.getAttribute('rel') ?? 'alternate') === 'alternate') ?? links[0])?.getAttribute('href') ?? null;
      } else link = childText(item, 'link') ?? childText(item, 'guid');
      const date = isAtom ? childText(item, 'published', 'updated') : childText(item, 'pubDate', 'dc:date', 'date');
      const author = isAtom
        ? ((Array.from(item.getElementsByTagName('name')) as any[])[0]?.textContent?.trim() ?? null)
        : childText(item, 'dc:creator', 'author', 'creator');
      const body = isAtom ? childText(item, 'content', 'summary') : childText(item, 'content:encoded', 'encoded', 'description');
      if (!body) throw new InputError(`${itemOrigin}: item "${title ?? '(untitled)'}" has no content or description`);
      let paras: string[];
      let captions: string[] = [];
      if (looksLikeHtml(body)) ({ paras, captions } = htmlToParagraphs(body));
      else paras = splitParagraphs(body);
      articles.push(
        finish(
          {
            origin: itemOrigin,
            format: isAtom ? 'atom' : 'rss',
            url: link,
            outlet: feedTitle ?? outletFromUrl(feedLink),
            title,
            author,
            publishedAt: toIsoDate(date),
            lang: null,
            raw: item.outerHTML ?? body,
          },
          paras,
          captions.map((text) => ({ kind: 'caption' as const, text })),
        ),
      );
    } catch (e) {
      errors.push(e instanceof InputError ? e : new InputError(`${itemOrigin}: ${(e as Error).message}`));
    }
  });
  return { articles, errors };
}

/** Parse any supported document. Feed items that fail are returned as errors next to the good ones. */
export function parseDocument(content: string, origin: string, opts: { url?: string | null; format?: Format } = {}): { articles: ParsedArticle[]; errors: InputError[] } {
  assertText(content, origin);
  const content2 = content.replace(/^\uFEFF/, '');
  const format = opts.format ?? detectFormat(content2);
  if (format === 'rss' || format === 'atom') return parseFeed(content2, origin);
  if (format === 'html') return { articles: [parseHtmlPage(content2, origin, opts.url ?? null)], errors: [] };
  return { articles: [parsePlainText(content2, origin)], errors: [] };
}

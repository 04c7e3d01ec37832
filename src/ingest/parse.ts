// Turns one input document (plain text, HTML page, RSS or Atom feed) into clean articles.
// Pure and synchronous; ingest.ts runs it in a worker thread with a time budget.
import type { ArticleFeatures } from '../model/features.ts';
import { InputError, type Format, type ParsedArticle } from '../model/article.ts';
import { detectFormat } from './format.ts';
import { finish, MIN_TEXT_WORDS } from './finish.ts';
import { parseHtmlPage } from './html.ts';
import { parseFeed, ItemError } from './feed.ts';
import { capNesting, MAX_HTML_DEPTH } from './depth.ts';

export { InputError, ItemError, detectFormat };
export type { Format, ParsedArticle };

export interface ParseOptions {
  url?: string | null;
  format?: Format;
}

export interface ParsedDocument {
  articles: ParsedArticle[];
  /** feed items that could not become articles, each naming its item */
  errors: ItemError[];
  /** about the document as a whole (XML recovered from, HTML flattened …) */
  warnings: string[];
  /** per article (same order), the work the analysis needs from it, when it was done with the parsing */
  features?: Array<ArticleFeatures | null>;
}

function assertText(content: string, origin: string): void {
  if (content.includes('\u0000')) throw new InputError(`${origin}: looks like a binary file (NUL bytes); expected text, HTML, RSS or Atom`);
  if (!content.trim()) throw new InputError(`${origin}: empty input`);
}

export function parsePlainText(content: string, origin: string): ParsedArticle {
  return finish(
    { origin, format: 'text', url: null, outlet: null, title: null, author: null, publishedAt: null, lang: null, raw: content },
    content.split(/\r?\n/),
    [],
    MIN_TEXT_WORDS,
  );
}

/** An HTML page with its nesting bounded first (see depth.ts); the article keeps the page as it came. */
export function parseHtmlBounded(content: string, origin: string, url: string | null): ParsedDocument {
  const capped = capNesting(content);
  const article = parseHtmlPage(capped.html, origin, url);
  const warnings = capped.flattened ? [`${capped.flattened} element(s) nested deeper than ${MAX_HTML_DEPTH} levels flattened (their text is kept)`] : [];
  return { articles: [{ ...article, raw: content }], errors: [], warnings };
}

/**
 * Parse any supported document. Feed items that fail are returned as errors next to the good ones.
 * Bad input throws InputError; anything else thrown is a parser bug (the parse pool still turns it
 * into a rejection of that one input, naming the failure).
 */
export function parseDocument(content: string, origin: string, opts: ParseOptions = {}): ParsedDocument {
  assertText(content, origin);
  const { text: body, unpaired } = wellFormed(content.replace(/^\uFEFF/, ''));
  const doc = parseFormat(body, origin, opts);
  // decoded bytes never hold them; a string handed in (an API body's "\ud83d") can, and the store refuses them
  if (unpaired) doc.warnings.unshift(`${unpaired} unpaired UTF-16 surrogate(s) (half a character, such as an emoji cut in two) replaced by U+FFFD`);
  return doc;
}

function parseFormat(body: string, origin: string, opts: ParseOptions): ParsedDocument {
  const format = opts.format ?? detectFormat(body);
  if (format === 'rss' || format === 'atom') return parseFeed(body, origin);
  if (format === 'html') return parseHtmlBounded(body, origin, opts.url ?? null);
  return { articles: [parsePlainText(body, origin)], errors: [], warnings: [] };
}

const UNPAIRED = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The text with every unpaired surrogate replaced by U+FFFD, and how many there were. */
export function wellFormed(text: string): { text: string; unpaired: number } {
  let unpaired = 0;
  return { text: text.replace(UNPAIRED, () => (unpaired++, '\ufffd')), unpaired };
}

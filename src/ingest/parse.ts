// Turns one input document (plain text, HTML page, RSS or Atom feed) into clean articles.
import { InputError, type Format, type ParsedArticle } from '../model/article.ts';
import { detectFormat } from './format.ts';
import { finish } from './finish.ts';
import { parseHtmlPage } from './html.ts';
import { parseFeed } from './feed.ts';

export { InputError, detectFormat };
export type { Format, ParsedArticle };

function assertText(content: string, origin: string): void {
  if (content.includes('\u0000')) throw new InputError(`${origin}: looks like a binary file (NUL bytes); expected text, HTML, RSS or Atom`);
  if (content.includes('\uFFFD\uFFFD\uFFFD')) throw new InputError(`${origin}: not valid UTF-8 text`);
  if (!content.trim()) throw new InputError(`${origin}: empty input`);
}

export function parsePlainText(content: string, origin: string): ParsedArticle {
  return finish(
    { origin, format: 'text', url: null, outlet: null, title: null, author: null, publishedAt: null, lang: null, raw: content },
    content.split(/\r?\n/),
  );
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

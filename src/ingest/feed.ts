// RSS 2.0 / RDF and Atom feeds: every item with enough text becomes an article.
import { DOMParser } from 'linkedom';
import { InputError, type ParsedArticle } from '../model/article.ts';
import { paragraphs as splitParagraphs } from '../nlp/text.ts';
import { finish } from './finish.ts';
import { htmlToParagraphs } from './html.ts';
import { toIsoDate, outletFromUrl } from './metadata.ts';

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

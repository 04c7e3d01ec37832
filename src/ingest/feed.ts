// RSS (0.90, 0.91, 0.92, 1.0/RDF, 2.0) and Atom (0.3, 1.0) feeds: every item with enough text
// becomes an article; items that fail are reported one by one while the others are kept.
import { InputError, type ParsedArticle } from '../model/article.ts';
import { paragraphs as splitParagraphs } from '../nlp/text.ts';
import { finish } from './finish.ts';
import { htmlToParagraphs } from './html.ts';
import { toIsoDate, outletFromUrl } from './metadata.ts';
import { capNesting } from './depth.ts';
import { parseXml, childElements, textOf, innerMarkup, type XmlElement } from './xml.ts';
import { ItemError } from './errors.ts';

export { ItemError };

// A trailing ':' means "with any prefix" (extension modules such as dc: and content:).
/** Date elements, most specific first: RSS 2.0, Dublin Core (RSS 1.0), Atom 1.0, Atom 0.3. */
const DATE_FIELDS = ['pubDate', 'date:', 'published', 'issued', 'created', 'updated', 'modified:'];
/** Body elements, fullest first: content:encoded, Atom content, RSS description, Atom summary. */
const BODY_FIELDS = ['encoded:', 'content', 'description', 'summary'];

interface Body {
  text: string;
  html: boolean;
}

function looksLikeHtml(s: string): boolean {
  return /<\/?(p|div|br|span|a|em|strong|b|i|img|ul|ol|li|h\d|blockquote|figure|table)[\s>/]/i.test(s);
}

const prefixOf = (el: XmlElement) => el.name.slice(0, el.name.length - el.local.length);

/**
 * Children in the element's own vocabulary (same prefix): an item's <title> or <content>, not
 * <media:title> or <media:content> from an extension; content:encoded and dc:* are asked for by name.
 */
function own(el: XmlElement, local: string): XmlElement[] {
  return childElements(el, local).filter((c) => prefixOf(c) === prefixOf(el));
}

/** Text of the first direct child with one of these local names that has any ("prefix:" marks any prefix). */
function childText(el: XmlElement, ...locals: string[]): string | null {
  for (const local of locals) {
    const anyPrefix = local.endsWith(':');
    for (const c of anyPrefix ? childElements(el, local.slice(0, -1)) : own(el, local)) {
      const t = textOf(c).trim();
      if (t) return t;
    }
  }
  return null;
}

/**
 * The body of an item as text or HTML, by the way the feed says it is encoded: Atom 1.0 `type`
 * (text, html, xhtml), Atom 0.3 `mode` (escaped, xml, base64), or inline markup in RSS.
 */
function bodyOf(item: XmlElement): Body | null {
  for (const local of BODY_FIELDS) {
    for (const el of local.endsWith(':') ? childElements(item, local.slice(0, -1)) : own(item, local)) {
      const type = (el.attrs.type ?? '').toLowerCase();
      const mode = (el.attrs.mode ?? '').toLowerCase();
      let text: string;
      if (type === 'xhtml' || type.includes('xml') || mode === 'xml' || childElements(el).length > 0) {
        // Atom wraps inline XHTML in one <div> that is not part of the content
        const div = childElements(el);
        const wrapper = div.length === 1 && div[0].local === 'div' && el.children.every((c) => c === div[0] || (typeof c === 'string' && !c.trim()));
        text = innerMarkup(wrapper ? div[0] : el);
        if (text.trim()) return { text, html: true };
        continue;
      }
      text = textOf(el);
      if (mode === 'base64') text = Buffer.from(text.replace(/\s+/g, ''), 'base64').toString('utf8');
      if (!text.trim()) continue;
      const html = type === 'html' || type === 'text/html' || mode === 'escaped' || (type !== 'text' && type !== 'text/plain' && looksLikeHtml(text));
      return { text, html };
    }
  }
  return null;
}

function atomLink(el: XmlElement): string | null {
  const links = childElements(el, 'link').filter((l) => l.attrs.href);
  const alternate = links.find((l) => (l.attrs.rel ?? 'alternate') === 'alternate' && (!l.attrs.type || /html/i.test(l.attrs.type)));
  return (alternate ?? links.find((l) => (l.attrs.rel ?? 'alternate') === 'alternate') ?? links[0])?.attrs.href ?? null;
}

function linkOf(item: XmlElement): string | null {
  const text = childText(item, 'link');
  if (text) return text;
  const guid = own(item, 'guid')[0];
  const guidText = guid ? textOf(guid).trim() : '';
  if (guidText && guid.attrs.isPermaLink !== 'false' && /^https?:\/\//i.test(guidText)) return guidText;
  return atomLink(item) ?? item.attrs['rdf:about'] ?? null;
}

/** "editor@example.com (Jane Doe)" is how RSS 2.0 names an author; keep the name. */
function authorOf(item: XmlElement): string | null {
  for (const el of own(item, 'author')) {
    const name = childText(el, 'name');
    if (name) return name;
  }
  const raw = childText(item, 'creator:', 'author');
  if (!raw) return null;
  const m = /^\S+@\S+\s+\(([^)]+)\)$/.exec(raw);
  return m ? m[1].trim() : raw;
}

function plainText(s: string): string {
  return looksLikeHtml(s) ? htmlToParagraphs(capNesting(s).html).paras.join(' ') : s.replace(/\s+/g, ' ').trim();
}

interface FeedShape {
  format: 'rss' | 'atom';
  channel: XmlElement;
  items: XmlElement[];
}

/** Where the items are: RSS 0.9x/2.0 under <channel>, RSS 0.90/1.0 next to it, Atom under <feed>. */
export function shapeOf(root: XmlElement, origin: string): FeedShape {
  const rootName = root.local.toLowerCase();
  if (rootName === 'feed') return { format: 'atom', channel: root, items: own(root, 'entry') };
  if (rootName !== 'rss' && rootName !== 'rdf') throw new InputError(`${origin}: not an RSS or Atom feed (root element <${root.name}>)`);
  const channel = childElements(root, 'channel')[0] ?? root;
  // RSS 1.0 puts its items next to the channel, in the channel's namespace
  const items = [...childElements(channel, 'item'), ...(channel === root ? [] : childElements(root, 'item'))];
  return { format: 'rss', channel, items };
}

/** Parse an RSS or Atom feed: every item with enough text becomes an article; the others are reported. */
export function parseFeed(content: string, origin: string): { articles: ParsedArticle[]; errors: ItemError[]; warnings: string[] } {
  const { root, warnings } = parseXml(content, origin);
  const { format, channel, items } = shapeOf(root, origin);
  if (items.length === 0) throw new InputError(`${origin}: feed has no ${format === 'atom' ? 'entries' : 'items'}`);
  const feedTitle = childText(channel, 'title');
  const feedLink = format === 'atom' ? atomLink(channel) : childText(channel, 'link');
  const feedLang = root.attrs['xml:lang'] ?? channel.attrs['xml:lang'] ?? childText(channel, 'language');
  const articles: ParsedArticle[] = [];
  const errors: ItemError[] = [];
  items.forEach((item, n) => {
    const itemOrigin = `${origin}#item-${n + 1}`;
    try {
      const rawTitle = childText(item, 'title');
      const title = rawTitle ? plainText(rawTitle) : null;
      const body = bodyOf(item);
      if (!body) throw new InputError(`${itemOrigin}: item "${title ?? '(untitled)'}" has no content or description`);
      let paras: string[];
      let captions: string[] = [];
      if (body.html) ({ paras, captions } = htmlToParagraphs(capNesting(body.text).html));
      else paras = splitParagraphs(body.text);
      const link = linkOf(item);
      const date = childText(item, ...DATE_FIELDS);
      const p = finish(
        {
          origin: itemOrigin,
          format,
          url: link,
          outlet: feedTitle ? plainText(feedTitle) : outletFromUrl(feedLink),
          title,
          author: authorOf(item),
          publishedAt: toIsoDate(date),
          lang: item.attrs['xml:lang'] ?? feedLang ?? null,
          raw: content.slice(item.start, item.end),
        },
        paras,
        captions.map((text) => ({ kind: 'caption' as const, text })),
      );
      if (date && !p.publishedAt) p.warnings.push(`unreadable date "${date}" ignored`);
      articles.push(p);
    } catch (e) {
      const message = e instanceof InputError ? e.message : `${itemOrigin}: ${(e as Error).message}`;
      errors.push(new ItemError(message, content.slice(item.start, item.end)));
    }
  });
  return { articles, errors, warnings };
}

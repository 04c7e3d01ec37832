// Schema.org JSON-LD blocks of a page, flattened: top-level objects, arrays and @graph members. The article object
// (NewsArticle, BlogPosting, Recipe …) is told apart from the page, the site and the people around it.
import { type DomDocument, all } from '../extract/dom.ts';

export type JsonObject = Record<string, unknown>;

/** Types that describe the piece itself, in the order they are trusted. */
const ARTICLE_TYPES = ['newsarticle', 'reportagenewsarticle', 'analysisnewsarticle', 'opinionnewsarticle', 'backgroundnewsarticle', 'reviewnewsarticle', 'article', 'blogposting', 'liveblogposting', 'socialmediaposting', 'report', 'scholarlyarticle', 'techarticle', 'review', 'recipe', 'howto', 'product', 'event', 'course', 'videoobject', 'podcastepisode', 'creativework', 'blog'];
const PAGE_TYPES = /^(WebPage|ItemPage|AboutPage|FAQPage|QAPage|ProfilePage|CollectionPage|MedicalWebPage)$/i;

function parseLoose(text: string): unknown {
  const t = text.replace(/^\s*<!\[CDATA\[|\]\]>\s*$/g, '').replace(/^\s*\/\/.*$/gm, '').trim();
  if (!t) return null;
  try {
    return JSON.parse(t);
  } catch {
    // unescaped line breaks inside strings and trailing commas are the usual hand-written mistakes
    try {
      return JSON.parse(t.replace(/[\r\n\t]+/g, ' ').replace(/,\s*([}\]])/g, '$1'));
    } catch {
      return null;
    }
  }
}

function flatten(v: unknown, out: JsonObject[], depth = 0): void {
  if (depth > 4 || v === null || typeof v !== 'object') return;
  if (Array.isArray(v)) {
    for (const x of v) flatten(x, out, depth + 1);
    return;
  }
  const o = v as JsonObject;
  out.push(o);
  if (Array.isArray(o['@graph'])) flatten(o['@graph'], out, depth + 1);
  // a page object may hold the article as its main entity
  if (o.mainEntity && typeof o.mainEntity === 'object') flatten(o.mainEntity, out, depth + 1);
}

export function typesOf(o: JsonObject): string[] {
  const t = o['@type'];
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string').map((x) => x.replace(/^https?:\/\/schema\.org\//, ''));
}

export interface JsonLd {
  /** objects describing the piece (articles, posts, recipes, products), best first */
  articles: JsonObject[];
  /** WebPage objects */
  pages: JsonObject[];
  all: JsonObject[];
}

export function readJsonLd(document: DomDocument): JsonLd {
  const objects: JsonObject[] = [];
  for (const s of all(document, 'script[type="application/ld+json"]')) flatten(parseLoose(s.textContent ?? ''), objects);
  const rank = (o: JsonObject) => Math.min(...typesOf(o).map((t) => ARTICLE_TYPES.indexOf(t.toLowerCase())).filter((i) => i >= 0));
  const articles = objects.filter((o) => Number.isFinite(rank(o))).sort((a, b) => rank(a) - rank(b));
  const pages = objects.filter((o) => typesOf(o).some((t) => PAGE_TYPES.test(t)));
  return { articles, pages, all: objects };
}

/** A string field, or the first string of an array field. */
export function str(o: JsonObject | undefined, key: string): string | null {
  const v = o?.[key];
  if (typeof v === 'string') return v.trim() || null;
  if (Array.isArray(v) && typeof v[0] === 'string') return v[0].trim() || null;
  return null;
}

/** Names of persons or organisations in a field that may be a string, an object or a list of either. */
export function names(v: unknown): string[] {
  if (!v) return [];
  if (typeof v === 'string') return [v.trim()].filter(Boolean);
  if (Array.isArray(v)) return v.flatMap(names);
  if (typeof v === 'object') {
    const n = (v as JsonObject).name;
    if (typeof n === 'string') return [n.trim()].filter(Boolean);
    if (Array.isArray(n)) return names(n);
  }
  return [];
}

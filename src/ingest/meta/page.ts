// Everything a page says about itself, read before any extractor changes the document: URL, headline, authors,
// publication date, outlet and language, from JSON-LD, meta tags and the page's own markup.
import { type DomDocument, type DomElement, all, spacedText, tagOf, textOf } from '../extract/dom.ts';
import { boilerplateHint, hintTokens } from '../extract/hints.ts';
import { type FoundDate, findPublicationDate } from '../dates/find.ts';
import { type JsonObject, names, readJsonLd, str } from './jsonld.ts';
import { chooseTitle, cleanTitleText } from './title.ts';
import { chooseAuthors } from './author.ts';
import { metaValue } from './tags.ts';

export interface PageMetadata {
  url: string | null;
  title: string | null;
  authors: string[];
  published: FoundDate | null;
  outlet: string | null;
  lang: string | null;
  warnings: string[];
}

export function hostOf(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\d?\./, '') || null;
  } catch {
    return null;
  }
}

/** Numeric dates read month first on US-English pages only. */
function monthFirst(lang: string | null, url: string | null): boolean {
  const l = (lang ?? '').toLowerCase();
  if (!l.startsWith('en')) return false;
  if (l !== 'en' && l !== 'en-us') return false;
  return !/\.(uk|au|nz|ie|in|za|sg|pk|ng|ke|jm|tt|bb)$/.test(hostOf(url) ?? '');
}

/** Comment threads and forms name their own authors ("Name *", "Anna says"): never the article's. */
function inCommentsOrForm(el: DomElement): boolean {
  for (let e: DomElement | null = el; e; e = e.parentElement) {
    if (tagOf(e) === 'form' || boilerplateHint(e) === 'comments' || /comment/i.test(e.getAttribute('itemtype') ?? '')) return true;
  }
  return false;
}

/** Texts of byline elements: itemprop=author, rel=author links, else the first element whose class/id names the author. */
function bylineTexts(document: DomDocument): string[] {
  const out: string[] = [];
  for (const el of all(document, '[itemprop=author]')) {
    if (inCommentsOrForm(el)) continue;
    const name = el.querySelector('[itemprop=name]');
    out.push(name?.getAttribute('content') ?? (name ? spacedText(name) : el.getAttribute('content') ?? spacedText(el)));
  }
  if (out.some(Boolean)) return out;
  for (const el of all(document, 'a[rel~=author],[rel~=author]')) if (!inCommentsOrForm(el)) out.push(spacedText(el));
  if (out.some(Boolean)) return out;
  for (const el of all(document.body ?? document.documentElement, '[class],[id]')) {
    if (!hintTokens(el).some((t) => /^(author|authors|byline|bylines|autor|autoren|verfasser|creator)$/.test(t))) continue;
    const t = spacedText(el);
    if (t.length > 0 && t.length <= 120 && !el.querySelector('p') && !inCommentsOrForm(el)) return [t];
  }
  return out;
}

function publisherName(o: JsonObject | undefined): string | null {
  return names(o?.publisher)[0] ?? null;
}

export function readPageMetadata(document: DomDocument, url: string | null, now = new Date()): PageMetadata {
  const ld = readJsonLd(document);
  const article = ld.articles[0];
  const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? null;
  const pageUrl = url ?? metaValue(document, 'og:url') ?? canonical;
  const lang = document.documentElement?.getAttribute('lang')?.trim() || metaValue(document, 'og:locale', 'language', 'content-language')?.replace('_', '-') || str(article, 'inLanguage');
  const siteName = metaValue(document, 'og:site_name') ?? publisherName(article) ?? metaValue(document, 'application-name', 'publisher');
  const host = hostOf(pageUrl);
  const h1Elements = all(document.body ?? document.documentElement, 'h1').slice(0, 5);
  const h1s = h1Elements.map(textOf);
  const h1Parts = h1Elements.map((h) => Array.from(h.children).map(textOf).filter(Boolean)).filter((p) => p.length >= 2);
  const title = chooseTitle({
    headline: str(article, 'headline') ?? str(article, 'name'),
    ogTitle: metaValue(document, 'og:title', 'twitter:title'),
    documentTitle: cleanTitleText(document.querySelector('title')?.textContent),
    h1s,
    h1Parts,
    subheadings: all(document.body ?? document.documentElement, 'h2,h3').slice(0, 12).map(textOf),
    siteNames: [siteName, publisherName(article), metaValue(document, 'application-name'), host].filter((x): x is string => !!x),
  });
  const authors = chooseAuthors([
    names(article?.author),
    metaValue(document, 'author', 'article:author', 'dc.creator', 'sailthru.author', 'parsely-author', 'byl', 'twitter:creator'),
    bylineTexts(document),
  ]);
  const warnings: string[] = [];
  const published = findPublicationDate(document, pageUrl, ld, { minYear: 1990, now, parse: { monthFirst: monthFirst(lang, pageUrl), lang }, warnings });
  return { url: pageUrl, title, authors, published, outlet: siteName?.trim() || null, lang: lang || null, warnings };
}

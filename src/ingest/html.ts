// HTML pages: main text through Readability on linkedom, metadata from meta tags.
import { parseHTML } from 'linkedom';
import { Readability } from '@mozilla/readability';
import type { ParsedArticle } from '../model/article.ts';
import { paragraphs as splitParagraphs } from '../nlp/text.ts';
import { finish } from './finish.ts';
import { toIsoDate } from './metadata.ts';

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

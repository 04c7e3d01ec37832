// HTML pages: metadata from the untouched page, then boilerplate pruning, candidate article containers
// (structural ones and Readability's), the better of them, and its text blocks as paragraphs.
import type { ParsedArticle, Removed } from '../model/article.ts';
import { finish } from './finish.ts';
import { toIsoDate } from './metadata.ts';
import { type DomDocument, loadDocument } from './extract/dom.ts';
import { type Candidate, structuralCandidates } from './extract/candidates.ts';
import type { RefineContext } from './extract/refine.ts';
import { pruneDocument } from './extract/prune.ts';
import { type ReadabilityResult, fragmentBlocks, runReadability } from './extract/readability.ts';
import { chooseCandidate } from './extract/choose.ts';

/** Paragraph texts of an HTML fragment; figure captions are reported separately. */
export function htmlToParagraphs(html: string): { paras: string[]; captions: string[] } {
  const blocks = fragmentBlocks(html);
  return {
    paras: blocks.filter((b) => !b.caption).map((b) => b.text),
    captions: blocks.filter((b) => b.caption).map((b) => b.text),
  };
}

function meta(document: DomDocument, ...names: string[]): string | null {
  for (const n of names) {
    const el = document.querySelector(`meta[property="${n}"]`) ?? document.querySelector(`meta[name="${n}"]`) ?? document.querySelector(`meta[itemprop="${n}"]`);
    const v = el?.getAttribute('content');
    if (v && v.trim()) return v.trim();
  }
  return null;
}

export interface Extraction {
  structural: Candidate[];
  readability: Candidate | null;
  chosen: Candidate | null;
  /** what pruning took out of the page */
  pruned: Removed[];
  readabilityMeta: Omit<ReadabilityResult, 'candidate'>;
}

/** Prune the page (in place) and pick its article container. Read metadata before: the document is changed. */
export function extractArticle(document: DomDocument, ctx: RefineContext = { authors: [] }): Extraction {
  const pruned = pruneDocument(document);
  const structural = structuralCandidates(document, ctx);
  const { candidate, ...readabilityMeta } = runReadability(document, ctx);
  return { structural, readability: candidate, chosen: chooseCandidate(structural, candidate), pruned, readabilityMeta };
}

export function parseHtmlPage(content: string, origin: string, url: string | null = null): ParsedArticle {
  const document = loadDocument(content);
  const canonical = document.querySelector('link[rel="canonical"]')?.getAttribute('href') ?? null;
  const pageUrl = url ?? meta(document, 'og:url') ?? canonical;
  const published = meta(document, 'article:published_time', 'datePublished', 'pubdate', 'date', 'dc.date', 'DC.date.issued', 'og:published_time');
  const timeEl = document.querySelector('time[datetime]')?.getAttribute('datetime') ?? null;
  const siteName = meta(document, 'og:site_name', 'application-name');
  const metaAuthor = meta(document, 'author', 'article:author');
  const lang = document.documentElement?.getAttribute('lang') ?? null;
  const docTitle = document.querySelector('title')?.textContent?.trim() || null;

  const authors = metaAuthor ? [metaAuthor] : [];
  const { chosen, pruned, readabilityMeta: r } = extractArticle(document, { authors });
  const paras = (chosen?.kept ?? []).map((b) => b.text);
  const removed = chosen?.removed ?? [];
  return finish(
    {
      origin,
      format: 'html',
      url: pageUrl,
      outlet: r.siteName || siteName,
      title: r.title || docTitle,
      author: r.byline || metaAuthor,
      publishedAt: toIsoDate(r.publishedTime ?? published ?? timeEl),
      lang: r.lang || lang,
      raw: content,
    },
    paras,
    [...pruned, ...removed],
  );
}

// HTML pages: metadata from the untouched page, then boilerplate pruning, candidate article containers
// (structural ones and Readability's), the better of them, and its text blocks as paragraphs.
import type { ParsedArticle, Removed } from '../model/article.ts';
import { finish } from './finish.ts';
import { type DomDocument, loadDocument } from './extract/dom.ts';
import { type Candidate, structuralCandidates } from './extract/candidates.ts';
import type { RefineContext } from './extract/refine.ts';
import { pruneDocument } from './extract/prune.ts';
import { type ReadabilityResult, fragmentBlocks, runReadability } from './extract/readability.ts';
import { chooseCandidate } from './extract/choose.ts';
import { readPageMetadata } from './meta/page.ts';
import { chooseAuthors } from './meta/author.ts';
import { toIsoDate } from './metadata.ts';

/** Paragraph texts of an HTML fragment; figure captions are reported separately. */
export function htmlToParagraphs(html: string): { paras: string[]; captions: string[] } {
  const blocks = fragmentBlocks(html);
  return {
    paras: blocks.filter((b) => !b.caption && !b.gap).map((b) => b.text),
    captions: blocks.filter((b) => b.caption).map((b) => b.text),
  };
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

/** Page text outside the chosen container (sidebars, teasers no name gave away), kept on record. */
function outsideChosen(ex: Extraction): Removed[] {
  const body = ex.structural.find((c) => c.source === 'body');
  if (!body || !ex.chosen || ex.chosen === body) return [];
  const inside = new Set([...ex.chosen.kept.map((b) => b.text), ...ex.chosen.removed.map((r) => r.text)]);
  const out: Removed[] = body.kept.filter((b) => !inside.has(b.text)).map((b) => ({ kind: 'boilerplate' as const, text: b.text }));
  for (const r of body.removed) if (!inside.has(r.text)) out.push(r);
  return out;
}

export function parseHtmlPage(content: string, origin: string, url: string | null = null): ParsedArticle {
  const document = loadDocument(content);
  const meta = readPageMetadata(document, url);
  const ex = extractArticle(document, { authors: meta.authors });
  const { chosen, pruned, readabilityMeta: r } = ex;
  const authors = meta.authors.length > 0 ? meta.authors : chooseAuthors([r.byline]);
  return finish(
    {
      origin,
      format: 'html',
      url: meta.url,
      outlet: meta.outlet || r.siteName,
      title: meta.title || r.title,
      author: authors.length > 0 ? authors.join('; ') : null,
      publishedAt: meta.published?.timestamp ?? toIsoDate(r.publishedTime),
      lang: meta.lang || r.lang,
      raw: content,
      warnings: meta.warnings,
    },
    (chosen?.kept ?? []).map((b) => b.text),
    [...pruned, ...(chosen?.removed ?? []), ...outsideChosen(ex)],
  );
}

// Mozilla Readability as one candidate among others. It scores paragraphs by text and commas and climbs to the
// best container; it rewrites the document it is given, so it runs last on a page.
import { Readability } from '@mozilla/readability';
import type { DomDocument } from './dom.ts';
import { loadDocument } from './dom.ts';
import { type Block, blocksOf } from './blocks.ts';
import { type Candidate, makeCandidate } from './candidates.ts';
import type { RefineContext } from './refine.ts';

export interface ReadabilityResult {
  candidate: Candidate | null;
  title: string | null;
  byline: string | null;
  siteName: string | null;
  publishedTime: string | null;
  lang: string | null;
}

export function fragmentBlocks(html: string): Block[] {
  const doc = loadDocument(`<!DOCTYPE html><html><head></head><body>${html}</body></html>`);
  return doc.body ? blocksOf(doc.body) : [];
}

export function runReadability(document: DomDocument, ctx: RefineContext): ReadabilityResult {
  let parsed: ReturnType<Readability['parse']> = null;
  try {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    parsed = new Readability(document as any, { charThreshold: 200 }).parse();
  } catch {
    parsed = null;
  }
  return {
    candidate: parsed?.content ? makeCandidate('readability', fragmentBlocks(parsed.content), ctx) : null,
    title: parsed?.title || null,
    byline: parsed?.byline || null,
    siteName: parsed?.siteName || null,
    publishedTime: parsed?.publishedTime || null,
    lang: parsed?.lang || null,
  };
}

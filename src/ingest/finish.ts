// The last step of every parser: clean the paragraphs, check there is an article, fill metadata from headers.
import { InputError, type ParsedArticle, type Removed } from '../model/article.ts';
import { cleanParagraphs } from './clean.ts';
import { toIsoDate, outletFromRemoved, outletFromUrl } from './metadata.ts';

const MIN_WORDS = 25;

export function finish(
  base: Omit<ParsedArticle, 'text' | 'removed' | 'title' | 'warnings'> & { title: string | null },
  paras: string[],
  extraRemoved: Removed[] = [],
): ParsedArticle {
  const c = cleanParagraphs(paras, base.title);
  const warnings: string[] = [];
  const text = c.paragraphs.join('\n\n');
  const nWords = text.split(/\s+/).filter(Boolean).length;
  if (nWords < MIN_WORDS) {
    throw new InputError(`${base.origin}: only ${nWords} words of article text after cleaning (need at least ${MIN_WORDS})`);
  }
  const removed = [...extraRemoved, ...c.removed];
  let publishedAt = base.publishedAt;
  const hdrDate = c.header.date ?? c.header.published ?? c.header.updated;
  if (!publishedAt && hdrDate) {
    publishedAt = toIsoDate(hdrDate);
    if (!publishedAt) warnings.push(`unreadable date "${hdrDate}" ignored`);
  }
  const url = base.url ?? c.header.url ?? c.header.link ?? null;
  return {
    ...base,
    url,
    title: c.title,
    author: base.author ?? c.header.author ?? c.header.byline ?? null,
    outlet: base.outlet ?? c.header.source ?? c.header.outlet ?? c.header.site ?? outletFromRemoved(removed) ?? outletFromUrl(url),
    lang: base.lang ?? c.header.language ?? c.header.lang ?? null,
    publishedAt,
    text,
    removed,
    warnings,
  };
}

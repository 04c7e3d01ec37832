// The last step of every parser: clean the paragraphs, check there is an article, fill metadata from headers.
import { InputError, type ParsedArticle, type Removed } from '../model/article.ts';
import { cleanParagraphs } from './clean.ts';
import { readDate, outletFromRemoved, outletFromUrl } from './metadata.ts';

/** What a page needs to be more than navigation, a teaser or an error page. */
export const MIN_PAGE_WORDS = 25;
/**
 * Text a user hands in is news as it stands: a one-sentence wire flash is a complete report. It only has to be
 * a statement, not a fragment.
 */
export const MIN_TEXT_WORDS = 8;
/** Scripts written without spaces between words: their length is counted in characters. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}]/gu;
/** Chinese and Japanese words average under two characters. */
const CHARS_PER_WORD = 2;

/** The length of a text and why it is too short, or null when it is long enough. */
export function tooShort(text: string, minWords = MIN_PAGE_WORDS): string | null {
  const unspaced = text.match(UNSPACED)?.length ?? 0;
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  if (unspaced > letters / 2) {
    const minChars = minWords * CHARS_PER_WORD;
    return unspaced < minChars ? `only ${unspaced} characters of article text after cleaning (need at least ${minChars})` : null;
  }
  const nWords = text.split(/\s+/).filter(Boolean).length;
  return nWords < minWords ? `only ${nWords} words of article text after cleaning (need at least ${minWords})` : null;
}

export function finish(
  base: Omit<ParsedArticle, 'text' | 'removed' | 'title' | 'warnings'> & { title: string | null; warnings?: string[] },
  paras: string[],
  extraRemoved: Removed[] = [],
  minWords = MIN_PAGE_WORDS,
): ParsedArticle {
  const c = cleanParagraphs(paras, base.title);
  const warnings: string[] = [...(base.warnings ?? [])];
  const text = c.paragraphs.join('\n\n');
  const short = tooShort(text, minWords);
  if (short) throw new InputError(`${base.origin}: ${short}`);
  const removed = [...extraRemoved, ...c.removed];
  let publishedAt = base.publishedAt;
  const hdrDate = c.header.date ?? c.header.published ?? c.header.updated;
  if (!publishedAt && hdrDate) {
    const r = readDate(hdrDate);
    if (r && 'timestamp' in r) publishedAt = r.timestamp;
    else warnings.push(`unreadable date "${hdrDate}" ignored${r ? ` (${r.invalid})` : ''}`);
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

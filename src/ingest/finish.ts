// The last step of every parser: clean the paragraphs, check there is an article, fill metadata from headers.
import { InputError, type ParsedArticle, type Removed } from '../model/article.ts';
import { cleanParagraphs } from './clean.ts';
import { readDate, outletFromRemoved, outletFromUrl } from './metadata.ts';

const MIN_WORDS = 25;
/** Scripts written without spaces between words: their length is counted in characters. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\p{Script=Tibetan}]/gu;
/** About as much text as 25 words: Chinese and Japanese words average under two characters. */
const MIN_UNSPACED_CHARS = 50;

/** The length of a text and why it is too short, or null when it is long enough. */
export function tooShort(text: string): string | null {
  const unspaced = text.match(UNSPACED)?.length ?? 0;
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  if (unspaced > letters / 2) {
    return unspaced < MIN_UNSPACED_CHARS ? `only ${unspaced} characters of article text after cleaning (need at least ${MIN_UNSPACED_CHARS})` : null;
  }
  const nWords = text.split(/\s+/).filter(Boolean).length;
  return nWords < MIN_WORDS ? `only ${nWords} words of article text after cleaning (need at least ${MIN_WORDS})` : null;
}

export function finish(
  base: Omit<ParsedArticle, 'text' | 'removed' | 'title' | 'warnings'> & { title: string | null; warnings?: string[] },
  paras: string[],
  extraRemoved: Removed[] = [],
): ParsedArticle {
  const c = cleanParagraphs(paras, base.title);
  const warnings: string[] = [...(base.warnings ?? [])];
  const text = c.paragraphs.join('\n\n');
  const short = tooShort(text);
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

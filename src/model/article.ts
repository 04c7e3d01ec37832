// Domain types of an article, from parsing to storage. Every layer imports these; this module imports nothing.

export type Format = 'text' | 'html' | 'rss' | 'atom';

export type RemovedKind =
  | 'appeal'
  | 'credit'
  | 'caption'
  | 'nav'
  | 'repeated-title'
  | 'title'
  | 'metadata'
  | 'related'
  /** bylines, datelines, tags and other article metadata printed in the page */
  | 'byline'
  | 'comments'
  | 'share'
  /** cookie and consent notices */
  | 'consent'
  | 'ad'
  /** elements the page hides (hidden attribute, display:none, modal dialogs) */
  | 'hidden'
  /** page parts outside the chosen article container, or link lists inside it */
  | 'boilerplate'
  /** paragraphs recurring in distinct articles of one outlet */
  | 'template';

/** A piece of the input taken out of the article text, kept on record with the reason. */
export interface Removed {
  kind: RemovedKind;
  text: string;
}

export interface ParsedArticle {
  /** where it came from: file path (plus #item-N for feed items) */
  origin: string;
  format: Format;
  url: string | null;
  outlet: string | null;
  title: string | null;
  author: string | null;
  publishedAt: string | null;
  lang: string | null;
  text: string;
  removed: Removed[];
  raw: string;
  warnings: string[];
}

/** An article as stored: the parsed article plus its identity. */
export interface Article extends Omit<ParsedArticle, 'warnings'> {
  id: string;
  /** short human label: file name without extension, or the feed item's title slug */
  label: string;
  contentHash: string;
  ingestedAt: string;
}

/**
 * Publication timestamps keep the offset the source wrote ("2024-05-16T23:30:00.000+02:00"), so comparing them as
 * strings is not comparing times: order by this instant (ms since the epoch; undated last).
 */
export function publishedTime(ts: string | null | undefined): number {
  const ms = ts ? Date.parse(ts) : NaN;
  return Number.isNaN(ms) ? Infinity : ms;
}

/** Order of two publication times as instants (missing last); strings with different offsets must not be compared as text. */
export function comparePublished(a: string | null | undefined, b: string | null | undefined): number {
  const [ta, tb] = [publishedTime(a), publishedTime(b)];
  return ta === tb ? 0 : ta < tb ? -1 : 1;
}

/** An input that cannot be turned into an article; the message names the input and says why. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

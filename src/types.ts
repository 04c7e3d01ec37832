import type { ParsedArticle } from './ingest/parse.ts';

/** An article as stored: the parsed article plus its identity. */
export interface Article extends Omit<ParsedArticle, 'warnings'> {
  id: string;
  /** short human label: file name without extension, or the feed item's title slug */
  label: string;
  contentHash: string;
  ingestedAt: string;
}

import type { Removed } from './ingest/clean.ts';
import type { Format } from './ingest/parse.ts';

/** An article as stored. */
export interface Article {
  id: string;
  /** short human label: file name without extension, or the feed item's title slug */
  label: string;
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
  contentHash: string;
  ingestedAt: string;
}

export function displayName(a: Pick<Article, 'label' | 'outlet' | 'title'>): string {
  return a.outlet ? `${a.label} (${a.outlet})` : a.label;
}

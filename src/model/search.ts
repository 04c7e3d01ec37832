// Domain types of full-text search over articles and facts.

export interface SearchQuery {
  /** web-search syntax: words, "quoted phrases", -excluded, or */
  q: string;
  outlet?: string;
  /** inclusive dates (YYYY-MM-DD) or instants (ISO 8601), on the publication time */
  from?: string;
  to?: string;
  /** entity id, or its name or one of its written forms */
  entity?: string;
  /** story number or id (a merged story's id leads to the story it joined) */
  story?: string;
  limit?: number;
}

export interface ArticleHit {
  id: string;
  label: string;
  outlet: string | null;
  title: string | null;
  url: string | null;
  publishedAt: string | null;
  storyId: string | null;
  rank: number;
  /** the best matching paragraph, cut around its first match */
  snippet: string;
  /** where the matched words are in the snippet: [start, end) character offsets */
  marks: Array<[number, number]>;
}

export interface FactHit {
  id: string;
  storyId: string;
  kind: string;
  status: string;
  text: string;
  independentSources: number;
  articleIds: string[];
  rank: number;
}

export interface SearchResult {
  query: SearchQuery;
  articles: ArticleHit[];
  facts: FactHit[];
}

/** A query that cannot be run; the message names the parameter and why. */
export class InvalidQuery extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidQuery';
  }
}

// Domain types of the per-article work every analysis stage reads: sentences with their tokens and
// numbers, content tokens, and the estimated event date. Computed once per article (analysis/prepare.ts).
import type { StoredSentenceFacts } from './features.ts';
import type { Article } from './article.ts';
import type { EventDate } from './event.ts';

export interface Token {
  text: string;
  pos: string;
}

export interface NumEntity {
  text: string;
  type: string; // MONEY, PERCENT, CARDINAL, DATE, ORDINAL, TIME, DURATION …
}

export interface Sentence {
  /** index of the sentence in the article (0-based) */
  idx: number;
  /** index of the paragraph it belongs to */
  para: number;
  text: string;
  tokens: Token[];
  numbers: NumEntity[];
}

export interface PreparedArticle {
  article: Article;
  sentences: Sentence[];
  /** content tokens per sentence */
  sentTokens: string[][];
  sentSets: Set<string>[];
  tokens: string[];
  eventDate: EventDate | null;
  /** per sentence, what ingest stored of its fact-candidate parts (absent: worked out when needed) */
  sentFacts?: StoredSentenceFacts[];
}

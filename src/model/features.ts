// Domain types of the per-article work done once, when an article is stored: its tagged sentences,
// names, date estimate and the keys it is looked up by (text-reuse bands, event terms, paragraphs).
// Everything a later analysis needs from one article, so no stage parses stored text again.
import type { Mention } from './entity.ts';
import type { EventDate, EventFeatures } from './event.ts';
import type { Sentence } from './prepared.ts';
import type { Figure } from './fact.ts';

/** What a fact candidate takes from one sentence alone (facts/candidates.ts), as stored: sets as arrays. */
export interface StoredSentenceFacts {
  figures: Figure[];
  quantities: Array<{ figure: Figure; kind: string; typed: boolean; about: string[]; qualifier: string | null }>;
  verbs: string[];
  plain: string[];
  years: string[];
}

export interface ArticleFeatures {
  articleId: string;
  /** outlet or site the article's templates are learned within (null: unknown) */
  site: string | null;
  /** tagged sentences of the full cleaned text (templates are taken out at analysis time) */
  sentences: Sentence[];
  /** content tokens per sentence */
  sentTokens: string[][];
  eventDate: EventDate | null;
  mentions: Mention[];
  /** one key per paragraph of the text (templates.ts paragraphKey), in order */
  paragraphKeys: string[];
  /** hashed word 2-shingles of the content tokens (copy candidates are checked on these before alignment) */
  shingles: number[];
  /** MinHash LSH bucket keys of the whole text and of its passages: copy candidates share one */
  bandKeys: number[];
  /** event-grouping counts of the whole text (copy links empty) */
  event: EventFeatures;
  /** per sentence (same order as `sentences`), what a fact candidate takes from it alone; null: stored before
   * these were kept (the analysis then works them out) */
  sentenceFacts: StoredSentenceFacts[] | null;
}

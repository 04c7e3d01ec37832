// Domain types of the per-article work done once, when an article is stored: its tagged sentences,
// names, date estimate and the keys it is looked up by (text-reuse bands, event terms, paragraphs).
// Everything a later analysis needs from one article, so no stage parses stored text again.
import type { Mention } from './entity.ts';
import type { EventDate, EventFeatures } from './event.ts';
import type { Sentence } from './prepared.ts';

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
}

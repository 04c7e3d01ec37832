// Per-article preprocessing shared by every analysis stage.
import type { Article } from '../model/article.ts';
import { analyzeSentences, type Sentence } from '../nlp/wink.ts';
import { contentTokens } from '../nlp/text.ts';
import { estimateEventDate, type EventDate } from '../nlp/dates.ts';

export interface PreparedArticle {
  article: Article;
  sentences: Sentence[];
  /** content tokens per sentence */
  sentTokens: string[][];
  sentSets: Set<string>[];
  tokens: string[];
  eventDate: EventDate | null;
}

export function prepareArticle(article: Article): PreparedArticle {
  const sentences = analyzeSentences(article.text);
  const sentTokens = sentences.map((s) => contentTokens(s.text));
  // captions and credits often carry the only full date of the event
  const dateText = [article.text, ...article.removed.filter((r) => r.kind === 'caption' || r.kind === 'credit').map((r) => r.text)].join('\n');
  return {
    article,
    sentences,
    sentTokens,
    sentSets: sentTokens.map((t) => new Set(t)),
    tokens: sentTokens.flat(),
    eventDate: estimateEventDate(dateText, article.publishedAt),
  };
}

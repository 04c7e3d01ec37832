// Per-article preprocessing shared by every analysis stage.
import type { Article } from '../model/article.ts';
import { analyzeSentences } from '../nlp/wink.ts';
import type { PreparedArticle } from '../model/prepared.ts';
import { contentTokens } from '../nlp/text.ts';
import { estimateEventDate } from '../nlp/dates.ts';
import type { EventDate } from '../model/event.ts';


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

// The per-article work done once, when an article is stored (features), and the article as the
// analysis stages read it, rebuilt from those features without parsing its text again (prepared).
import type { Article, Removed } from '../model/article.ts';
import type { EventFeatures } from '../model/event.ts';
import type { ArticleFeatures } from '../model/features.ts';
import type { PreparedArticle } from '../model/prepared.ts';
import type { Mention } from '../model/entity.ts';
import { prepareArticle } from './prepare.ts';
import { extractMentions } from '../entities/resolve.ts';
import { eventFeatures } from '../events/features.ts';
import { copyKeys } from '../copy/keys.ts';
import { paragraphKey, siteOf } from '../ingest/templates.ts';
import { paragraphs } from '../nlp/text.ts';
import { storedSentenceFacts } from '../facts/candidates.ts';

/** Terms an article's story is found by: its most frequent ones (names: all of them). */
export const EVENT_KEY_TERMS = 60;

/** Words of one text the analysis reads at most: a book-length input is stored whole, its first part analysed. */
export const MAX_ANALYSED_WORDS = 50_000;

/** The article with its text cut after `MAX_ANALYSED_WORDS` words (at a line break when there is one). */
function analysedPart(article: Article): Article {
  let words = 0;
  const lines = article.text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const n = lines[i].split(/\s+/).filter(Boolean).length;
    if (words + n > MAX_ANALYSED_WORDS) {
      const text = i > 0 ? lines.slice(0, i).join('\n') : lines[0].split(/\s+/).slice(0, MAX_ANALYSED_WORDS).join(' ');
      return { ...article, text };
    }
    words += n;
  }
  return article;
}

export function articleFeatures(stored: Article): ArticleFeatures {
  const article = analysedPart(stored);
  const p = prepareArticle(article);
  const mentions = extractMentions(p);
  const ev = eventFeatures(p, mentions);
  const { shingles, bandKeys } = copyKeys(p.tokens);
  return {
    articleId: article.id,
    site: siteOf(article),
    sentences: p.sentences,
    sentTokens: p.sentTokens,
    eventDate: p.eventDate,
    mentions,
    paragraphKeys: paragraphs(article.text).map(paragraphKey),
    shingles: [...shingles],
    bandKeys,
    event: ev,
    sentenceFacts: p.sentences.map(storedSentenceFacts),
  };
}

/** The event terms and names ("t:word", "n:name") an analysed article's story is found by: its most frequent
 * terms and every name. */
export function eventKeys(ev: EventFeatures): string[] {
  const terms = Object.entries(ev.terms)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, EVENT_KEY_TERMS)
    .map(([t]) => 't:' + t);
  return [...terms, ...Object.keys(ev.names).map((n) => 'n:' + n)];
}

/** Features of an article whose text could not be analysed: it is kept, and stands alone. */
export function emptyFeatures(article: Article): ArticleFeatures {
  return { articleId: article.id, site: siteOf(article), sentences: [], sentTokens: [], eventDate: null, mentions: [], paragraphKeys: [], shingles: [], bandKeys: [], event: { id: article.id, terms: {}, names: {}, date: null, copies: {} }, sentenceFacts: [] };
}

/** Features, or (for a text the language model fails on) empty ones, so one article never stops an analysis. */
export function safeFeatures(article: Article): ArticleFeatures {
  try {
    return articleFeatures(article);
  } catch {
    return emptyFeatures(article);
  }
}

export interface Prepared {
  prepared: PreparedArticle;
  mentions: Mention[];
}

/**
 * The article as analysis stages read it: its stored sentences without the paragraphs `template` names (its
 * outlet's furniture), sentences numbered afresh and mentions moved with them.
 */
export function fromFeatures(article: Article, f: ArticleFeatures, template: Set<number> = new Set()): Prepared {
  let sentences = f.sentences;
  let sentTokens = f.sentTokens;
  let mentions = f.mentions;
  let sentFacts = f.sentenceFacts ?? undefined;
  let a = article;
  const paras = paragraphs(article.text);
  if (takesOutTemplate(paras.length, sentences, template)) {
    const renumber = new Map<number, number>();
    const kept = sentences.filter((s) => !template.has(s.para));
    kept.forEach((s, i) => renumber.set(s.idx, i));
    sentTokens = kept.map((s) => f.sentTokens[s.idx]);
    if (sentFacts) sentFacts = kept.map((s) => f.sentenceFacts![s.idx]);
    sentences = kept.map((s, i) => ({ ...s, idx: i }));
    mentions = f.mentions.filter((m) => renumber.has(m.sentence)).map((m) => ({ ...m, sentence: renumber.get(m.sentence)! }));
    const removed: Removed[] = paras.filter((_, i) => template.has(i)).map((text) => ({ kind: 'template', text }));
    a = { ...article, text: paras.filter((_, i) => !template.has(i)).join('\n\n'), removed: [...article.removed, ...removed] };
  }
  const prepared: PreparedArticle = { article: a, sentences, sentTokens, sentSets: sentTokens.map((t) => new Set(t)), tokens: sentTokens.flat(), eventDate: f.eventDate, ...(sentFacts ? { sentFacts } : {}) };
  return { prepared, mentions };
}

/** Whether the paragraphs `template` names are taken out of an article of `paraCount` paragraphs: an article that
 * would be all template keeps its text (as when templates are learned in one batch). */
export function takesOutTemplate(paraCount: number, sentences: Array<{ para: number }>, template: Set<number>): boolean {
  return template.size > 0 && template.size < paraCount && sentences.some((s) => !template.has(s.para));
}

// How each outlet frames and names things in an event: which words it uses for contested
// matters (war vs. conflict vs. crisis), how it titles the people involved, and its distinctive vocabulary.
import type { PreparedArticle } from '../model/prepared.ts';
import { tfidfVectors } from '../events/cluster.ts';
import { foldTypography, words, STOPWORDS } from '../nlp/text.ts';
import type { OutletFraming } from '../model/fact.ts';
import type { Entity } from '../model/entity.ts';
import { LRUCache } from 'lru-cache';

export const FRAME_LEXICON: Record<string, Array<[string, RegExp]>> = {
  'the war': [
    ['war of aggression', /\bwar of aggression\b/gi],
    ['full-scale invasion', /\bfull-scale invasion\b/gi],
    ['invasion', /\binvasion\b/gi],
    ['special military operation', /\bspecial military operation\b/gi],
    ['war', /\bwar\b(?! of aggression)/gi],
    ['conflict', /\bconflict\b/gi],
    ['crisis', /\b(ukrain\w* )?crisis\b/gi],
    ['hostilities', /\bhostilities\b/gi],
  ],
  relationship: [
    ['no-limits', /\bno[- ]limits?\b|\bunlimited\b/gi],
    ['alliance / ally', /\b(alliance|ally|allies)\b/gi],
    ['partnership', /\bpartnership\b/gi],
    ['axis', /\baxis\b/gi],
    ['friend / friendship', /\bfriend(ship)?s?\b/gi],
    ['dependence', /\bdependen(ce|cy|t)\b/gi],
  ],
  'naming governments': [
    ['regime', /\bregimes?\b/gi],
    ['government', /\bgovernments?\b/gi],
    ['administration', /\badministration\b/gi],
    ['authorities', /\bauthorities\b/gi],
    ['ruling party ("… Communist Party", "ruling party")', /\b(?:[A-Z]\w+ )?Communist Party\b|\bruling party\b|\bCCP\b|\bCPC\b/g],
    ['seat of power (Kremlin, White House …)', /\b(?:Kremlin|White House|Downing Street|Élysée|Elysee|Zhongnanhai|Blue House)\b/g],
  ],
  'loaded words': [
    ['aggression', /\baggression\b/gi],
    ['authoritarian', /\bauthoritarian\b/gi],
    ['propaganda', /\bpropaganda\b/gi],
    ['desperate', /\bdesperat\w*\b/gi],
    ['lavish / luxurious', /\b(lavish|luxurious)\b/gi],
    ['rushes / pleads', /\b(rush(es|ed|ing)?|plead(s|ed|ing)?|begg?(s|ed|ing)?)\b/gi],
    ['hegemony', /\bhegemon\w*\b/gi],
    ['sanctions', /\bsanction\w*\b/gi],
  ],
};


interface OwnFraming {
  /** content words of the text, for its distinctive vocabulary */
  words: string[];
  /** framing words it uses, by category and label */
  terms: Record<string, Record<string, number>>;
}

/** Kept for the articles seen lately: a story's members are framed again each time it grows, and what one text
 * says alone depends on its text only (keyed by both id and text, as templates may take paragraphs out). */
const ownFraming = new LRUCache<string, OwnFraming>({ max: 500 });

function framingOf(a: PreparedArticle): OwnFraming {
  const key = `${a.article.id}\u0000${a.article.text}`;
  let f = ownFraming.get(key);
  if (!f) {
    const text = foldTypography(a.article.text);
    const terms: Record<string, Record<string, number>> = {};
    for (const [cat, entries] of Object.entries(FRAME_LEXICON)) {
      for (const [label, re] of entries) {
        const n = (text.match(re) ?? []).length;
        if (n) (terms[cat] ??= {})[label] = n;
      }
    }
    f = { words: words(a.article.text).filter((w) => !STOPWORDS.has(w) && w.length > 3 && !/\d/.test(w)), terms };
    ownFraming.set(key, f);
  }
  return f;
}

export function analyzeFraming(articles: PreparedArticle[], entities: Entity[]): OutletFraming[] {
  const ids = new Set(articles.map((a) => a.article.id));
  const shared = entities.filter((e) => e.articleIds.filter((x) => ids.has(x)).length >= 2 && e.type !== 'place');
  const own = articles.map(framingOf);
  const { vecs } = tfidfVectors(own.map((f) => f.words));
  return articles.map((a, i) => {
    // a copy: the kept value is shared by every analysis of the article
    const terms = Object.fromEntries(Object.entries(own[i].terms).map(([cat, labels]) => [cat, { ...labels }]));
    const namings = shared
      .map((e) => {
        const ms = e.mentions.filter((m) => m.articleId === a.article.id);
        return {
          entityId: e.id,
          entity: e.name,
          forms: [...new Set(ms.map((m) => m.surface))],
          titles: [...new Set(ms.map((m) => m.title).filter((t): t is string => !!t))],
        };
      })
      .filter((n) => n.forms.length > 0 && (n.titles.length > 0 || n.forms.some((f) => f !== n.entity)));
    const distinctiveTerms = [...vecs[i].entries()]
      .sort((x, y) => y[1] - x[1])
      .map(([t]) => t)
      .filter((t) => t.length > 3 && !/^\d/.test(t))
      .slice(0, 10);
    return { articleId: a.article.id, outlet: a.article.outlet, terms, namings, distinctiveTerms };
  });
}

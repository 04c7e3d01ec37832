// The sentences of an event that may state a fact, with what a match needs to know about each: its
// entities, the people it names, its verbs, its figures and quantities, and the quotation with its speaker.
import type { PreparedArticle, Sentence } from '../model/prepared.ts';
import { LRUCache } from 'lru-cache';
import type { FactKind, Figure } from '../model/fact.ts';
import { contentTokens } from '../nlp/text.ts';
import { extractFigures } from './figures.ts';
import { quantitiesOf, type Quantity } from './quantities.ts';
import { extractQuote, findSpeaker, type Speaker } from './quotes.ts';
import { isPageText } from './page-text.ts';
import { withoutNames } from '../copy/units.ts';
import type { Entity } from '../model/entity.ts';
import type { StoredSentenceFacts } from '../model/features.ts';

export interface Cand {
  key: string;
  articleId: string;
  sentence: number;
  text: string;
  tokens: Set<string>;
  kind: FactKind;
  figures: Figure[];
  quantities: Quantity[];
  entityIds: string[];
  /** people and organisations named: who the statement is about */
  actors: Set<string>;
  persons: Set<string>;
  /** stems of the sentence's verbs (verbs of saying left out): what it says happened */
  verbs: Set<string>;
  /** content words that are not names or numbers: how it says what happened */
  plain: Set<string>;
  quote: { text: string; speaker: string | null } | null;
  /** a year other than the event's: background, not the event itself */
  otherYear: boolean;
}

const SAYING = /^(?:say|said|says|tell|told|add|added|state|stated|note|noted|according|claim|claimed|report|reported|announce|announced)$/i;
const AUXILIARY = /^(?:be|is|are|was|were|been|being|have|has|had|do|does|did|will|would|can|could|may|might|must|shall|should)$/i;

export interface CandidateInput {
  articles: PreparedArticle[];
  entities: Entity[];
  /** sentences the copy stage found to be page furniture, per article */
  furniture?: Map<string, Set<number>>;
}

export function factCandidates({ articles, entities, furniture }: CandidateInput): Cand[] {
  const ids = new Set(articles.map((a) => a.article.id));
  const sentEntities = new Map<string, Set<string>>();
  const sentActors = new Map<string, Set<string>>();
  const sentPersons = new Map<string, Speaker[]>();
  for (const e of entities)
    for (const m of e.mentions) {
      if (!ids.has(m.articleId)) continue;
      const k = `${m.articleId}:${m.sentence}`;
      (sentEntities.get(k) ?? sentEntities.set(k, new Set()).get(k)!).add(e.id);
      if (e.type === 'person' || e.type === 'org') (sentActors.get(k) ?? sentActors.set(k, new Set()).get(k)!).add(e.id);
      // possible speakers: people, and multi-part names the rules could not type
      if (e.type === 'person' || (e.type === 'other' && e.name.includes(' '))) (sentPersons.get(k) ?? sentPersons.set(k, []).get(k)!).push({ name: e.name, surface: m.surface, weak: e.type !== 'person' });
    }
  const personIds = new Set(entities.filter((e) => e.type === 'person').map((e) => e.id));
  const cands: Cand[] = [];
  for (const a of articles) {
    const year = (a.eventDate?.date ?? a.article.publishedAt ?? '').slice(0, 4);
    const speakers = quoteSpeakers(a, sentPersons);
    a.sentences.forEach((s, i) => {
      const toks = a.sentSets[i];
      const quote = speakers.get(i) ?? null;
      // a short quotation with its speaker is a fact; other short sentences say too little
      if (toks.size < (quote?.speaker ? 3 : 5) || /\?\s*$/.test(s.text) || s.text.length > 600) return;
      const next = a.sentences[i + 1]?.para === s.para ? a.sentences[i + 1].text : undefined;
      if (furniture?.get(a.article.id)?.has(i) || isPageText(s.text, next)) return;
      const k = `${a.article.id}:${i}`;
      const ents = [...(sentEntities.get(k) ?? [])];
      const own = sentenceFacts(a, i);
      const figures = [...own.figures];
      if (!ents.length && !figures.length && !quote) return;
      cands.push({
        key: k,
        articleId: a.article.id,
        sentence: i,
        text: s.text,
        tokens: toks,
        kind: quote ? 'quote' : figures.length ? 'figure' : 'claim',
        figures,
        quantities: [...own.quantities],
        entityIds: ents,
        actors: sentActors.get(k) ?? new Set(),
        persons: new Set(ents.filter((e) => personIds.has(e))),
        verbs: own.verbs,
        plain: own.plain,
        quote,
        otherYear: !!year && own.years.some((y) => y !== year),
      });
    });
  }
  return cands;
}

/** What a candidate takes from its sentence alone (read only: shared by every analysis of the article). */
export interface SentenceFacts {
  figures: Figure[];
  quantities: Quantity[];
  verbs: Set<string>;
  plain: Set<string>;
  years: string[];
}

/** Kept for the sentences of articles seen lately (about 20 MB): a story's articles are read again each time it
 * grows. Keyed by article and text, which fix the sentence and its tags. */
const ownFacts = new LRUCache<string, SentenceFacts>({ max: 20_000 });

/** What a candidate takes from sentence `i` of `a`: as ingest stored it when it did, else worked out now. */
function sentenceFacts(a: PreparedArticle, i: number): SentenceFacts {
  const s = a.sentences[i];
  const key = `${a.article.id}\u0000${s.text}`;
  let f = ownFacts.get(key);
  if (!f) {
    const stored = a.sentFacts?.[i];
    f = stored ? fromStored(stored) : sentenceFactsOf(s);
    ownFacts.set(key, f);
  }
  return f;
}

export function sentenceFactsOf(s: Sentence): SentenceFacts {
  const verbs = new Set(s.tokens.filter((t) => t.pos === 'VERB' && !SAYING.test(t.text) && !AUXILIARY.test(t.text)).flatMap((t) => contentTokens(t.text)));
  const years = [...s.text.matchAll(/\b(1[89]\d\d|20\d\d)\b/g)].map((m) => m[1]);
  return { figures: extractFigures(s.text), quantities: quantitiesOf(s.text), verbs, plain: new Set(contentTokens(withoutNames(s.text))), years };
}

/** What a fact candidate takes from one sentence alone, as ingest stores it (the analysis reads it back instead of
 * tokenising and reading figures again at every re-analysis of a story). */
export function storedSentenceFacts(s: Sentence): StoredSentenceFacts {
  const f = sentenceFactsOf(s);
  return { figures: f.figures, quantities: f.quantities.map((q) => ({ ...q, about: [...q.about] })), verbs: [...f.verbs], plain: [...f.plain], years: f.years };
}

export function fromStored(f: StoredSentenceFacts): SentenceFacts {
  return { figures: f.figures, quantities: f.quantities.map((q) => ({ ...q, about: new Set(q.about) })), verbs: new Set(f.verbs), plain: new Set(f.plain), years: f.years };
}

/** Quotations of an article and their speakers, following "he said" and multi-sentence quotes. */
function quoteSpeakers(a: PreparedArticle, sentPersons: Map<string, Speaker[]>): Map<number, { text: string; speaker: string | null }> {
  const id = a.article.id;
  const out = new Map<number, { text: string; speaker: string | null }>();
  let last: { para: number; name: string } | null = null;
  a.sentences.forEach((s, i) => {
    const q = extractQuote(s.text);
    if (!q) return;
    // "he said": the last person named earlier in the paragraph (or at the end of the one before)
    const previous: Speaker[] = [];
    for (let j = i - 1; j >= Math.max(0, i - 6); j--) {
      const ps = (sentPersons.get(`${id}:${j}`) ?? []).filter((p) => !p.weak);
      previous.unshift(...ps);
      if (ps.length || a.sentences[j].para !== s.para) break;
    }
    // …but whoever was quoted last in this paragraph or the one before is the likelier "he"
    if (last && s.para - last.para <= 1) previous.push({ name: last.name, surface: last.name, weak: false });
    let speaker = findSpeaker(s.text, sentPersons.get(`${id}:${i}`) ?? [], previous);
    // a quotation running over several sentences names its speaker where it closes
    if (!speaker && /^[“"«][^”"»]*$/.test(s.text.trim())) {
      for (let j = i + 1; j < Math.min(a.sentences.length, i + 6); j++) {
        const t = a.sentences[j].text;
        const close = t.search(/[”"»]/);
        if (close < 0) continue;
        if (a.sentences[j].para === s.para) speaker = findSpeaker(t.slice(close + 1), sentPersons.get(`${id}:${j}`) ?? [], previous);
        break;
      }
    }
    // a sentence that is all quotation continues the last speaker's words
    if (!speaker && last && last.para === s.para && !/[\p{L}]/u.test(s.text.replace(/[“"«][^”"»]*([”"»]|$)/gu, ''))) speaker = last.name;
    if (speaker) last = { para: s.para, name: speaker };
    out.set(i, { text: q, speaker });
  });
  return out;
}

// Event grouping for a set of articles: features per article, IDF from the collection, online
// assignment and settling (group.ts), then the story records with their dates, key names and the
// explanations of why articles belong together and why look-alike stories stay apart.
import type { PreparedArticle } from '../model/prepared.ts';
import type { CopyRelation } from '../model/copy.ts';
import type { Mention } from '../model/entity.ts';
import type { EventDate } from '../model/event.ts';
import { nameKey } from '../entities/resolve.ts';
import type { ClusterSummary, DocFrequencies, EventCluster, EventFeatures, EventVector, StoryExplanation } from '../model/event.ts';
import { isDemonym } from '../entities/lexicon.ts';
import { contentToken, words } from '../nlp/text.ts';
import { LRUCache } from 'lru-cache';
import { dayIso } from '../nlp/dates.ts';
import { eventFeatures, vectorize } from './features.ts';
import { countArticle, emptyFrequencies } from './summary.ts';
import { groupArticles } from './group.ts';
import { copyWeight, DEFAULT_WEIGHTS, medianDay, type EventWeights } from './similarity.ts';
import { explainApart, explainMember } from './explain.ts';

/** Readable forms of stemmed terms and spelling-folded name parts. */
interface Labels {
  term(t: string): string;
  name(k: string): string;
}

export { tfidfVectors, cosine } from './tfidf.ts';
export interface EventOptions {
  weights?: Partial<EventWeights>;
  /** document frequencies of the collection (default: of the articles grouped) */
  df?: DocFrequencies;
}

/** Member dates further than this from the story's median day are left out of its date range (background or misread). */
const RANGE_DAYS = 30;

/** Record copy relations on both articles' features, weighted by how close their dates are (mutates `byId`'s features). */
export function linkCopies(byId: Map<string, EventFeatures>, copies: CopyRelation[], w: EventWeights): void {
  for (const c of copies) {
    const a = byId.get(c.copyId);
    const b = byId.get(c.sourceId);
    if (!a || !b || a === b) continue;
    a.copies[b.id] = b.copies[a.id] = copyWeight(a, b, w);
  }
}

type Forms = Map<string, Map<string, number>>;

function countForm(m: Forms, k: string, form: string): void {
  const forms = m.get(k) ?? m.set(k, new Map()).get(k)!;
  forms.set(form, (forms.get(form) ?? 0) + 1);
}

/** The most frequent written form of a key. */
function mostFrequent(m: Forms): (k: string) => string {
  return (k) => {
    const forms = m.get(k);
    return forms ? [...forms.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0] : k;
  };
}

/** Written form of each spelling-folded name part. */
function nameLabels(mentions: Mention[][]): (k: string) => string {
  const names: Forms = new Map();
  for (const ms of mentions) for (const m of ms) for (const part of m.surface.split(/[\s-]+/)) countForm(names, nameKey(part.replace(/[.,]+$/, '')), part);
  return mostFrequent(names);
}

/** Written form of the stemmed terms asked for, as the articles write them. */
function termLabels(prepared: PreparedArticle[], terms: Set<string>): (t: string) => string {
  const forms: Forms = new Map();
  for (const p of prepared) {
    const { written, tokens } = tokenisedWords(p);
    for (let i = 0; i < tokens.length; i++) if (terms.has(tokens[i])) countForm(forms, tokens[i], written[i]);
  }
  return mostFrequent(forms);
}

/** The words of an article's text that have a content token, with it; kept for articles seen lately, since labels
 * are written again for every re-analysed story and tokenising whole texts was most of that. */
const wordTokens = new LRUCache<string, { text: string; written: string[]; tokens: string[] }>({ max: 500 });

function tokenisedWords(p: PreparedArticle): { written: string[]; tokens: string[] } {
  const kept = wordTokens.get(p.article.id);
  if (kept && kept.text === p.article.text) return kept;
  const written: string[] = [];
  const tokens: string[] = [];
  for (const w of words(p.article.text)) {
    const t = contentToken(w);
    if (t) {
      written.push(w);
      tokens.push(t);
    }
  }
  wordTokens.set(p.article.id, { text: p.article.text, written, tokens });
  return { written, tokens };
}

/** Explanations with written words in place of grouping keys, and story ids in place of internal ones. */
function written(e: StoryExplanation, labels: Labels, storyId: Map<string, string>): StoryExplanation {
  return {
    members: e.members.map((m) => ({ ...m, sharedTerms: m.sharedTerms.map(labels.term), sharedNames: m.sharedNames.map(labels.name) })),
    apart: e.apart.map((x) => ({ ...x, storyId: storyId.get(x.storyId)!, sharedTerms: x.sharedTerms.map(labels.term), onlyHere: x.onlyHere.map(labels.name), onlyThere: x.onlyThere.map(labels.name) })),
  };
}

function dateRange(s: ClusterSummary, dates: Map<string, EventDate | null>): [string | null, string | null] {
  const mid = medianDay(s.dates);
  if (mid !== null) {
    const days = Object.keys(s.dates).filter((k) => !k.includes(':')).map(Number).filter((d) => Math.abs(d - mid) <= RANGE_DAYS);
    return [dayIso(Math.min(...days)), dayIso(Math.max(...days))];
  }
  // no member fixed to a day: the months (or years) the texts mention, as lower bounds
  const ds = s.members.map((m) => dates.get(m)).filter((d): d is EventDate => !!d).map((d) => (d.precision === 'month' ? d.date.slice(0, 7) : d.date.slice(0, 4))).sort();
  return [ds[0] ?? null, ds.at(-1) ?? null];
}

/** Key names of a story: the heaviest name parts over its members. */
function keyNames(s: ClusterSummary, labels: Labels): string[] {
  return Object.keys(s.names)
    .sort((a, b) => s.names[b] - s.names[a] || (a < b ? -1 : 1))
    .map(labels.name)
    .filter((t, i, all) => all.indexOf(t) === i && t.length > 2 && !/^\d+$/.test(t))
    .slice(0, 8);
}

/** Group articles into events. `mentions[i]` are the proper-name mentions of `prepared[i]`. */
export function clusterEvents(prepared: PreparedArticle[], copies: CopyRelation[], mentions: Mention[][], opts: EventOptions = {}): EventCluster[] {
  const w = { ...DEFAULT_WEIGHTS, ...opts.weights };
  const features = prepared.map((p, i) => eventFeatures(p, mentions[i] ?? []));
  linkCopies(new Map(features.map((f) => [f.id, f])), copies, w);
  let df = opts.df;
  if (!df) {
    df = emptyFrequencies();
    for (const f of features) countArticle(df, f);
  }
  const vectors = features.map((f) => vectorize(f, df!));
  const byId = new Map<string, EventVector>(vectors.map((v) => [v.id, v]));
  const grouping = groupArticles(vectors, w);
  // stories are named after their first member, whatever the order of merges and splits that made them
  const storyId = new Map(grouping.stories.map((s) => [s.id, 'ev-' + [...s.members].sort()[0]]));
  const name = nameLabels(mentions);
  const apart = explainApart(grouping, byId, w, name, (n) => !isDemonym(n));
  const raw = grouping.stories.map((s) => ({ s, explanation: { members: [...s.members].sort().map((id) => explainMember(byId.get(id)!, s, w)), apart: apart.get(s.id) ?? [] } }));
  const terms = new Set(raw.flatMap(({ explanation: e }) => [...e.members.flatMap((m) => m.sharedTerms), ...e.apart.flatMap((x) => x.sharedTerms)]));
  const labels: Labels = { term: termLabels(prepared, terms), name };
  const dates = new Map(prepared.map((p) => [p.article.id, p.eventDate]));
  return raw
    .map(({ s, explanation }) => {
      const [dateFrom, dateTo] = dateRange(s, dates);
      const articleIds = [...s.members].sort();
      return { id: storyId.get(s.id)!, articleIds, dateFrom, dateTo, keyTerms: keyNames(s, labels), explanation: written(explanation, labels, storyId) };
    })
    .sort((a, b) => (b.dateFrom ?? '').localeCompare(a.dateFrom ?? '') || b.articleIds.length - a.articleIds.length || a.id.localeCompare(b.id));
}

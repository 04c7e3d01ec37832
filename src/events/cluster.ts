// Event grouping for a set of articles: features per article, IDF from the collection, online
// assignment and settling (group.ts), then the story records with their dates, key names and the
// explanations of why articles belong together and why look-alike stories stay apart.
import type { PreparedArticle } from '../analysis/prepare.ts';
import type { CopyRelation } from '../copy/detect.ts';
import type { Mention } from '../entities/resolve.ts';
import { nameKey } from '../entities/resolve.ts';
import type { ClusterSummary, EventCluster, EventFeatures, EventVector } from '../model/event.ts';
import { contentTokens, words } from '../nlp/text.ts';
import { dayIso, type EventDate } from '../nlp/dates.ts';
import { eventFeatures, vectorize } from './features.ts';
import { countArticle, emptyFrequencies } from './summary.ts';
import { groupArticles } from './group.ts';
import { copyWeight, DEFAULT_WEIGHTS, medianDay, type EventWeights } from './similarity.ts';
import { explainApart, explainMember, type Labels } from './explain.ts';

export { tfidfVectors, cosine } from './tfidf.ts';
export type { EventCluster } from '../model/event.ts';

export interface EventOptions {
  weights?: Partial<EventWeights>;
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

/** The most frequent written form of each stemmed term and folded name part of these articles. */
function makeLabels(prepared: PreparedArticle[], mentions: Mention[][]): Labels {
  const names = new Map<string, Map<string, number>>();
  for (const ms of mentions)
    for (const m of ms)
      for (const part of m.surface.split(/[\s-]+/)) {
        const k = nameKey(part.replace(/[.,]+$/, ''));
        const forms = names.get(k) ?? names.set(k, new Map()).get(k)!;
        forms.set(part, (forms.get(part) ?? 0) + 1);
      }
  const tokenOf = new Map<string, string | undefined>();
  let terms: Map<string, Map<string, number>> | null = null;
  const termForms = () => {
    terms = new Map();
    for (const p of prepared)
      for (const w of words(p.article.text)) {
        if (!tokenOf.has(w)) tokenOf.set(w, contentTokens(w)[0]);
        const t = tokenOf.get(w);
        if (!t) continue;
        const forms = terms.get(t) ?? terms.set(t, new Map()).get(t)!;
        forms.set(w, (forms.get(w) ?? 0) + 1);
      }
    return terms;
  };
  const best = (forms: Map<string, number> | undefined, fallback: string) => (forms ? [...forms.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0] : fallback);
  return { term: (t) => best((terms ?? termForms()).get(t), t), name: (k) => best(names.get(k), k) };
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
  const df = emptyFrequencies();
  for (const f of features) countArticle(df, f);
  const vectors = features.map((f) => vectorize(f, df));
  const byId = new Map<string, EventVector>(vectors.map((v) => [v.id, v]));
  const stories = groupArticles(vectors, w);
  for (const s of stories) {
    s.members.sort();
    s.id = 'ev-' + s.members[0];
  }
  const labels = makeLabels(prepared, mentions);
  const apart = explainApart(stories, byId, w, labels);
  const dates = new Map(prepared.map((p) => [p.article.id, p.eventDate]));
  return stories
    .map((s) => {
      const [dateFrom, dateTo] = dateRange(s, dates);
      const members = s.members.map((id) => explainMember(byId.get(id)!, s, w, labels));
      return { id: s.id, articleIds: s.members, dateFrom, dateTo, keyTerms: keyNames(s, labels), explanation: { members, apart: apart.get(s.id) ?? [] } };
    })
    .sort((a, b) => (b.dateFrom ?? '').localeCompare(a.dateFrom ?? '') || b.articleIds.length - a.articleIds.length || a.id.localeCompare(b.id));
}

// Runs every analysis stage over a set of stored articles.
import { type Article, publishedTime } from '../model/article.ts';
import { prepareArticle } from './prepare.ts';
import { learnTemplates, removeTemplates } from '../ingest/templates.ts';
import { outletKeys } from '../copy/outlets.ts';
import { findCopies, type CopyDoc } from '../copy/detect.ts';
import { sourceGroups, nameSources } from '../copy/sources.ts';
import { clusterEvents } from '../events/cluster.ts';
import { extractMentions, resolveEntities } from '../entities/resolve.ts';
import { analyzeFacts } from '../facts/corroborate.ts';
import { analyzeFraming } from '../facts/framing.ts';
import { mergeEntityRows } from '../entities/merge.ts';
import type { Analysis, Progress, StoryEvent } from '../model/analysis.ts';
import type { Entity, Mention } from '../model/entity.ts';
import type { DocFrequencies, EventDate } from '../model/event.ts';
import type { CopyRelation } from '../model/copy.ts';
import type { PreparedArticle } from '../model/prepared.ts';

export function analyze(stored: Article[], onProgress?: Progress): Analysis {
  const timings: Record<string, number> = {};
  const t = (name: string, t0: number) => (timings[name] = Math.round(performance.now() - t0));
  let t0 = performance.now();
  const templates = learnTemplates(stored);
  const articles = stored.map((a) => removeTemplates(a, templates));
  t('templates', t0);
  t0 = performance.now();
  const prepared: PreparedArticle[] = [];
  articles.forEach((a, i) => {
    prepared.push(prepareArticle(a));
    if (onProgress && (i % 10 === 9 || i === articles.length - 1)) onProgress('analyse: sentences', i + 1, articles.length);
  });
  t('prepare', t0);

  t0 = performance.now();
  onProgress?.('analyse: copies', 0, 1);
  const { relations: copies, furniture } = findCopies(copyDocs(prepared));
  t('copies', t0);
  t0 = performance.now();
  const mentions = prepared.map(extractMentions);
  t('mentions', t0);
  const an = analyzePrepared({ prepared, mentions, copies, furniture }, onProgress);
  an.timings = { ...timings, ...an.timings };
  return an;
}

/** Articles as the copy detector reads them. */
export function copyDocs(prepared: PreparedArticle[]): CopyDoc[] {
  const outlets = outletKeys(prepared.map((p) => p.article));
  return prepared.map((p) => ({
    id: p.article.id,
    label: p.article.label,
    publishedAt: p.article.publishedAt,
    units: p.sentences.map((s, i) => ({ text: s.text, tokens: p.sentSets[i], para: s.para })),
    tokens: p.tokens,
    site: outlets.get(p.article.id) ?? null,
  }));
}

export interface PreparedInput {
  prepared: PreparedArticle[];
  /** proper-name mentions of each prepared article */
  mentions: Mention[][];
  /** copy relations among the articles */
  copies: CopyRelation[];
  /** article id -> sentence indexes that are page furniture */
  furniture: Map<string, number[]>;
  /** document frequencies to weigh event terms by (default: those of these articles) */
  df?: DocFrequencies;
  /** resolve entities within each story (default: over all the articles) */
  perStory?: boolean;
}

/** Stories, entities, sources and facts of prepared articles whose copy relations are known. */
export function analyzePrepared({ prepared, mentions, copies, furniture, df, perStory }: PreparedInput, onProgress?: Progress): Analysis {
  const timings: Record<string, number> = {};
  const t = (name: string, t0: number) => (timings[name] = Math.round(performance.now() - t0));
  let t0 = performance.now();

  t0 = performance.now();
  onProgress?.('analyse: events', 0, 1);
  const clusters = clusterEvents(prepared, copies, mentions, { df });
  t('events', t0);

  t0 = performance.now();
  onProgress?.('analyse: entities', 0, 1);
  const mentionsById = new Map(prepared.map((p, i) => [p.article.id, mentions[i] ?? []]));
  const resolve = (ps: PreparedArticle[]) => {
    const common = new Set<string>();
    for (const p of ps) for (const s of p.sentences) for (const tok of s.tokens) if (/^\p{Ll}/u.test(tok.text)) common.add(tok.text);
    return resolveEntities(ps.flatMap((p) => mentionsById.get(p.article.id)!), common);
  };
  // per story, the entities are what its own articles say: the same articles always give the same entities,
  // however the stream was cut into analyses
  const byArticle = new Map(prepared.map((p) => [p.article.id, p]));
  const entities = perStory ? mergeEntityRows(clusters.flatMap((c) => resolve(c.articleIds.map((id) => byArticle.get(id)!)))) : resolve(prepared);
  t('entities', t0);

  t0 = performance.now();
  const sources = sourceGroups(prepared.map((p) => p.article), copies);
  const groupOf = sources.groupOf;
  const furnitureOf = new Map([...furniture].map(([id, idx]) => [id, new Set(idx)]));
  const byId = new Map(prepared.map((p) => [p.article.id, p]));
  const summaries = prepared.map((p) => p.article);
  const fullCopies = new Set(copies.filter((c) => c.kind !== 'partial').map((c) => c.copyId));
  // entities per article, so each event only looks at its own (keeps this stage linear in the corpus)
  const mentionsOf = new Map<string, Array<[Entity, Mention]>>();
  for (const e of entities) for (const m of e.mentions) (mentionsOf.get(m.articleId) ?? mentionsOf.set(m.articleId, []).get(m.articleId)!).push([e, m]);
  /** the event's view of each entity: only its mentions in the event's articles */
  const eventEntities = (ids: string[]): Entity[] => {
    const byEntity = new Map<Entity, Mention[]>();
    for (const id of ids) for (const [e, m] of mentionsOf.get(id) ?? []) (byEntity.get(e) ?? byEntity.set(e, []).get(e)!).push(m);
    return [...byEntity.entries()].map(([e, ms]) => ({ ...e, mentions: ms, articleIds: [...new Set(ms.map((m) => m.articleId))].sort() }));
  };
  const events: StoryEvent[] = clusters.map((c, k) => {
    onProgress?.('analyse: facts', k + 1, clusters.length);
    const members = c.articleIds.map((id) => byId.get(id)!);
    const evEntities = eventEntities(c.articleIds);
    const named = new Map(nameSources(c.articleIds, groupOf, summaries).map((x) => [x.key, x.name]));
    const { facts, contradictions } = analyzeFacts(c.id, members, evEntities, { sentenceGroup: sources.sentenceGroup, name: (k) => named.get(k) ?? k, isCopy: (id) => fullCopies.has(id) }, furnitureOf);
    const framing = analyzeFraming(members, evEntities);
    const memberSet = new Set(c.articleIds);
    const copyIds = new Set(copies.filter((x) => memberSet.has(x.copyId)).map((x) => x.copyId));
    const titled = members
      .filter((m) => m.article.title && !copyIds.has(m.article.id))
      .sort((a, b) => publishedTime(a.article.publishedAt) - publishedTime(b.article.publishedAt) || a.article.label.localeCompare(b.article.label));
    const title = titled[0]?.article.title ?? c.keyTerms.slice(0, 4).join(', ');
    return {
      ...c,
      title,
      independentSources: new Set(c.articleIds.map((id) => groupOf.get(id))).size,
      entityIds: evEntities.map((e) => e.id),
      facts,
      contradictions,
      framing,
    };
  });
  t('facts', t0);

  // an undated article takes the date of the story it joined
  const storyDate = new Map<string, string>();
  for (const c of clusters) for (const m of c.explanation.members) if (m.dateSource === 'cluster' && m.date) storyDate.set(m.articleId, m.date);
  const eventDateOf = (p: PreparedArticle): EventDate | null => {
    const d = storyDate.get(p.article.id);
    return p.eventDate ?? (d ? { date: d, precision: 'day', source: 'cluster' } : null);
  };

  return {
    generatedAt: new Date().toISOString(),
    articles: prepared.map((p) => ({
      id: p.article.id,
      label: p.article.label,
      origin: p.article.origin,
      url: p.article.url,
      outlet: p.article.outlet,
      title: p.article.title,
      author: p.article.author,
      publishedAt: p.article.publishedAt,
      eventDate: eventDateOf(p),
      words: p.article.text.split(/\s+/).filter(Boolean).length,
      sentences: p.sentences.map((s) => s.text),
      templates: p.article.removed.filter((r) => r.kind === 'template').map((r) => r.text),
    })),
    copies,
    events,
    entities,
    sourceGroup: Object.fromEntries(groupOf),
    timings,
  };
}

// Reading the stored analysis a request at a time: the story list (paged, with counts), which story a key names,
// one article's place in the analysis, one entity's page, and collection-wide copies and entities page by page.
// Nothing here reads the whole analysis; story dossiers come from StorySlices (slice.ts).
import { and, asc, count, eq, gt, inArray, or, sql } from 'drizzle-orm';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import * as T from './schema.ts';
import type { ArticleSummary } from '../model/analysis.ts';
import type { CopyRelation } from '../model/copy.ts';
import type { Entity } from '../model/entity.ts';
import type { Citation } from '../model/fact.ts';
import { copyFromRow, mergeEntityRows } from './results.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = PgDatabase<any, any, any>;

export const chunked = <X>(xs: X[], n = 500): X[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, (i + 1) * n));

export function isoTime(v: string | null | undefined): string | null {
  if (!v) return null;
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? v : new Date(ms).toISOString();
}

/** One story's place in the list: what it is ordered by. */
export interface StoryKey {
  id: string;
  number: number;
  dateFrom: string | null;
  articles: number;
}

/** Stories in the order an analysis lists them: latest first, then larger, then by id. */
export function byStoryOrder(a: { id: string; dateFrom: string | null; articles: number }, b: { id: string; dateFrom: string | null; articles: number }): number {
  return (b.dateFrom ?? '').localeCompare(a.dateFrom ?? '') || b.articles - a.articles || a.id.localeCompare(b.id);
}

export interface StoryListItem {
  number: number;
  id: string;
  title: string;
  dateFrom: string | null;
  dateTo: string | null;
  keyTerms: string[];
  independentSources: number;
  corroboratedFacts: number;
  contradictions: number;
  articles: Array<{ id: string; label: string; outlet: string | null; title: string | null; firstSentence: string | null; copy: { sourceId: string; kind: string; sourceLabel: string | null } | null }>;
}

/** An entity without its mentions (only how many), as lists show it. */
export type EntityEntry = Omit<Entity, 'mentions'> & { mentionCount: number };

/** The summary columns of stored articles with their analysis (sentences included). */
export function summarySelect() {
  return {
    id: T.articles.id,
    label: T.articles.label,
    origin: T.articles.origin,
    url: T.articles.url,
    outlet: T.articles.outlet,
    title: T.articles.title,
    author: T.articles.author,
    publishedAt: T.articles.publishedAt,
    publishedLocal: T.articles.publishedLocal,
    eventDate: T.articleAnalysis.eventDate,
    words: T.articleAnalysis.words,
    sentences: T.articleAnalysis.sentences,
    templates: T.articleAnalysis.templates,
    sourceGroup: sql<string | null>`coalesce(${T.articleAnalysis.sourceGroup}, (SELECT ar.source_group ->> ${T.articleAnalysis.articleId} FROM analysis_runs ar LIMIT 1))`,
  };
}

export type SummaryRow = { [K in keyof ReturnType<typeof summarySelect>]: unknown };

export function toSummary(r: SummaryRow): ArticleSummary {
  return {
    id: r.id as string,
    label: r.label as string,
    origin: r.origin as string,
    url: r.url as string | null,
    outlet: r.outlet as string | null,
    title: r.title as string | null,
    author: r.author as string | null,
    publishedAt: (r.publishedLocal as string | null) ?? isoTime(r.publishedAt as string | null),
    eventDate: (r.eventDate as ArticleSummary['eventDate']) ?? null,
    words: r.words as number,
    sentences: r.sentences as string[],
    templates: r.templates as string[],
  };
}

export class AnalysisReader {
  constructor(private readonly db: Db) {}

  /** When the last analysis run finished and what it took; null when none is stored. */
  async run(): Promise<{ generatedAt: string; timings: Record<string, number> } | null> {
    const [r] = await this.db.select({ at: T.analysisRuns.finishedAt, timings: T.analysisRuns.timings }).from(T.analysisRuns).limit(1);
    return r ? { generatedAt: isoTime(r.at)!, timings: r.timings as Record<string, number> } : null;
  }

  /** Stored articles the analysis has taken. */
  async analysedCount(): Promise<number> {
    const [r] = await this.db.select({ n: count() }).from(T.articleAnalysis);
    return Number(r.n);
  }

  async entityCount(): Promise<number> {
    const [r] = await this.db.select({ n: sql<number>`count(DISTINCT ${T.entities.id})` }).from(T.entities);
    return Number(r.n);
  }

  async storyCount(): Promise<number> {
    const [r] = await this.db.select({ n: count() }).from(T.events);
    return Number(r.n);
  }

  /** Every story's id, number, date and size, in list order (small rows: the list is ordered and paged from these). */
  async storyOrder(): Promise<StoryKey[]> {
    const n = await this.db.select({ eventId: T.eventArticles.eventId, n: count() }).from(T.eventArticles).groupBy(T.eventArticles.eventId);
    const sizes = new Map(n.map((r) => [r.eventId, Number(r.n)]));
    const rows = await this.db.select({ id: T.events.id, number: T.events.number, position: T.events.position, dateFrom: T.events.dateFrom }).from(T.events);
    return rows.map((r) => ({ id: r.id, number: r.number ?? r.position + 1, dateFrom: r.dateFrom, articles: sizes.get(r.id) ?? 0 })).sort(byStoryOrder);
  }

  /** The story list from `offset` (at most `limit` stories), read `pageSize` stories at a time. */
  async *storyPages(opts: { offset?: number; limit?: number } = {}, pageSize = 200): AsyncGenerator<StoryListItem[]> {
    const offset = opts.offset ?? 0;
    const order = (await this.storyOrder()).slice(offset, opts.limit === undefined ? undefined : offset + opts.limit);
    for (const keys of chunked(order, pageSize)) yield this.storyItems(keys);
  }

  /** The list entries of these stories: each story's articles (and what they copy), its fact and contradiction counts. */
  async storyItems(keys: StoryKey[]): Promise<StoryListItem[]> {
    const ids = keys.map((k) => k.id);
    if (!ids.length) return [];
    const evs = new Map((await this.db.select({ id: T.events.id, title: T.events.title, dateFrom: T.events.dateFrom, dateTo: T.events.dateTo, keyTerms: T.events.keyTerms, independentSources: T.events.independentSources }).from(T.events).where(inArray(T.events.id, ids))).map((e) => [e.id, e]));
    const members = await this.db
      .select({ eventId: T.eventArticles.eventId, id: T.eventArticles.articleId, label: T.articles.label, outlet: T.articles.outlet, title: T.articles.title, first: sql<string | null>`${T.articleAnalysis.sentences} ->> 0` })
      .from(T.eventArticles)
      .leftJoin(T.articles, eq(T.articles.id, T.eventArticles.articleId))
      .leftJoin(T.articleAnalysis, eq(T.articleAnalysis.articleId, T.eventArticles.articleId))
      .where(inArray(T.eventArticles.eventId, ids));
    const of = new Map<string, typeof members>();
    for (const m of members) (of.get(m.eventId) ?? of.set(m.eventId, []).get(m.eventId)!).push(m);
    const copyOf = new Map<string, StoryListItem['articles'][number]['copy']>();
    for (const c of chunked(members.map((m) => m.id)))
      for (const r of await this.db.select({ copyId: T.copies.copyId, sourceId: T.copies.sourceId, kind: T.copies.kind, sourceLabel: T.articles.label }).from(T.copies).leftJoin(T.articles, eq(T.articles.id, T.copies.sourceId)).where(inArray(T.copies.copyId, c)))
        copyOf.set(r.copyId, { sourceId: r.sourceId, kind: r.kind, sourceLabel: r.sourceLabel });
    const corroborated = await this.countBy(T.facts, ids, eq(T.facts.status, 'corroborated'));
    const contradictions = await this.countBy(T.contradictions, ids);
    const out: StoryListItem[] = [];
    for (const k of keys) {
      const e = evs.get(k.id);
      if (!e) continue;
      const arts = (of.get(k.id) ?? []).sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      out.push({
        number: k.number, id: e.id, title: e.title, dateFrom: e.dateFrom, dateTo: e.dateTo, keyTerms: e.keyTerms as string[], independentSources: e.independentSources,
        corroboratedFacts: corroborated.get(e.id) ?? 0, contradictions: contradictions.get(e.id) ?? 0,
        articles: arts.map((m) => ({ id: m.id, label: m.label ?? m.id, outlet: m.outlet ?? null, title: m.title ?? null, firstSentence: m.first ?? null, copy: copyOf.get(m.id) ?? null })),
      });
    }
    return out;
  }

  private async countBy(t: typeof T.facts | typeof T.contradictions, ids: string[], where?: ReturnType<typeof eq>): Promise<Map<string, number>> {
    const rows = await this.db.select({ eventId: t.eventId, n: count() }).from(t).where(where ? and(inArray(t.eventId, ids), where) : inArray(t.eventId, ids)).groupBy(t.eventId);
    return new Map(rows.map((r) => [r.eventId, Number(r.n)]));
  }

  /**
   * The live story a key names (its number, id or id prefix, or those of a story since merged into it), with the
   * merged id it was reached through; null when no story ever had it.
   */
  async resolveStory(key: string): Promise<{ id: string; number: number; redirectedFrom: string | null } | null> {
    if (key.includes('\u0000')) return null;
    const live = async (id: string) => (await this.db.select({ id: T.events.id, number: T.events.number, position: T.events.position }).from(T.events).where(eq(T.events.id, id)).limit(1))[0];
    let id: string | undefined;
    if (/^\d+$/.test(key)) {
      const n = Number(key);
      if (!Number.isSafeInteger(n) || n > 2 ** 31 - 1) return null;
      id = (await this.db.select({ id: T.events.id }).from(T.events).where(sql`coalesce(${T.events.number}, ${T.events.position} + 1) = ${n}`).limit(1))[0]?.id;
      id ??= (await this.db.select({ id: T.storyIds.id }).from(T.storyIds).where(eq(T.storyIds.number, n)).limit(1))[0]?.id;
    } else if ((await live(key)) || (await this.db.select({ id: T.storyIds.id }).from(T.storyIds).where(eq(T.storyIds.id, key)).limit(1)).length) {
      id = key;
    } else {
      const like = key.replace(/[\\%_]/g, (c) => '\\' + c) + '%';
      const found = await this.db.select({ id: T.events.id, dateFrom: T.events.dateFrom }).from(T.events).where(sql`${T.events.id} LIKE ${like}`).limit(100);
      if (found.length > 1) {
        const sizes = new Map((await this.db.select({ id: T.eventArticles.eventId, n: count() }).from(T.eventArticles).where(inArray(T.eventArticles.eventId, found.map((f) => f.id))).groupBy(T.eventArticles.eventId)).map((r) => [r.id, Number(r.n)]));
        found.sort((a, b) => byStoryOrder({ ...a, articles: sizes.get(a.id) ?? 0 }, { ...b, articles: sizes.get(b.id) ?? 0 }));
      }
      id = found[0]?.id;
    }
    if (!id) return null;
    const from = id;
    let ev = await live(id);
    for (let hops = 0; !ev && hops < 1000; hops++) {
      const [r] = await this.db.select({ to: T.storyIds.redirectTo }).from(T.storyIds).where(eq(T.storyIds.id, id)).limit(1);
      if (!r?.to) break;
      id = r.to;
      ev = await live(id);
    }
    return ev ? { id: ev.id, number: ev.number ?? ev.position + 1, redirectedFrom: ev.id === from ? null : from } : null;
  }

  /** One article as analysed: its sentences, source group, story, and the copy relations it takes part in. */
  async articleView(articleId: string) {
    const [s] = await this.db.select(summarySelect()).from(T.articles).innerJoin(T.articleAnalysis, eq(T.articles.id, T.articleAnalysis.articleId)).where(eq(T.articles.id, articleId)).limit(1);
    const [story] = await this.db.select({ id: T.events.id, number: T.events.number, position: T.events.position, title: T.events.title }).from(T.eventArticles).innerJoin(T.events, eq(T.events.id, T.eventArticles.eventId)).where(eq(T.eventArticles.articleId, articleId)).limit(1);
    const copies = (await this.db.select().from(T.copies).where(or(eq(T.copies.copyId, articleId), eq(T.copies.sourceId, articleId)))).map(copyFromRow);
    const labels = await this.labels(copies.flatMap((c) => [c.copyId, c.sourceId]));
    return {
      sentences: s ? (s.sentences as string[]) : null,
      sourceGroup: s ? ((s.sourceGroup as string | null) ?? null) : null,
      story: story ? { id: story.id, number: story.number ?? story.position + 1, title: story.title } : null,
      copies: copies.map((c) => ({ copyId: c.copyId, sourceId: c.sourceId, kind: c.kind, copyLabel: labels.get(c.copyId) ?? c.copyId, sourceLabel: labels.get(c.sourceId) ?? c.sourceId, copyCoverage: c.copyCoverage, sourceCoverage: c.sourceCoverage, sentencePairs: c.sentencePairs })),
    };
  }

  async labels(ids: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (const c of chunked([...new Set(ids)])) for (const r of await this.db.select({ id: T.articles.id, label: T.articles.label }).from(T.articles).where(inArray(T.articles.id, c))) out.set(r.id, r.label);
    return out;
  }

  /** What the export tables take from the stored articles beyond the analysis: author, language, hash, ingest time. */
  async articleMeta(ids: string[]): Promise<Map<string, { author: string | null; lang: string | null; ingestedAt: string; contentHash: string }>> {
    const out = new Map<string, { author: string | null; lang: string | null; ingestedAt: string; contentHash: string }>();
    for (const c of chunked([...new Set(ids)]))
      for (const r of await this.db.select({ id: T.articles.id, author: T.articles.author, lang: T.articles.lang, ingestedAt: T.articles.ingestedAt, contentHash: T.articles.contentHash }).from(T.articles).where(inArray(T.articles.id, c)))
        out.set(r.id, { author: r.author, lang: r.lang, ingestedAt: isoTime(r.ingestedAt)!, contentHash: r.contentHash });
    return out;
  }

  /** Every origin each article was received from, first seen first. */
  async origins(ids: string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    for (const c of chunked([...new Set(ids)]))
      for (const r of await this.db.select({ articleId: T.articleOrigins.articleId, origin: T.articleOrigins.origin }).from(T.articleOrigins).where(inArray(T.articleOrigins.articleId, c)).orderBy(asc(T.articleOrigins.seenAt), asc(T.articleOrigins.origin)))
        (out.get(r.articleId) ?? out.set(r.articleId, []).get(r.articleId)!).push(r.origin);
    return out;
  }

  /** Entity rows (one per story view) merged into entities, mentions left out. */
  private async entityEntries(where: ReturnType<typeof eq> | undefined): Promise<EntityEntry[]> {
    const rows = await this.db
      .select({ id: T.entities.id, name: T.entities.name, type: T.entities.type, aliases: T.entities.aliases, articleIds: T.entities.articleIds, mentionCount: sql<number>`jsonb_array_length(${T.entities.mentions})` })
      .from(T.entities)
      .where(where)
      .orderBy(asc(T.entities.position), asc(T.entities.id), asc(T.entities.eventId));
    return mergeEntityRows(rows.map((r) => ({ ...r, mentionCount: Number(r.mentionCount), mentions: [] }) as unknown as Entity & { mentionCount: number })).map(({ mentions: _m, ...e }) => e as EntityEntry);
  }

  /** Every entity (without mentions), ordered as an analysis lists them. */
  entities(): Promise<EntityEntry[]> {
    return this.entityEntries(undefined);
  }

  /** One entity's page: its forms, the stories it is in, and the quotes its names are credited with. */
  async entityView(entityId: string) {
    if (entityId.includes('\u0000')) return null;
    const [e] = await this.entityEntries(eq(T.entities.id, entityId));
    if (!e) return null;
    const inRows = await this.db.selectDistinct({ eventId: T.entities.eventId }).from(T.entities).where(eq(T.entities.id, entityId));
    const storyIds = new Set(inRows.map((r) => r.eventId).filter(Boolean));
    // views saved by a whole analysis carry no story: those stories are found by the entity ids they list
    if (inRows.some((r) => !r.eventId)) for (const r of await this.db.select({ id: T.events.id }).from(T.events).where(sql`${T.events.entityIds} @> ${JSON.stringify([entityId])}::jsonb`)) storyIds.add(r.id);
    const evs = storyIds.size ? await this.db.select({ id: T.events.id, number: T.events.number, position: T.events.position, title: T.events.title, dateFrom: T.events.dateFrom, entityIds: T.events.entityIds }).from(T.events).where(inArray(T.events.id, [...storyIds])) : [];
    const members = storyIds.size ? await this.db.select().from(T.eventArticles).where(inArray(T.eventArticles.eventId, [...storyIds])) : [];
    const memberOf = new Map<string, string[]>();
    for (const m of members) (memberOf.get(m.eventId) ?? memberOf.set(m.eventId, []).get(m.eventId)!).push(m.articleId);
    const mine = new Set(e.articleIds);
    const stories = evs
      .filter((ev) => (ev.entityIds as string[]).includes(entityId))
      .map((ev) => ({ ev, ids: memberOf.get(ev.id) ?? [] }))
      .sort((a, b) => byStoryOrder({ id: a.ev.id, dateFrom: a.ev.dateFrom, articles: a.ids.length }, { id: b.ev.id, dateFrom: b.ev.dateFrom, articles: b.ids.length }))
      .map(({ ev, ids }) => ({ id: ev.id, number: ev.number ?? ev.position + 1, title: ev.title, articles: ids.filter((id) => mine.has(id)).length }));
    const names = [...new Set([e.name, ...e.aliases.map((x) => x.form)].map((s) => s.toLowerCase()))];
    const saidBy = (speaker: string | null) => !!speaker && names.some((n) => speaker.toLowerCase().includes(n));
    // speakers are matched here (JavaScript's case folding), then only the matching quotes are read in full
    const speakers = await this.db.select({ id: T.facts.id, speaker: sql<string | null>`${T.facts.quote} ->> 'speaker'` }).from(T.facts).where(and(eq(T.facts.kind, 'quote'), sql`${T.facts.quote} ->> 'speaker' IS NOT NULL`));
    const said = speakers.filter((s) => saidBy(s.speaker)).map((s) => s.id);
    const quotes: Array<{ storyId: string; text: string; speaker: string | null; citations: Citation[]; independentSources: number }> = [];
    for (const c of chunked(said))
      for (const f of await this.db.select({ eventId: T.facts.eventId, text: T.facts.text, quote: T.facts.quote, citations: T.facts.citations, independentSources: T.facts.independentSources }).from(T.facts).where(inArray(T.facts.id, c)).orderBy(asc(T.facts.eventId), asc(T.facts.position))) {
        const q = f.quote as { text: string; speaker: string | null } | null;
        quotes.push({ storyId: f.eventId, text: q?.text ?? f.text, speaker: q?.speaker ?? null, citations: f.citations as Citation[], independentSources: f.independentSources });
      }
    return { ...e, stories, quotes };
  }

  /** Copy relations after the key (copy id, source id), in key order: page through them with the last one's key. */
  async copies(after: { copyId: string; sourceId: string } | null, limit = 500): Promise<CopyRelation[]> {
    const rows = await this.db
      .select()
      .from(T.copies)
      .where(after ? or(gt(T.copies.copyId, after.copyId), and(eq(T.copies.copyId, after.copyId), gt(T.copies.sourceId, after.sourceId))) : undefined)
      .orderBy(asc(T.copies.copyId), asc(T.copies.sourceId))
      .limit(limit);
    return rows.map(copyFromRow);
  }

  /** Every copy relation, a page at a time. */
  async *allCopies(pageSize = 500): AsyncGenerator<CopyRelation[]> {
    let after: CopyRelation | null = null;
    for (;;) {
      const page = await this.copies(after, pageSize);
      if (!page.length) return;
      yield page;
      after = page[page.length - 1];
    }
  }
}

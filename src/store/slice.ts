// The part of the stored analysis a few stories need, shaped as an Analysis so the dossier and the export tables
// work on it as on a whole one: the stories with their facts, contradictions and members (sentences included),
// the copy relations touching the members (and the articles and stories at their other end), the entities the
// stories mention, their history, and the titles of the look-alike stories they were kept apart from.
import { and, asc, eq, inArray, ne, or, sql } from 'drizzle-orm';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import * as T from './schema.ts';
import type { Analysis, StoryEvent } from '../model/analysis.ts';
import type { CopyRelation } from '../model/copy.ts';
import type { Entity } from '../model/entity.ts';
import type { Contradiction, Fact } from '../model/fact.ts';
import type { StoryChange } from '../model/identity.ts';
import { copyFromRow, mergeEntityRows } from './results.ts';
import { AnalysisReader, chunked, isoTime, summarySelect, toSummary } from './reads.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = PgDatabase<any, any, any>;

export interface StorySlice {
  /** `stories`, stand-ins (title only) for the stories they were kept apart from, and what they touch */
  analysis: Analysis;
  /** the stories asked for, in list order */
  stories: StoryEvent[];
  /** article id -> its story, for the members and the articles at the other end of their copies */
  storyOf: Map<string, string>;
}

export function groupBy<R>(rows: R[], key: (r: R) => string): Map<string, R[]> {
  const m = new Map<string, R[]>();
  for (const r of rows) (m.get(key(r)) ?? m.set(key(r), []).get(key(r))!).push(r);
  return m;
}

const textList = (xs: string[]) => sql.join(xs.map((x) => sql`${x}`), sql`, `);

/** A stored story with its members, facts and contradictions (rows grouped by story id). */
export function storyOfRows(
  e: typeof T.events.$inferSelect,
  membersOf: Map<string, Array<{ articleId: string }>>,
  factsOf: Map<string, Array<typeof T.facts.$inferSelect>>,
  contrasOf: Map<string, Array<typeof T.contradictions.$inferSelect>>,
): StoryEvent {
  return {
    id: e.id,
    title: e.title,
    dateFrom: e.dateFrom,
    dateTo: e.dateTo,
    keyTerms: e.keyTerms as string[],
    independentSources: e.independentSources,
    entityIds: e.entityIds as string[],
    framing: e.framing as StoryEvent['framing'],
    explanation: (e.explanation as StoryEvent['explanation'] | null) ?? { members: [], apart: [] },
    number: e.number ?? e.position + 1,
    articleIds: (membersOf.get(e.id) ?? []).map((m) => m.articleId).sort(),
    facts: (factsOf.get(e.id) ?? []).map(({ position: _p, ...f }) => f as unknown as Fact),
    contradictions: (contrasOf.get(e.id) ?? []).map((c) => c as unknown as Contradiction),
  };
}

export class SliceReader {
  constructor(
    private readonly db: Db,
    private readonly reads: AnalysisReader,
  ) {}

  async slice(storyIds: string[]): Promise<StorySlice> {
    const db = this.db;
    const ids = [...new Set(storyIds)];
    const run = await this.reads.run();
    const evRows = ids.length ? await db.select().from(T.events).where(inArray(T.events.id, ids)) : [];
    const members = ids.length ? await db.select().from(T.eventArticles).where(inArray(T.eventArticles.eventId, ids)) : [];
    const memberIds = [...new Set(members.map((m) => m.articleId))];
    const memberSet = new Set(memberIds);
    const copies = new Map<string, CopyRelation>();
    for (const c of chunked(memberIds)) for (const r of await db.select().from(T.copies).where(or(inArray(T.copies.copyId, c), inArray(T.copies.sourceId, c)))) copies.set(`${r.copyId} ${r.sourceId}`, copyFromRow(r));
    const others = [...new Set([...copies.values()].flatMap((c) => [c.copyId, c.sourceId]).filter((id) => !memberSet.has(id)))];
    const articles = [];
    for (const c of chunked([...memberIds, ...others])) articles.push(...(await db.select(summarySelect()).from(T.articles).innerJoin(T.articleAnalysis, eq(T.articles.id, T.articleAnalysis.articleId)).where(inArray(T.articles.id, c))));
    articles.sort((a, b) => (a.label as string).localeCompare(b.label as string));
    const storyOf = new Map(members.map((m) => [m.articleId, m.eventId]));
    for (const c of chunked(others)) for (const r of await db.select().from(T.eventArticles).where(inArray(T.eventArticles.articleId, c))) storyOf.set(r.articleId, r.eventId);
    const facts = groupBy(ids.length ? await db.select().from(T.facts).where(inArray(T.facts.eventId, ids)).orderBy(asc(T.facts.eventId), asc(T.facts.position)) : [], (f) => f.eventId);
    const contras = groupBy(ids.length ? await db.select().from(T.contradictions).where(inArray(T.contradictions.eventId, ids)) : [], (c) => c.eventId);
    const memberOf = groupBy(members, (m) => m.eventId);
    const stories = evRows.map((e) => storyOfRows(e, memberOf, facts, contras));
    stories.sort((a, b) => (b.dateFrom ?? '').localeCompare(a.dateFrom ?? '') || b.articleIds.length - a.articleIds.length || a.id.localeCompare(b.id));
    const apartIds = [...new Set(stories.flatMap((s) => s.explanation.apart.map((x) => x.storyId)))].filter((id) => !ids.includes(id));
    const stand: StoryEvent[] = [];
    for (const c of chunked(apartIds))
      for (const e of await db.select({ id: T.events.id, title: T.events.title, number: T.events.number, dateFrom: T.events.dateFrom, dateTo: T.events.dateTo }).from(T.events).where(inArray(T.events.id, c)))
        stand.push({ ...e, number: e.number ?? undefined, keyTerms: [], independentSources: 0, entityIds: [], framing: [], explanation: { members: [], apart: [] }, articleIds: [], facts: [], contradictions: [] });
    const entities = await this.entities(ids, memberIds);
    const stories_ = await this.history(ids, stories);
    return {
      analysis: {
        generatedAt: run?.generatedAt ?? new Date(0).toISOString(),
        articles: articles.map(toSummary),
        copies: [...copies.values()],
        events: [...stories, ...stand],
        entities,
        sourceGroup: Object.fromEntries(articles.filter((a) => a.sourceGroup).map((a) => [a.id as string, a.sourceGroup as string])),
        timings: run?.timings ?? {},
        stories: stories_,
      },
      stories,
      storyOf,
    };
  }

  /** The whole entities (every story's view of them) of those the stories' articles mention; mentions left out. */
  private async entities(ids: string[], memberIds: string[]): Promise<Entity[]> {
    const wanted = new Set<string>();
    for (const c of chunked(ids)) for (const r of await this.db.selectDistinct({ id: T.entities.id }).from(T.entities).where(inArray(T.entities.eventId, c))) wanted.add(r.id);
    // views saved by a whole analysis carry no story: they are found by the articles they name
    for (const c of chunked(memberIds))
      for (const r of await this.db.selectDistinct({ id: T.entities.id }).from(T.entities).where(and(eq(T.entities.eventId, ''), sql`jsonb_exists_any(${T.entities.articleIds}, ARRAY[${textList(c)}]::text[])`)))
        wanted.add(r.id);
    const rows = [];
    for (const c of chunked([...wanted]))
      rows.push(...(await this.db.select({ id: T.entities.id, name: T.entities.name, type: T.entities.type, aliases: T.entities.aliases, articleIds: T.entities.articleIds, mentionCount: sql<number>`jsonb_array_length(${T.entities.mentions})`, position: T.entities.position, eventId: T.entities.eventId }).from(T.entities).where(inArray(T.entities.id, c))));
    rows.sort((a, b) => a.position - b.position || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0) || (a.eventId < b.eventId ? -1 : 1));
    return mergeEntityRows(rows.map(({ position: _p, eventId: _e, ...r }) => ({ ...r, mentionCount: Number(r.mentionCount), mentions: [] }) as unknown as Entity & { mentionCount: number }));
  }

  /** The history naming the stories, with the numbers of the other stories it names. */
  private async history(ids: string[], stories: StoryEvent[]): Promise<NonNullable<Analysis['stories']>> {
    const rows = [];
    for (const c of chunked(ids)) rows.push(...(await this.db.select().from(T.storyHistory).where(or(inArray(T.storyHistory.storyId, c), inArray(T.storyHistory.otherId, c)))));
    const seen = new Set<number>();
    const history: StoryChange[] = rows
      .filter((h) => !seen.has(h.id) && seen.add(h.id))
      .sort((a, b) => a.id - b.id)
      .map((h) => ({ at: isoTime(h.at)!, kind: h.kind as StoryChange['kind'], storyId: h.storyId, otherId: h.otherId, articleIds: h.articleIds as string[] }));
    const named = [...new Set(history.flatMap((h) => [h.storyId, h.otherId ?? '']).filter(Boolean))];
    const numbers: Record<string, number> = Object.fromEntries(stories.map((s) => [s.id, s.number!]));
    for (const c of chunked(named)) for (const r of await this.db.select({ id: T.storyIds.id, number: T.storyIds.number }).from(T.storyIds).where(and(inArray(T.storyIds.id, c), ne(T.storyIds.id, '')))) numbers[r.id] = r.number;
    return { numbers, redirects: {}, history };
  }
}

// Writing analysis results a neighbourhood at a time: the stories a chunk touched are replaced by their
// re-analysis (new story rows, members, facts, contradictions, entity views), the chunk's copy relations
// added, and the analysed articles' rows upserted. Story ids and numbers carry over through the same
// identity matching a full analysis uses, limited to the replaced stories.
import { count, inArray, or, sql } from 'drizzle-orm';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import * as T from './schema.ts';
import type { Analysis } from '../model/analysis.ts';
import type { CopyRelation } from '../model/copy.ts';
import type { Entity } from '../model/entity.ts';
import { IdentityStore } from './identity.ts';
import { toTextArray } from './features.ts';
import { recordsInsert } from './records.ts';
export { mergeEntityRows } from '../entities/merge.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = PgDatabase<any, any, any>;

const chunks = <X>(xs: X[], n = 200): X[][] => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, (i + 1) * n));

export function copyFromRow(c: typeof T.copies.$inferSelect): CopyRelation {
  return { ...c, kind: c.kind as CopyRelation['kind'], directionConfidence: c.directionConfidence as CopyRelation['directionConfidence'], reasons: c.reasons as string[], passages: c.passages as CopyRelation['passages'], sentencePairs: c.sentencePairs as CopyRelation['sentencePairs'] };
}

/** The entity as one story's articles see it: only their mentions and forms. */
export function entityInStory(e: Entity, members: Set<string>): Entity {
  const mentions = e.mentions.filter((m) => members.has(m.articleId));
  const aliases = e.aliases.map((a) => ({ ...a, articleIds: a.articleIds.filter((id) => members.has(id)) })).filter((a) => a.articleIds.length);
  return { ...e, mentions, aliases, articleIds: e.articleIds.filter((id) => members.has(id)) };
}

export class ResultWriter {
  constructor(private readonly db: Db) {}

  /** Forget every analysis result (features stay): a rebuild starts from here. */
  async clear(): Promise<void> {
    await this.db.transaction(async (tx) => {
      for (const t of [T.articleAnalysis, T.copies, T.events, T.eventArticles, T.entities, T.facts, T.contradictions, T.analysisRuns, T.docFreq, T.storyIds, T.storyHistory, T.articleKeys]) await tx.delete(t);
      await tx.update(T.articleFeatures).set({ analysed: false });
    });
  }

  async storyMembers(storyIds: string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    for (const c of chunks([...new Set(storyIds)], 500)) {
      if (!c.length) continue;
      for (const r of await this.db.select().from(T.eventArticles).where(inArray(T.eventArticles.eventId, c))) (out.get(r.eventId) ?? out.set(r.eventId, []).get(r.eventId)!).push(r.articleId);
    }
    for (const ids of out.values()) ids.sort();
    return out;
  }

  async storiesOf(articleIds: string[]): Promise<string[]> {
    const out = new Set<string>();
    for (const c of chunks([...new Set(articleIds)], 500)) {
      if (!c.length) continue;
      for (const r of await this.db.select({ id: T.eventArticles.eventId }).from(T.eventArticles).where(inArray(T.eventArticles.articleId, c))) out.add(r.id);
    }
    return [...out];
  }

  /** Stored copy relations with both articles among `ids`. */
  async copiesAmong(ids: string[]): Promise<CopyRelation[]> {
    const set = new Set(ids);
    const out = new Map<string, CopyRelation>();
    for (const c of chunks([...set], 500)) {
      if (!c.length) continue;
      const rows = await this.db.select().from(T.copies).where(or(inArray(T.copies.copyId, c), inArray(T.copies.sourceId, c)));
      for (const r of rows) if (set.has(r.copyId) && set.has(r.sourceId)) out.set(`${r.copyId} ${r.sourceId}`, copyFromRow(r));
    }
    return [...out.values()];
  }

  /** Replace the stories `prior` by the analysis of their neighbourhood (`an` covers exactly their articles and the new
   * ones); `keys` holds the event keys of the articles analysed for the first time, which their stories are found by
   * from now on. */
  async replace(an: Analysis, prior: string[], newCopies: CopyRelation[], templateParas: Map<string, number[]>, keys: Map<string, string[]>): Promise<void> {
    await this.db.transaction(async (tx) => {
      await new IdentityStore(tx as unknown as Db).assign(an, new Set(prior));
      for (const c of chunks(prior, 500)) {
        if (!c.length) continue;
        // one statement for the five tables (a new article replaces a story or two: round trips were most of it)
        const ids = sql`ANY(${toTextArray(c)}::text[])`;
        await tx.execute(
          sql`WITH f AS (DELETE FROM facts WHERE event_id = ${ids}), c AS (DELETE FROM contradictions WHERE event_id = ${ids}), e AS (DELETE FROM entities WHERE event_id = ${ids}), a AS (DELETE FROM event_articles WHERE event_id = ${ids}) DELETE FROM events WHERE id = ${ids}`,
        );
      }
      const keyRows = [...keys].flatMap(([id, ks]) => ks.map((k) => [k, id]));
      // the rows of eight tables go as one JSON array (or two text arrays) each, in one statement: built by drizzle
      // a hundred rows at a time, they were a dozen round trips for a new article and most of a bulk write's
      // JavaScript. (A database from before keys were written with the analysis holds the keys of the articles
      // then waiting twice: the lookup reads them as one, and checking each key here read every carrier of a
      // common term.)
      const byId = new Map(an.entities.map((e) => [e.id, e]));
      const views = an.events.flatMap((ev) => {
        const members = new Set(ev.articleIds);
        return ev.entityIds.map((id) => ({ ...entityInStory(byId.get(id)!, members), eventId: ev.id, position: 0 }));
      });
      const analysis = an.articles.map((a) => ({ articleId: a.id, eventDate: a.eventDate, words: a.words, sentences: a.sentences, templates: a.templates, templateParas: templateParas.get(a.id) ?? [], sourceGroup: an.sourceGroup[a.id] ?? null }));
      const events = an.events.map((e) => ({ id: e.id, title: e.title, dateFrom: e.dateFrom, dateTo: e.dateTo, keyTerms: e.keyTerms, independentSources: e.independentSources, entityIds: e.entityIds, framing: e.framing, explanation: e.explanation, position: 0, number: e.number ?? null }));
      await tx.execute(
        sql`WITH k AS (INSERT INTO article_keys (key, article_id) SELECT unnest(${toTextArray(keyRows.map((r) => r[0]))}::text[]), unnest(${toTextArray(keyRows.map((r) => r[1]))}::text[])),
              d AS (UPDATE article_features SET analysed = true WHERE article_id = ANY(${toTextArray(an.articles.map((a) => a.id))}::text[]) AND NOT analysed),
              c AS (${recordsInsert(T.copies, newCopies, sql`ON CONFLICT DO NOTHING`)}),
              a AS (${recordsInsert(T.articleAnalysis, analysis, sql`ON CONFLICT (article_id) DO UPDATE SET event_date = excluded.event_date, words = excluded.words, sentences = excluded.sentences, templates = excluded.templates, template_paras = excluded.template_paras, source_group = excluded.source_group`)}),
              e AS (${recordsInsert(T.events, events)}),
              m AS (${recordsInsert(T.eventArticles, an.events.flatMap((e) => e.articleIds.map((articleId) => ({ eventId: e.id, articleId }))))}),
              n AS (${recordsInsert(T.entities, views)}),
              f AS (${recordsInsert(T.facts, an.events.flatMap((e) => e.facts.map((f, position) => ({ ...f, position }))))})
            ${recordsInsert(T.contradictions, an.events.flatMap((e) => e.contradictions))}`,
      );
    });
  }

  async counts(): Promise<{ stories: number; copies: number }> {
    const [{ stories }] = await this.db.select({ stories: count() }).from(T.events);
    const [{ copies }] = await this.db.select({ copies: count() }).from(T.copies);
    return { stories: Number(stories), copies: Number(copies) };
  }

  /** Record that an analysis run finished (what `status` and freshness checks read). */
  async finishRun(timings: Record<string, number>, articleCount: number): Promise<void> {
    // one statement (a transaction of two was four round trips for every new article)
    await this.db.execute(
      sql`WITH gone AS (DELETE FROM analysis_runs) INSERT INTO analysis_runs (finished_at, article_count, fingerprint, source_group, timings) VALUES (${new Date().toISOString()}, ${articleCount}, '', '{}'::jsonb, ${JSON.stringify(timings)}::jsonb)`,
    );
  }
}

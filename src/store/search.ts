// Full-text search over articles and facts with PostgreSQL text search (english configuration, GIN indexes on the
// same expressions), the same SQL on embedded PGlite and on a PostgreSQL server. Filters: outlet, publication
// date range, entity, story. Results are ranked by ts_rank, ties by id, so both backends answer alike.
import { sql, type SQL } from 'drizzle-orm';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import { InvalidQuery, type ArticleHit, type FactHit, type SearchQuery, type SearchResult } from '../model/search.ts';
import { dateBound } from '../search/query.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = PgDatabase<any, any, any>;
type Rows<R> = { rows: R[] };

/**
 * The stored, indexed text-search vectors (generated columns, see the DDL in schema.ts), so ranking reads them
 * instead of parsing every matching text again. An article is searched in its first 100,000 characters (a
 * tsvector holds at most 1 MB).
 */
const ARTICLE_DOC = sql`a.search`;
const FACT_DOC = sql`f.search`;

const DEFAULT_LIMIT = 50;

/** Private-use characters around the matched words while the snippet is built: no text of any language uses them (« » do). */
const START = '\uE000';
const STOP = '\uE001';
const HEADLINE = `HighlightAll=true, StartSel=${START}, StopSel=${STOP}`;

export class SearchStore {
  constructor(private readonly db: Db) {}

  async search(query: SearchQuery): Promise<SearchResult> {
    const tsq = sql`websearch_to_tsquery('english', ${query.q})`;
    const [check] = (await this.rows<{ n: number }>(sql`SELECT numnode(${tsq}) AS n`));
    if (!Number(check.n)) throw new InvalidQuery(`q: "${query.q.slice(0, 60)}" has no searchable words (only stop words or punctuation)`);
    const story = query.story ? await this.storyId(query.story) : null;
    const entity = query.entity ? await this.entityId(query.entity) : null;
    const limit = query.limit ?? DEFAULT_LIMIT;
    const articleWhere = this.articleFilters(query);
    if (story) articleWhere.push(sql`EXISTS (SELECT 1 FROM event_articles ea WHERE ea.event_id = ${story} AND ea.article_id = a.id)`);
    if (entity) articleWhere.push(sql`EXISTS (SELECT 1 FROM entities e WHERE e.id = ${entity} AND e.article_ids @> jsonb_build_array(a.id))`);
    const articles = await this.rows<Record<string, unknown>>(sql`
      SELECT a.id, a.label, a.outlet, a.title, a.url, a.published_local, a.published_at,
        (SELECT min(ea.event_id) FROM event_articles ea WHERE ea.article_id = a.id) AS story_id, hit.rank,
        (SELECT ts_headline('english', x.p, ${tsq}, ${HEADLINE})
           FROM regexp_split_to_table(left(a.text, 100000), E'\\n+') WITH ORDINALITY AS x(p, n)
           ORDER BY ts_rank(to_tsvector('english', x.p), ${tsq}) DESC, x.n LIMIT 1) AS snippet
      FROM (SELECT a.id, round(ts_rank(${ARTICLE_DOC}, ${tsq})::numeric, 6) AS rank FROM articles a
            WHERE ${ARTICLE_DOC} @@ ${tsq} AND ${sql.join(articleWhere, sql` AND `)}
            ORDER BY rank DESC, a.id LIMIT ${limit}) hit
      JOIN articles a ON a.id = hit.id ORDER BY hit.rank DESC, a.id`);
    const factWhere: SQL[] = [sql`TRUE`];
    if (story) factWhere.push(sql`f.event_id = ${story}`);
    if (entity) factWhere.push(sql`f.entity_ids @> jsonb_build_array(${entity}::text)`);
    const cited = this.articleFilters(query);
    if (cited.length > 1) factWhere.push(sql`EXISTS (SELECT 1 FROM jsonb_array_elements(f.citations) c JOIN articles a ON a.id = c->>'articleId' WHERE ${sql.join(cited, sql` AND `)})`);
    const facts = await this.rows<Record<string, unknown>>(sql`
      SELECT f.id, f.event_id, f.kind, f.status, f.text, f.independent_sources, f.citations,
        round(ts_rank(${FACT_DOC}, ${tsq})::numeric, 6) AS rank
      FROM facts f WHERE ${FACT_DOC} @@ ${tsq} AND ${sql.join(factWhere, sql` AND `)}
      ORDER BY rank DESC, f.id LIMIT ${limit}`);
    return { query, articles: articles.map(articleHit), facts: facts.map(factHit) };
  }

  /** Outlet and date conditions on the articles aliased `a` (always at least TRUE). */
  private articleFilters(q: SearchQuery): SQL[] {
    const w: SQL[] = [sql`TRUE`];
    if (q.outlet) w.push(sql`lower(a.outlet) = lower(${q.outlet})`);
    if (q.from) w.push(sql`a.published_at >= ${dateBound('from', q.from)}::timestamptz`);
    if (q.to) w.push(sql`a.published_at <= ${dateBound('to', q.to)}::timestamptz`);
    return w;
  }

  /** The live story a number or id names (a merged story's id leads to the survivor). */
  private async storyId(key: string): Promise<string> {
    const byKey = /^\d+$/.test(key) ? sql`number = ${Number(key)}` : sql`id = ${key}`;
    const [row] = await this.rows<{ id: string; redirect_to: string | null }>(sql`SELECT id, redirect_to FROM story_ids WHERE ${byKey}`);
    const [live] = row ? [] : await this.rows<{ id: string }>(sql`SELECT id FROM events WHERE id = ${key} OR number::text = ${key} LIMIT 1`);
    const id = row ? (row.redirect_to ?? row.id) : live?.id;
    if (!id) throw new InvalidQuery(`story: no story "${key.slice(0, 60)}" (see: newsprov stories)`);
    return id;
  }

  /** An entity by id, canonical name or written form (case-insensitive); the one in most articles first. */
  private async entityId(key: string): Promise<string> {
    const [row] = await this.rows<{ id: string }>(sql`
      SELECT id FROM entities e
      WHERE e.id = ${key} OR lower(e.name) = lower(${key})
        OR EXISTS (SELECT 1 FROM jsonb_array_elements(e.aliases) x WHERE lower(x->>'form') = lower(${key}))
      ORDER BY (e.id = ${key}) DESC, (lower(e.name) = lower(${key})) DESC, jsonb_array_length(e.article_ids) DESC, e.id LIMIT 1`);
    if (!row) throw new InvalidQuery(`entity: no entity "${key.slice(0, 60)}" (see: newsprov entities)`);
    return row.id;
  }

  private async rows<R>(q: SQL): Promise<R[]> {
    return ((await this.db.execute(q)) as unknown as Rows<R>).rows;
  }
}

function articleHit(r: Record<string, unknown>): ArticleHit {
  const at = r.published_at as Date | string | null;
  const published = (r.published_local as string | null) ?? (at === null ? null : new Date(at).toISOString());
  return {
    id: r.id as string,
    label: r.label as string,
    outlet: (r.outlet as string | null) ?? null,
    title: (r.title as string | null) ?? null,
    url: (r.url as string | null) ?? null,
    publishedAt: published,
    storyId: (r.story_id as string | null) ?? null,
    rank: Number(r.rank),
    ...marked(clipAround(String(r.snippet ?? '').replace(/\s+/g, ' ').trim())),
  };
}

/** The snippet as plain text and the offsets of its matched words. */
function marked(s: string): { snippet: string; marks: Array<[number, number]> } {
  const marks: Array<[number, number]> = [];
  let out = '';
  let open = -1;
  for (const ch of s) {
    if (ch === START) open = out.length;
    else if (ch === STOP) {
      if (open >= 0) marks.push([open, out.length]);
      open = -1;
    } else out += ch;
  }
  return { snippet: out, marks };
}

/**
 * The best paragraph (highlighted in full by ts_headline, whose own fragment choice differs between PostgreSQL
 * versions) cut to a window around its first match.
 */
function clipAround(p: string, width = 240): string {
  if (p.length <= width) return p;
  const at = Math.max(0, p.indexOf(START));
  const from = Math.max(0, p.lastIndexOf(' ', Math.max(0, at - width / 4)));
  const to = p.indexOf(' ', Math.min(p.length, from + width));
  return `${from > 0 ? '… ' : ''}${p.slice(from, to < 0 ? p.length : to).trim()}${to < 0 ? '' : ' …'}`;
}

function factHit(r: Record<string, unknown>): FactHit {
  const citations = (typeof r.citations === 'string' ? JSON.parse(r.citations) : r.citations) as Array<{ articleId: string }>;
  return {
    id: r.id as string,
    storyId: r.event_id as string,
    kind: r.kind as string,
    status: r.status as string,
    text: r.text as string,
    independentSources: Number(r.independent_sources),
    articleIds: [...new Set(citations.map((c) => c.articleId))].sort(),
    rank: Number(r.rank),
  };
}

// Storage: embedded PGlite by default, a PostgreSQL server when given a postgres:// URL.
// Both go through the same drizzle schema and the same code below.
import { mkdirSync, readFileSync, writeFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { asc, eq, isNull, or, count, sql } from 'drizzle-orm';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import * as T from './schema.ts';
import { JobQueue } from './jobs.ts';
import { FeedStore } from './feeds.ts';
import { ArticleWriter } from './articles.ts';
import { FeatureStore, toArticle } from './features.ts';
import { copyFromRow, mergeEntityRows, ResultWriter } from './results.ts';
import { IdentityStore } from './identity.ts';
import { SearchStore } from './search.ts';
import { AnalysisReader } from './reads.ts';
import { groupBy, SliceReader, storyOfRows } from './slice.ts';
import { freeBytes } from './errors.ts';
import type { Article } from '../model/article.ts';
import type { ArticleFeatures } from '../model/features.ts';
import type { Analysis, ArticleSummary } from '../model/analysis.ts';
import type { Entity } from '../model/entity.ts';
import { LOCK } from './locks.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = PgDatabase<any, any, any>;

export interface StoreOptions {
  /** postgres://… for a PostgreSQL server; a directory path (or "memory://") for embedded PGlite */
  location: string;
}

export function isPostgresUrl(s: string): boolean {
  return /^postgres(ql)?:\/\//i.test(s);
}

function iso(v: string | null | undefined): string | null {
  if (!v) return null;
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? v : new Date(ms).toISOString();
}

function chunks<X>(xs: X[], n = 200): X[][] {
  const out: X[][] = [];
  for (let i = 0; i < xs.length; i += n) out.push(xs.slice(i, i + n));
  return out;
}

export function fingerprint(ids: string[]): string {
  return createHash('sha256').update([...ids].sort().join('\n')).digest('hex').slice(0, 16);
}

/**
 * The embedded database serves one process at a time: a second process (say \`serve\` while \`ingest\` runs)
 * gets a clear error instead of corrupting the files. A lock left by a process that died is taken over.
 */
function lockDirectory(dir: string): () => void {
  const pid = lockHolder(dir);
  if (pid !== null && pid !== process.pid)
    throw new Error(`the embedded database at ${dir} is in use by process ${pid}; stop it first, or use a PostgreSQL server (--db postgres://…) for several processes at once`);
  const lock = join(dir, 'newsprov.lock');
  writeFileSync(lock, String(process.pid));
  return () => rmSync(lock, { force: true });
}

/** The live process holding an embedded database directory, if any. */
export function lockHolder(dir: string): number | null {
  let pid: number;
  try {
    pid = Number(readFileSync(join(dir, 'newsprov.lock'), 'utf8').trim());
  } catch {
    return null;
  }
  if (!pid) return null;
  try {
    process.kill(pid, 0);
    return pid;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM' ? pid : null;
  }
}

/**
 * The connection string with the session settings for the server: the user's own (`?options=`), then JIT off. The
 * engine's statements are many small index lookups; on a table whose statistics are stale (just after a bulk load)
 * the planner's estimates crossed the JIT thresholds and compiling took longer than the lookup. (Options go in the
 * URL: pg lets those of a connection string override the ones it is given beside it.)
 */
function withServerOptions(location: string): string {
  let u: URL;
  try {
    u = new URL(location);
  } catch {
    // a connection string the URL parser does not read: pg reads it, and its settings stay as they are
    return location;
  }
  u.searchParams.set('options', [u.searchParams.get('options'), '-c jit=off'].filter(Boolean).join(' '));
  return u.toString();
}

export class Store {
  /** the work queue of worker processes */
  readonly jobs: JobQueue;
  /** feeds that `watch` polls, the origins of fetched documents, the fetch log */
  readonly feeds: FeedStore;
  /** article inserts and the origins each article was received from */
  readonly articles: ArticleWriter;
  readonly features: FeatureStore;
  readonly results: ResultWriter;
  /** persistent story ids and numbers, their redirects and history */
  readonly identity: IdentityStore;
  /** full-text search over articles and facts */
  readonly search: SearchStore;
  /** what one request needs of the stored analysis: the story list, one article or entity, copies page by page */
  readonly reads: AnalysisReader;
  /** a few stories with all they touch, shaped as an Analysis (dossiers, exports) */
  readonly slices: SliceReader;

  private constructor(
    readonly db: Db,
    readonly kind: 'pglite' | 'postgres',
    private closeFn: () => Promise<void>,
  ) {
    this.jobs = new JobQueue(db);
    this.feeds = new FeedStore(db);
    this.articles = new ArticleWriter(db);
    this.features = new FeatureStore(db);
    this.results = new ResultWriter(db);
    this.identity = new IdentityStore(db);
    this.search = new SearchStore(db);
    this.reads = new AnalysisReader(db);
    this.slices = new SliceReader(db, this.reads);
  }

  static async open(opts: StoreOptions): Promise<Store> {
    let store: Store;
    if (isPostgresUrl(opts.location)) {
      const pool = new pg.Pool({ connectionString: withServerOptions(opts.location), max: 4 });
      try {
        const c = await pool.connect();
        try {
          await c.query(`SELECT pg_advisory_lock(${LOCK.schema})`);
          await c.query(T.DDL);
          await c.query(`SELECT pg_advisory_unlock(${LOCK.schema})`);
        } finally {
          c.release();
        }
      } catch (e) {
        await pool.end().catch(() => {});
        throw new Error(`cannot open PostgreSQL database ${opts.location.replace(/\/\/[^@]*@/, '//***@')}: ${(e as Error).message}`);
      }
      store = new Store(drizzlePg(pool) as unknown as Db, 'postgres', () => pool.end());
    } else {
      const memory = opts.location === 'memory://' || opts.location === ':memory:';
      let unlock = () => {};
      if (!memory) {
        mkdirSync(opts.location, { recursive: true });
        unlock = lockDirectory(opts.location);
      }
      let client: PGlite;
      try {
        client = memory ? new PGlite() : new PGlite(opts.location);
        await client.exec(T.DDL);
      } catch (e) {
        unlock();
        const free = freeBytes(opts.location);
        const hint = free !== null && free < 16 * 1048576 ? ` — the disk holding it is full (${Math.floor(free / 1024)} KiB free): free some space and run the command again` : '';
        throw new Error(`cannot open embedded database at ${opts.location}: ${(e as Error).message}${hint}`);
      }
      store = new Store(drizzlePglite(client) as unknown as Db, 'pglite', async () => {
        await client.close();
        unlock();
      });
    }
    return store;
  }

  async close(): Promise<void> {
    await this.closeFn();
  }

  // ---------- articles ----------

  /**
   * Insert an article; returns false when it is a re-ingest of a stored document (same URL, or same origin and
   * text), whose origins then gain this one. The same text from elsewhere is stored as its own article (see ArticleWriter).
   */
  /** Store an article (see ArticleWriter.insert), with its features when given. */
  async insertArticle(a: Article, features?: (id: string) => ArticleFeatures): Promise<boolean> {
    return this.articles.insert(a, features);
  }

  async listArticles(): Promise<Article[]> {
    const rows = await this.db.select().from(T.articles).orderBy(asc(T.articles.label), asc(T.articles.id));
    return rows.map((r) => toArticle(r));
  }

  async countArticles(): Promise<number> {
    const [r] = await this.db.select({ n: count() }).from(T.articles);
    return Number(r.n);
  }

  /** Look an article up by id or label. */
  async getArticle(key: string): Promise<Article | null> {
    // PostgreSQL text cannot hold NUL, so no stored id or label has one (and the query would fail)
    if (key.includes('\u0000')) return null;
    const rows = await this.db.select().from(T.articles).where(or(eq(T.articles.id, key), eq(T.articles.label, key))).limit(2);
    return rows[0] ? toArticle(rows[0]) : null;
  }

  async articleIds(): Promise<string[]> {
    const rows = await this.db.select({ id: T.articles.id }).from(T.articles);
    return rows.map((r) => r.id);
  }

  /**
   * Refresh the planner's statistics of the tables the engine looks up by index. While a bulk analysis or a rebuild
   * fills them, the statistics describe the empty tables (autovacuum comes round a minute later; PGlite has none),
   * and the planner, taking event_articles for one row, ran the whole key lookup once per story member: 1-13 s a
   * chunk instead of tens of milliseconds (measured in rebuilds of 1,020 articles).
   */
  async refreshStatistics(): Promise<void> {
    await this.db.execute(sql`ANALYZE article_bands, article_keys, article_features, event_articles, site_paragraphs, story_ids`);
  }

  /**
   * Run `fn` unless another process is running it under the same key (PostgreSQL advisory lock, held by one
   * connection for the duration); returns null when another one was. The embedded database serves one process.
   */
  async exclusive<X>(key: number, fn: () => Promise<X>): Promise<X | null> {
    if (this.kind === 'pglite') return fn();
    return this.db.transaction(async (tx) => {
      const res = (await tx.execute(sql`SELECT pg_try_advisory_xact_lock(${key}) AS got`)) as unknown as { rows: Array<{ got: boolean }> };
      return res.rows[0]?.got ? fn() : null;
    });
  }

  // ---------- rejected input ----------

  async recordError(origin: string, reason: string, raw: string | null): Promise<void> {
    await this.db.insert(T.ingestErrors).values({ origin, reason, raw, createdAt: new Date().toISOString() });
  }

  async listErrors(): Promise<Array<{ id: number; origin: string; reason: string; hasRaw: boolean; createdAt: string }>> {
    const rows = await this.db.select().from(T.ingestErrors).orderBy(asc(T.ingestErrors.id));
    return rows.map((r) => ({ id: r.id, origin: r.origin, reason: r.reason, hasRaw: r.raw !== null, createdAt: iso(r.createdAt)! }));
  }

  // ---------- analysis ----------

  async saveAnalysis(an: Analysis): Promise<void> {
    const fp = fingerprint(an.articles.map((a) => a.id));
    await this.db.transaction(async (tx) => {
      // stories and entities keep the ids and numbers they had in the analysis this one replaces
      await new IdentityStore(tx as unknown as Db).assign(an);
      for (const t of [T.articleAnalysis, T.copies, T.events, T.eventArticles, T.entities, T.facts, T.contradictions, T.analysisRuns]) await tx.delete(t);
      for (const c of chunks(an.articles)) await tx.insert(T.articleAnalysis).values(c.map((a) => ({ articleId: a.id, eventDate: a.eventDate, words: a.words, sentences: a.sentences, templates: a.templates, sourceGroup: an.sourceGroup[a.id] ?? null })));
      for (const c of chunks(an.copies)) await tx.insert(T.copies).values(c);
      for (const c of chunks(an.events.map((e, position) => ({ e, position }))))
        await tx.insert(T.events).values(
          c.map(({ e, position }) => ({ id: e.id, title: e.title, dateFrom: e.dateFrom, dateTo: e.dateTo, keyTerms: e.keyTerms, independentSources: e.independentSources, entityIds: e.entityIds, framing: e.framing, explanation: e.explanation, position, number: e.number ?? null })),
        );
      for (const c of chunks(an.events.flatMap((e) => e.articleIds.map((articleId) => ({ eventId: e.id, articleId }))))) await tx.insert(T.eventArticles).values(c);
      for (const c of chunks(an.entities.map((e, position) => ({ ...e, position })), 100))
        await tx.insert(T.entities).values(c.map((e) => ({ id: e.id, name: e.name, type: e.type, aliases: e.aliases, articleIds: e.articleIds, mentions: e.mentions, position: e.position })));
      const facts = an.events.flatMap((e) => e.facts.map((f, position) => ({ ...f, position })));
      for (const c of chunks(facts, 100)) await tx.insert(T.facts).values(c);
      for (const c of chunks(an.events.flatMap((e) => e.contradictions))) await tx.insert(T.contradictions).values(c);
      await tx.insert(T.analysisRuns).values({ finishedAt: an.generatedAt, articleCount: an.articles.length, fingerprint: fp, sourceGroup: an.sourceGroup, timings: an.timings });
    });
    an.stories = await this.identity.index();
  }

  /** True when the stored analysis covers every stored article. */
  async analysisIsFresh(): Promise<boolean> {
    const [run] = await this.db.select().from(T.analysisRuns).limit(1);
    if (!run) return false;
    const [left] = await this.db.select({ n: count() }).from(T.articles).leftJoin(T.articleAnalysis, eq(T.articleAnalysis.articleId, T.articles.id)).where(isNull(T.articleAnalysis.articleId));
    return Number(left.n) === 0;
  }

  async loadAnalysis(): Promise<Analysis | null> {
    const [run] = await this.db.select().from(T.analysisRuns).limit(1);
    if (!run) return null;
    const arts = await this.db
      .select({ a: T.articles, x: T.articleAnalysis })
      .from(T.articles)
      .innerJoin(T.articleAnalysis, eq(T.articles.id, T.articleAnalysis.articleId))
      .orderBy(asc(T.articles.label));
    const articles: ArticleSummary[] = arts.map(({ a, x }) => ({
      id: a.id,
      label: a.label,
      origin: a.origin,
      url: a.url,
      outlet: a.outlet,
      title: a.title,
      author: a.author,
      publishedAt: a.publishedLocal ?? iso(a.publishedAt),
      eventDate: (x.eventDate as ArticleSummary['eventDate']) ?? null,
      words: x.words,
      sentences: x.sentences as string[],
      templates: x.templates as string[],
    }));
    const copies = (await this.db.select().from(T.copies)).map(copyFromRow);
    const evRows = await this.db.select().from(T.events).orderBy(asc(T.events.position));
    const members = await this.db.select().from(T.eventArticles);
    const factRows = await this.db.select().from(T.facts).orderBy(asc(T.facts.eventId), asc(T.facts.position));
    const contraRows = await this.db.select().from(T.contradictions);
    const entRows = await this.db.select().from(T.entities).orderBy(asc(T.entities.position));
    // rows grouped by story once (one pass each), not filtered per story
    const membersOf = groupBy(members, (m) => m.eventId);
    const factsOf = groupBy(factRows, (f) => f.eventId);
    const contraOf = groupBy(contraRows, (c) => c.eventId);
    const events = evRows.map((e) => storyOfRows(e, membersOf, factsOf, contraOf));
    const entities = mergeEntityRows(entRows.map(({ position: _p, eventId: _e, ...e }) => e as unknown as Entity));
    // a partial write leaves positions unset: stories in the order an analysis lists them
    events.sort((a, b) => (b.dateFrom ?? '').localeCompare(a.dateFrom ?? '') || b.articleIds.length - a.articleIds.length || a.id.localeCompare(b.id));
    const sourceGroup = { ...(run.sourceGroup as Record<string, string>), ...Object.fromEntries(arts.filter(({ x }) => x.sourceGroup).map(({ x }) => [x.articleId, x.sourceGroup!])) };
    return { generatedAt: iso(run.finishedAt)!, articles, copies, events, entities, sourceGroup, timings: run.timings as Record<string, number>, stories: await this.identity.index() };
  }
}

// Storing articles: every document is kept. The same text from another outlet, URL or feed item is its own
// article (the copy detector links it as a verbatim copy); only a re-ingest of the same document — the same
// URL, or the same origin with the same text — is skipped, and the origin it came from again is recorded.
import { createHash } from 'node:crypto';
import { asc, eq, sql } from 'drizzle-orm';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import * as T from './schema.ts';
import type { Article } from '../model/article.ts';
import { LOCK } from './locks.ts';
import type { ArticleFeatures } from '../model/features.ts';
import { featuresCtes } from './features.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = PgDatabase<any, any, any>;

/** The id of a document whose text is already stored under another document: derived from its text and where it is from. */
export function derivedArticleId(a: Pick<Article, 'contentHash' | 'url' | 'origin'>, attempt = 0): string {
  const key = `${a.contentHash}\n${a.url ?? ''}\n${a.origin}${attempt ? `\n${attempt}` : ''}`;
  return 'a' + createHash('sha256').update(key).digest('hex').slice(0, 12);
}

export interface ArticleOrigin {
  origin: string;
  url: string | null;
  seenAt: string;
}

export class ArticleWriter {
  constructor(private readonly db: Db) {}

  /**
   * Store an article. Returns false when it is a re-ingest of a stored document (its origin is then recorded on
   * that document). When another document already holds the id its text gives, `a.id` is set to a derived id.
   * With `features` (of the article under the id it is given), they are stored with it, in the same statement.
   */
  async insert(a: Article, features?: (id: string) => ArticleFeatures): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${LOCK.articleInsert})`);
      const { same, taken } = await this.lookUp(tx as unknown as Db, a);
      const origin = (id: string) => sql`INSERT INTO article_origins (article_id, origin, url, seen_at) VALUES (${id}, ${a.origin}, ${a.url}, ${a.ingestedAt}) ON CONFLICT DO NOTHING`;
      if (same) {
        await tx.execute(origin(same));
        return false;
      }
      if (taken) a.id = await this.freeId(tx as unknown as Db, a);
      // one statement: an article's rows, with its features, were a dozen round trips of its ingest
      const article = sql`INSERT INTO articles (id, label, origin, format, url, outlet, title, author, published_at, published_local, lang, text, removed, raw, content_hash, ingested_at)
        VALUES (${a.id}, ${a.label}, ${a.origin}, ${a.format}, ${a.url}, ${a.outlet}, ${a.title}, ${a.author}, ${a.publishedAt}, ${a.publishedAt}, ${a.lang}, ${a.text}, ${JSON.stringify(a.removed)}::jsonb, ${a.raw}, ${a.contentHash}, ${a.ingestedAt})`;
      await tx.execute(sql`WITH s AS (${article}), ${features ? sql`${featuresCtes(features(a.id))}, ` : sql``}o AS (${origin(a.id)}) SELECT 1`);
      return true;
    });
  }

  /** The stored article this one is a re-ingest of (same URL, or same text received from the same origin), and
   * whether its own id is taken: one round trip. */
  private async lookUp(db: Db, a: Article): Promise<{ same: string | null; taken: boolean }> {
    const byUrl = a.url ? sql`(SELECT id FROM articles WHERE url = ${a.url} ORDER BY ingested_at LIMIT 1)` : sql`NULL::text`;
    const byOrigin = sql`(SELECT a.id FROM articles a LEFT JOIN article_origins o ON o.article_id = a.id WHERE a.content_hash = ${a.contentHash} AND (a.origin = ${a.origin} OR o.origin = ${a.origin}) LIMIT 1)`;
    const [r] = ((await db.execute(sql`SELECT ${byUrl} AS by_url, ${byOrigin} AS by_origin, EXISTS (SELECT 1 FROM articles WHERE id = ${a.id}) AS taken`)) as unknown as { rows: Array<{ by_url: string | null; by_origin: string | null; taken: boolean }> }).rows;
    return { same: r.by_url ?? r.by_origin, taken: r.taken };
  }

  private async freeId(db: Db, a: Article): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      const id = derivedArticleId(a, attempt);
      const [taken] = await db.select({ id: T.articles.id }).from(T.articles).where(eq(T.articles.id, id)).limit(1);
      if (!taken) return id;
    }
  }

  /** Every origin an article was received from, earliest first (the article's own origin for rows stored before origins were kept). */
  async origins(articleId: string): Promise<ArticleOrigin[]> {
    const rows = await this.db.select().from(T.articleOrigins).where(eq(T.articleOrigins.articleId, articleId)).orderBy(asc(T.articleOrigins.seenAt), asc(T.articleOrigins.origin));
    return rows.map((r) => ({ origin: r.origin, url: r.url, seenAt: new Date(Date.parse(r.seenAt)).toISOString() }));
  }

  /** article id -> its origins, for every article with any recorded. */
  async allOrigins(): Promise<Map<string, string[]>> {
    const rows = await this.db.select({ articleId: T.articleOrigins.articleId, origin: T.articleOrigins.origin }).from(T.articleOrigins).orderBy(asc(T.articleOrigins.seenAt), asc(T.articleOrigins.origin));
    const out = new Map<string, string[]>();
    for (const r of rows) (out.get(r.articleId) ?? out.set(r.articleId, []).get(r.articleId)!).push(r.origin);
    return out;
  }
}

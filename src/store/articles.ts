// Storing articles: every document is kept. The same text from another outlet, URL or feed item is its own
// article (the copy detector links it as a verbatim copy); only a re-ingest of the same document — the same
// URL, or the same origin with the same text — is skipped, and the origin it came from again is recorded.
import { createHash } from 'node:crypto';
import { and, asc, eq, or, sql } from 'drizzle-orm';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import * as T from './schema.ts';
import type { Article } from '../model/article.ts';
import { LOCK } from './locks.ts';

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
   */
  async insert(a: Article): Promise<boolean> {
    return this.db.transaction(async (tx) => {
      await tx.execute(sql`SELECT pg_advisory_xact_lock(${LOCK.articleInsert})`);
      const same = await this.sameDocument(tx as unknown as Db, a);
      if (same) {
        await tx.insert(T.articleOrigins).values({ articleId: same, origin: a.origin, url: a.url, seenAt: a.ingestedAt }).onConflictDoNothing();
        return false;
      }
      a.id = await this.freeId(tx as unknown as Db, a);
      await tx.insert(T.articles).values({
        id: a.id,
        label: a.label,
        origin: a.origin,
        format: a.format,
        url: a.url,
        outlet: a.outlet,
        title: a.title,
        author: a.author,
        publishedAt: a.publishedAt,
        publishedLocal: a.publishedAt,
        lang: a.lang,
        text: a.text,
        removed: a.removed,
        raw: a.raw,
        contentHash: a.contentHash,
        ingestedAt: a.ingestedAt,
      });
      await tx.insert(T.articleOrigins).values({ articleId: a.id, origin: a.origin, url: a.url, seenAt: a.ingestedAt }).onConflictDoNothing();
      return true;
    });
  }

  /** The stored article this one is a re-ingest of: same URL, or same text received from the same origin. */
  private async sameDocument(db: Db, a: Article): Promise<string | null> {
    if (a.url) {
      const [byUrl] = await db.select({ id: T.articles.id }).from(T.articles).where(eq(T.articles.url, a.url)).orderBy(asc(T.articles.ingestedAt)).limit(1);
      if (byUrl) return byUrl.id;
    }
    const [byOrigin] = await db
      .select({ id: T.articles.id })
      .from(T.articles)
      .leftJoin(T.articleOrigins, eq(T.articleOrigins.articleId, T.articles.id))
      .where(and(eq(T.articles.contentHash, a.contentHash), or(eq(T.articles.origin, a.origin), eq(T.articleOrigins.origin, a.origin))))
      .limit(1);
    return byOrigin?.id ?? null;
  }

  private async freeId(db: Db, a: Article): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      const id = attempt === 0 ? a.id : derivedArticleId(a, attempt - 1);
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

// Feeds and where fetched documents came from: the list `watch` polls with each feed's state, the
// origins of every fetched article (same canonical URL or same GUID ⇒ same document, one row per
// feed or page it was found through), and the log of fetches.
import { and, asc, eq, lte, or, desc } from 'drizzle-orm';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import * as T from './schema.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = PgDatabase<any, any, any>;

export type Feed = typeof T.feeds.$inferSelect;

export interface FeedState {
  etag?: string | null;
  lastModified?: string | null;
  lastStatus: 'ok' | 'not-modified' | 'error';
  lastError: string | null;
  newItems: number;
  errorsInRow: number;
  nextFetchAt: string;
}

export interface OriginKey {
  canonicalUrl: string | null;
  guid: string | null;
}

export interface FetchLogEntry {
  url: string;
  finalUrl: string | null;
  status: number | null;
  outcome: 'stored' | 'not-modified' | 'sitemap' | 'refused' | 'failed';
  detail: string | null;
  newItems: number;
}

/** Shortest and longest polling interval accepted. */
export const MIN_INTERVAL_S = 1;
export const MAX_INTERVAL_S = 7 * 24 * 3600;

function iso(v: string | null): string | null {
  return v === null ? null : new Date(Date.parse(v)).toISOString();
}

function normalize(f: Feed): Feed {
  return { ...f, addedAt: iso(f.addedAt)!, lastFetchAt: iso(f.lastFetchAt), nextFetchAt: iso(f.nextFetchAt)! };
}

export class FeedStore {
  constructor(private readonly db: Db) {}

  /**
   * Add a feed (due at once) polled every `intervalSeconds` (default `fallbackSeconds`); for a feed
   * already there, a given interval replaces its own. Returns the feed and whether it is new.
   */
  async add(url: string, intervalSeconds: number | null, fallbackSeconds = 900): Promise<{ feed: Feed; added: boolean }> {
    const secs = intervalSeconds ?? fallbackSeconds;
    if (!Number.isInteger(secs) || secs < MIN_INTERVAL_S || secs > MAX_INTERVAL_S)
      throw new RangeError(`polling interval must be a whole number of seconds from ${MIN_INTERVAL_S} to ${MAX_INTERVAL_S} (one week), not ${secs}`);
    const now = new Date().toISOString();
    const inserted = await this.db.insert(T.feeds).values({ url, intervalSeconds: secs, addedAt: now, nextFetchAt: now }).onConflictDoNothing().returning();
    if (inserted.length) return { feed: normalize(inserted[0]), added: true };
    const q = intervalSeconds === null ? this.db.select().from(T.feeds).where(eq(T.feeds.url, url)) : this.db.update(T.feeds).set({ intervalSeconds }).where(eq(T.feeds.url, url)).returning();
    const [row] = await q;
    return { feed: normalize(row), added: false };
  }

  /** Remove a feed by id or URL; returns the removed feed, or null when there is none. */
  async remove(key: string | number): Promise<Feed | null> {
    const where = typeof key === 'number' || /^\d+$/.test(key) ? eq(T.feeds.id, Number(key)) : eq(T.feeds.url, key);
    const [row] = await this.db.delete(T.feeds).where(where).returning();
    return row ? normalize(row) : null;
  }

  async list(): Promise<Feed[]> {
    return (await this.db.select().from(T.feeds).orderBy(asc(T.feeds.id))).map(normalize);
  }

  async get(id: number): Promise<Feed | null> {
    const [row] = await this.db.select().from(T.feeds).where(eq(T.feeds.id, id));
    return row ? normalize(row) : null;
  }

  /** Feeds whose next fetch is due at `now`, soonest first. */
  async due(now: Date): Promise<Feed[]> {
    const rows = await this.db.select().from(T.feeds).where(lte(T.feeds.nextFetchAt, now.toISOString())).orderBy(asc(T.feeds.nextFetchAt), asc(T.feeds.id));
    return rows.map(normalize);
  }

  /** Record what one poll of a feed gave. */
  async recordPoll(feed: Feed, s: FeedState, at: Date): Promise<void> {
    const cache = s.lastStatus === 'error' ? {} : { etag: s.etag ?? null, lastModified: s.lastModified ?? null };
    await this.db
      .update(T.feeds)
      .set({ ...cache, lastFetchAt: at.toISOString(), lastStatus: s.lastStatus, lastError: s.lastError, lastNewItems: s.newItems, totalNewItems: feed.totalNewItems + s.newItems, errorsInRow: s.errorsInRow, nextFetchAt: s.nextFetchAt })
      .where(eq(T.feeds.id, feed.id));
  }

  // ---------- origins ----------

  /** The article already stored under this canonical URL or GUID, if any. */
  async findDocument(key: OriginKey): Promise<string | null> {
    const conds = [key.canonicalUrl ? eq(T.itemOrigins.canonicalUrl, key.canonicalUrl) : null, key.guid ? eq(T.itemOrigins.guid, key.guid) : null].filter((c) => c !== null);
    if (!conds.length) return null;
    const [row] = await this.db.select({ id: T.itemOrigins.articleId }).from(T.itemOrigins).where(or(...conds)).orderBy(asc(T.itemOrigins.id)).limit(1);
    return row?.id ?? null;
  }

  /** Note that an article was found through `source` (a feed or page URL); once per article and source. */
  async recordOrigin(articleId: string, key: OriginKey, source: string): Promise<void> {
    await this.db.insert(T.itemOrigins).values({ articleId, canonicalUrl: key.canonicalUrl, guid: key.guid, source, seenAt: new Date().toISOString() }).onConflictDoNothing();
  }

  async origins(articleId?: string): Promise<Array<typeof T.itemOrigins.$inferSelect>> {
    const q = this.db.select().from(T.itemOrigins);
    return articleId ? q.where(eq(T.itemOrigins.articleId, articleId)).orderBy(asc(T.itemOrigins.id)) : q.orderBy(asc(T.itemOrigins.id));
  }

  // ---------- fetch log ----------

  async logFetch(e: FetchLogEntry): Promise<void> {
    await this.db.insert(T.fetchLog).values({ ...e, detail: e.detail?.slice(0, 2000) ?? null, at: new Date().toISOString() });
  }

  /** The latest fetches, newest first (optionally of one URL). */
  async fetchLog(limit = 100, url?: string): Promise<Array<typeof T.fetchLog.$inferSelect>> {
    const q = this.db.select().from(T.fetchLog);
    const rows = await (url ? q.where(and(eq(T.fetchLog.url, url))) : q).orderBy(desc(T.fetchLog.id)).limit(limit);
    return rows;
  }
}

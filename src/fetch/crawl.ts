// Fetch URLs and store what they hold: pages and feeds go through the same ingest path as files
// (ingestBytes: same decoding, parsing and rejections); sitemaps and sitemap indexes add their URLs
// to the crawl; pages name their feeds (followed with `discover`, or when the page itself holds no
// article). Same canonical URL or same GUID ⇒ same document: stored once, every origin recorded.
import { emptyReport, ingestBytes, type Dedupe, type IngestReport } from '../ingest/ingest.ts';
import { decodeBytes } from '../ingest/decode.ts';
import { detectFormat } from '../ingest/format.ts';
import { InputError, type ParsedArticle } from '../model/article.ts';
import type { Store } from '../store/store.ts';
import type { FetchLogEntry, OriginKey } from '../store/feeds.ts';
import { FetchError, type Conditional, type Fetched, type HttpClient } from './client.ts';
import { FetchRefused } from './guard.ts';
import { canonicalUrl } from './canonical.ts';
import { pageLinks } from './discover.ts';
import { feedItemKeys } from './items.ts';
import { gunzipIfNeeded, looksLikeSitemap, parseSitemap } from './sitemap.ts';

export interface CrawlOptions {
  /** also fetch the feeds that pages link to (<link rel="alternate">) */
  discover?: boolean;
  /** most URLs one crawl fetches, sitemap entries included */
  maxUrls?: number;
  /** how deep sitemap indexes are followed */
  maxSitemapDepth?: number;
  /** ETag / Last-Modified for the first URL (a watched feed) */
  conditional?: Conditional;
  onProgress?: (done: number, total: number) => void;
}

export interface CrawlResult {
  report: IngestReport;
  fetches: FetchLogEntry[];
  /** feeds named by the pages fetched */
  discoveredFeeds: string[];
  failures: Array<{ url: string; reason: string }>;
  /** the answer to the first URL, when there was one */
  first: Fetched | null;
}

interface Task {
  url: string;
  depth: number;
  /** why it is fetched: asked for, listed in a sitemap, or a feed a page named */
  via: 'asked' | 'sitemap' | 'feed-link';
}

const PARALLEL = 4;

export class Crawl {
  private queue: Task[] = [];
  private queued = new Set<string>();
  private done = 0;
  private firstUrl: string | undefined;
  readonly result: CrawlResult = { report: emptyReport(), fetches: [], discoveredFeeds: [], failures: [], first: null };

  constructor(
    private readonly store: Store,
    private readonly client: HttpClient,
    private readonly opts: CrawlOptions = {},
  ) {}

  private enqueue(url: string, depth: number, via: Task['via']): void {
    const key = canonicalUrl(url) ?? url;
    if (this.queued.has(key) || this.queued.size >= (this.opts.maxUrls ?? 500)) return;
    this.queued.add(key);
    this.queue.push({ url, depth, via });
  }

  /** Fetch every URL (and what they lead to) with a few requests in flight; the per-host limits pace them. */
  async run(urls: string[]): Promise<CrawlResult> {
    for (const u of urls) this.enqueue(u, 0, 'asked');
    this.firstUrl = urls[0];
    const worker = async () => {
      for (let t = this.queue.shift(); t; t = this.queue.shift()) {
        await this.visit(t, t.url === this.firstUrl && t.via === 'asked' ? this.opts.conditional : undefined);
        this.opts.onProgress?.(++this.done, this.queued.size);
      }
    };
    // new tasks may appear while others run: keep going until the queue stays empty
    while (this.queue.length) await Promise.all(Array.from({ length: PARALLEL }, worker));
    return this.result;
  }

  private async log(e: FetchLogEntry): Promise<void> {
    this.result.fetches.push(e);
    await this.store.feeds.logFetch(e);
  }

  private async visit(t: Task, cond: Conditional | undefined): Promise<void> {
    let f: Fetched;
    try {
      f = await this.client.get(t.url, cond);
    } catch (e) {
      if (!(e instanceof FetchRefused || e instanceof FetchError)) throw e;
      this.result.failures.push({ url: t.url, reason: e.message });
      return this.log({ url: t.url, finalUrl: null, status: e instanceof FetchError ? e.status : null, outcome: e instanceof FetchRefused ? 'refused' : 'failed', detail: e.message, newItems: 0 });
    }
    if (t.url === this.firstUrl && t.via === 'asked') this.result.first = f;
    if (f.notModified) return this.log({ url: t.url, finalUrl: f.finalUrl, status: f.status, outcome: 'not-modified', detail: null, newItems: 0 });
    try {
      await this.handle(t, f);
    } catch (e) {
      if (!(e instanceof InputError)) throw e;
      this.result.failures.push({ url: t.url, reason: e.message });
      await this.log({ url: t.url, finalUrl: f.finalUrl, status: f.status, outcome: 'failed', detail: e.message, newItems: 0 });
    }
  }

  private async handle(t: Task, f: Fetched): Promise<void> {
    const bytes = gunzipIfNeeded(f.bytes, f.finalUrl, this.client.opts.maxBytes);
    const text = decodedOrNull(bytes, f);
    if (text !== null && looksLikeSitemap(text)) return this.sitemap(t, f, text);
    const origin = withoutFragment(f.finalUrl);
    const format = text === null ? null : detectFormat(text.replace(/^\uFEFF/, ''));
    const before = this.result.report.inserted.length;
    const seenBefore = this.result.report.duplicates.length;
    let feeds: string[] = [];
    if (format === 'html') {
      const links = pageLinks(text!, f.finalUrl);
      feeds = links.feeds;
      for (const u of feeds) if (!this.result.discoveredFeeds.includes(u)) this.result.discoveredFeeds.push(u);
      const key = { canonicalUrl: canonicalUrl(links.canonical ?? f.finalUrl), guid: null };
      await ingestBytes(this.store, bytes, origin, this.result.report, { contentType: f.contentType, url: key.canonicalUrl, dedupe: this.dedupe(t.url, () => key) });
    } else {
      const isFeed = format === 'rss' || format === 'atom';
      const keys = isFeed ? feedItemKeys(text!, origin) : [];
      // a feed item is known by its own link and GUID, never by the feed's URL
      const keyOf = (p: ParsedArticle): OriginKey => {
        const k = keys[itemIndex(p.origin, origin)];
        return { canonicalUrl: canonicalUrl(p.url ?? k?.link ?? (isFeed ? null : f.finalUrl), f.finalUrl), guid: k?.guid ?? null };
      };
      await ingestBytes(this.store, bytes, origin, this.result.report, { contentType: f.contentType, dedupe: this.dedupe(t.url, keyOf) });
    }
    this.result.report.files++;
    const newItems = this.result.report.inserted.length - before;
    const nothing = newItems === 0 && this.result.report.duplicates.length === seenBefore;
    if (this.opts.discover || nothing) for (const u of feeds) this.enqueue(u, t.depth + 1, 'feed-link');
    await this.log({ url: t.url, finalUrl: f.finalUrl, status: f.status, outcome: 'stored', detail: format, newItems });
  }

  private async sitemap(t: Task, f: Fetched, text: string): Promise<void> {
    const map = parseSitemap(text, f.finalUrl);
    const deeper = t.depth < (this.opts.maxSitemapDepth ?? 3);
    if (map.kind === 'urlset' || deeper) for (const e of map.entries) this.enqueue(e.loc, t.depth + 1, 'sitemap');
    const detail = `${map.kind === 'index' ? 'sitemap index' : 'sitemap'} with ${map.entries.length} entr${map.entries.length === 1 ? 'y' : 'ies'}${deeper || map.kind === 'urlset' ? '' : ' (too deep: not followed)'}`;
    await this.log({ url: t.url, finalUrl: f.finalUrl, status: f.status, outcome: 'sitemap', detail, newItems: 0 });
  }

  /** Same canonical URL or GUID as a stored document: record this origin of it and store nothing. */
  private dedupe(source: string, keyOf: (p: ParsedArticle) => OriginKey): Dedupe {
    const feeds = this.store.feeds;
    return {
      async seen(p) {
        const key = keyOf(p);
        const id = await feeds.findDocument(key);
        if (id) await feeds.recordOrigin(id, key, source);
        return id !== null;
      },
      async stored(p, articleId) {
        await feeds.recordOrigin(articleId, keyOf(p), source);
      },
    };
  }
}

/** Fetch URLs with a client and store what they hold. */
export function crawl(store: Store, client: HttpClient, urls: string[], opts: CrawlOptions = {}): Promise<CrawlResult> {
  return new Crawl(store, client, opts).run(urls);
}

function decodedOrNull(bytes: Uint8Array, f: Fetched): string | null {
  try {
    return decodeBytes(bytes, f.finalUrl, { contentType: f.contentType }).text;
  } catch {
    return null; // ingestBytes rejects it with the reason and keeps the bytes
  }
}

function withoutFragment(url: string): string {
  const u = new URL(url);
  u.hash = '';
  return u.toString();
}

/** "…/feed.xml#item-3" → 2 (the feed parser numbers items from 1). */
function itemIndex(itemOrigin: string, origin: string): number {
  const m = /#item-(\d+)$/.exec(itemOrigin.slice(origin.length));
  return m ? Number(m[1]) - 1 : -1;
}

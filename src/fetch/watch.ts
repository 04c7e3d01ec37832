// Poll the stored feeds, each on its own schedule: conditional GET with the feed's ETag and
// Last-Modified, new items stored (once per document, every origin recorded), the analysis run after
// a round that brought new items, and each feed's state (last fetch, new items, error) kept in the store.
import type { Store } from '../store/store.ts';
import type { Feed, FeedState } from '../store/feeds.ts';
import type { HttpClient } from './client.ts';
import { crawl, type CrawlResult } from './crawl.ts';

export interface PollResult {
  feed: Feed;
  status: FeedState['lastStatus'];
  newItems: number;
  error: string | null;
  nextFetchAt: string;
  crawl: CrawlResult;
}

export interface WatchOptions {
  /** stop after this many rounds (a round polls every feed that is due); default: until `signal` aborts */
  rounds?: number;
  signal?: AbortSignal;
  /** run after a round that stored new items */
  analyze?: () => Promise<void>;
  onPoll?: (r: PollResult) => void;
  /** longest sleep between rounds, so feeds added meanwhile are picked up */
  maxSleepMs?: number;
}

export interface WatchSummary {
  rounds: number;
  polls: number;
  newItems: number;
  analyses: number;
}

/** After failures a feed waits longer: its interval doubled per failure in a row, up to six hours (or its interval if longer). */
export function retryDelaySeconds(intervalSeconds: number, errorsInRow: number): number {
  const cap = Math.max(intervalSeconds, 6 * 3600);
  return Math.min(cap, intervalSeconds * 2 ** Math.min(errorsInRow - 1, 16));
}

/** Fetch one feed now (conditionally) and record its state. */
export async function pollFeed(store: Store, client: HttpClient, feed: Feed, now = new Date()): Promise<PollResult> {
  const c = await crawl(store, client, [feed.url], { conditional: { etag: feed.etag, lastModified: feed.lastModified }, maxUrls: 50 });
  const failure = c.failures.find((f) => f.url === feed.url) ?? null;
  const newItems = c.report.inserted.length;
  const status: FeedState['lastStatus'] = failure ? 'error' : c.first?.notModified ? 'not-modified' : 'ok';
  const errorsInRow = failure ? feed.errorsInRow + 1 : 0;
  const delay = failure ? retryDelaySeconds(feed.intervalSeconds, errorsInRow) : feed.intervalSeconds;
  const nextFetchAt = new Date(now.getTime() + delay * 1000).toISOString();
  // a fresh answer replaces the validators (or clears them when it has none); a 304 keeps them
  const answer = c.first && !c.first.notModified ? c.first : null;
  const validators = answer ? { etag: answer.etag, lastModified: answer.lastModified } : { etag: feed.etag, lastModified: feed.lastModified };
  const state: FeedState = { ...validators, lastStatus: status, lastError: failure?.reason ?? null, newItems, errorsInRow, nextFetchAt };
  await store.feeds.recordPoll(feed, state, now);
  return { feed, status, newItems, error: state.lastError, nextFetchAt, crawl: c };
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((res) => {
    if (signal?.aborted) return res();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      res();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Poll the due feeds, a few at once (the client paces each host). */
async function pollDue(store: Store, client: HttpClient, due: Feed[], onPoll?: (r: PollResult) => void): Promise<PollResult[]> {
  const results: PollResult[] = [];
  const todo = [...due];
  const worker = async () => {
    for (let f = todo.shift(); f; f = todo.shift()) {
      const r = await pollFeed(store, client, f);
      results.push(r);
      onPoll?.(r);
    }
  };
  await Promise.all(Array.from({ length: Math.min(4, due.length) }, worker));
  return results;
}

/** Watch the stored feeds until `rounds` are done or `signal` aborts. */
export async function watchFeeds(store: Store, client: HttpClient, opts: WatchOptions = {}): Promise<WatchSummary> {
  if (!(await store.feeds.list()).length) throw new Error('no feeds to watch: add some with `newsprov feeds add URL` (or watch --feeds FILE)');
  const sum: WatchSummary = { rounds: 0, polls: 0, newItems: 0, analyses: 0 };
  const maxSleep = opts.maxSleepMs ?? 60_000;
  while (!opts.signal?.aborted && (opts.rounds === undefined || sum.rounds < opts.rounds)) {
    const results = await pollDue(store, client, await store.feeds.due(new Date()), opts.onPoll);
    sum.rounds++;
    sum.polls += results.length;
    const fresh = results.reduce((n, r) => n + r.newItems, 0);
    sum.newItems += fresh;
    if (fresh && opts.analyze) {
      await opts.analyze();
      sum.analyses++;
    }
    if (opts.rounds !== undefined && sum.rounds >= opts.rounds) break;
    const feeds = await store.feeds.list();
    if (!feeds.length) break;
    const next = Math.min(...feeds.map((f) => Date.parse(f.nextFetchAt)));
    await sleep(Math.max(0, Math.min(maxSleep, next - Date.now())), opts.signal);
  }
  return sum;
}

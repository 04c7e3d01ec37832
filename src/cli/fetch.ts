// `newsprov fetch URL…`: pages, feeds, sitemaps and sitemap indexes, fetched politely and safely
// (src/fetch/) and stored through the same ingest path as files.
import { HttpClient, type ClientOptions } from '../fetch/client.ts';
import { crawl, type CrawlResult } from '../fetch/crawl.ts';
import { checkUrl, FetchRefused } from '../fetch/guard.ts';
import { analyseAndCount } from '../service.ts';
import { ProgressBar } from '../progress.ts';
import type { Store } from '../store/store.ts';
import { UsageError, progressFn, withStore, type Command } from './context.ts';
import { printReport } from './report.ts';

export interface WebFlags {
  'allow-private'?: boolean;
  'no-analyze'?: boolean;
  discover?: boolean;
  json?: boolean;
}

function log(s: string) {
  process.stderr.write(s + '\n');
}

/** The HTTP client the commands use: private addresses only with --allow-private; UA and time limit from the environment. */
export function clientFromFlags(o: WebFlags, env = process.env): HttpClient {
  const opts: ClientOptions = { allowPrivate: !!o['allow-private'] };
  if (env.NEWSPROV_USER_AGENT) opts.userAgent = env.NEWSPROV_USER_AGENT;
  const t = Number(env.NEWSPROV_FETCH_TIMEOUT);
  if (env.NEWSPROV_FETCH_TIMEOUT && !(t > 0)) throw new UsageError(`NEWSPROV_FETCH_TIMEOUT must be a number of seconds, not "${env.NEWSPROV_FETCH_TIMEOUT}"`);
  if (t > 0) opts.timeoutMs = t * 1000;
  return new HttpClient(opts);
}

/** What a crawl did, one line per fetch that needs saying, then the ingest report. */
export function printCrawl(c: CrawlResult, discover: boolean): void {
  const by = (k: string) => c.fetches.filter((f) => f.outcome === k).length;
  log(`fetched ${c.fetches.length} URL(s): ${by('stored')} stored, ${by('sitemap')} sitemap(s), ${by('not-modified')} not modified, ${by('refused')} refused, ${by('failed')} failed`);
  for (const f of c.failures) log(`  ${f.reason}`);
  const unfollowed = c.discoveredFeeds.filter((u) => !c.fetches.some((f) => f.url === u));
  if (unfollowed.length && !discover) log(`  feed(s) named by the page(s), not fetched (use --discover, or 'newsprov feeds add'): ${unfollowed.join(' ')}`);
  printReport(c.report);
}

export async function fetchCommand(store: Store, urls: string[], o: WebFlags): Promise<number> {
  if (!urls.length) throw new UsageError('fetch needs at least one URL (a page, a feed or a sitemap)');
  for (const u of urls) {
    try {
      checkUrl(u);
    } catch (e) {
      throw new UsageError((e as FetchRefused).message);
    }
  }
  const client = clientFromFlags(o);
  try {
    const bar = new ProgressBar('fetch', urls.length);
    const c = await crawl(store, client, urls, { discover: !!o.discover, onProgress: (done, total) => bar.update(done, `of ${total}`) });
    bar.done();
    if (o.json) process.stdout.write(JSON.stringify({ fetches: c.fetches, discoveredFeeds: c.discoveredFeeds, report: c.report }, null, 2) + '\n');
    printCrawl(c, !!o.discover);
    if (!o['no-analyze'] && c.report.inserted.length) {
      const an = await analyseAndCount(store, progressFn());
      log(`analysed ${an.articles} article(s): ${an.stories} stor(y/ies), ${an.copies} copy relation(s), ${an.entities} entities`);
    }
    const stored = c.report.inserted.length + c.report.duplicates.length;
    return c.failures.length && !stored ? 1 : 0;
  } finally {
    await client.close();
  }
}

export const fetchCli: Command = {
  name: 'fetch',
  usage: `fetch <URL…>          fetch pages, RSS/Atom feeds, sitemaps and sitemap indexes and add what they hold
                        --discover   also fetch the feeds pages name (<link rel="alternate">)
                        --allow-private   allow private, loopback and link-local addresses
                        --no-analyze  skip the analysis after fetching`,
  options: { discover: { type: 'boolean' }, 'allow-private': { type: 'boolean' }, 'no-analyze': { type: 'boolean' }, json: { type: 'boolean' } },
  run: ({ o, rest, db }) => withStore(db, (s) => fetchCommand(s, rest, o as WebFlags)),
};

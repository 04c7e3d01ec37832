// `newsprov watch`: poll the stored feeds (plus those of a list file), each on its own schedule,
// store new items, re-run the analysis after new items, and say what each poll gave.
import { readFileSync } from 'node:fs';
import { parseFeedList } from '../fetch/feedlist.ts';
import { DEFAULT_INTERVAL_S, parseInterval } from '../fetch/interval.ts';
import { watchFeeds, type PollResult } from '../fetch/watch.ts';
import { analyseAndCount } from '../service.ts';
import type { Store } from '../store/store.ts';
import { UsageError, progressFn, withStore, type Command } from './context.ts';
import { clientFromFlags, type WebFlags } from './fetch.ts';
import { feedLine } from './feeds.ts';

function log(s: string) {
  process.stderr.write(s + '\n');
}

function pollLine(r: PollResult): string {
  const t = new Date().toISOString().slice(11, 19);
  const what = r.status === 'error' ? `error: ${r.error} (retry at ${r.nextFetchAt.slice(11, 19)})` : r.status === 'not-modified' ? 'not modified' : `${r.newItems} new item(s), ${r.crawl.report.duplicates.length} already stored`;
  return `[${t}] feed ${r.feed.id} ${r.feed.url}: ${what}`;
}

async function addFromFile(store: Store, file: string, every: number | null): Promise<void> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new UsageError(`cannot read the feed list ${file} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  let entries;
  try {
    entries = parseFeedList(text, file);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  for (const e of entries) await store.feeds.add(e.url, e.intervalSeconds ?? every, DEFAULT_INTERVAL_S);
  log(`${entries.length} feed(s) from ${file}`);
}

export async function watchCommand(store: Store, o: WebFlags & { feeds?: string; every?: string; rounds?: string }): Promise<number> {
  const rounds = o.rounds === undefined ? undefined : Number(o.rounds);
  if (rounds !== undefined && (!Number.isInteger(rounds) || rounds < 1)) throw new UsageError('--rounds takes a whole number of at least 1');
  let every: number | null = null;
  try {
    if (o.every !== undefined) every = parseInterval(o.every);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (o.feeds) await addFromFile(store, o.feeds, every);
  if (!(await store.feeds.list()).length) throw new UsageError("no feeds to watch: add some with 'newsprov feeds add URL' or pass --feeds FILE");
  const client = clientFromFlags(o);
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  log(`watching ${(await store.feeds.list()).length} feed(s)${rounds ? ` for ${rounds} round(s)` : '; Ctrl-C stops'}`);
  try {
    const analyze = o['no-analyze']
      ? undefined
      : async () => {
          const an = await analyseAndCount(store, progressFn());
          log(`analysed ${an.articles} article(s): ${an.stories} stor(y/ies), ${an.copies} copy relation(s)`);
        };
    const sum = await watchFeeds(store, client, { rounds, signal: stop.signal, analyze, onPoll: (r) => log(pollLine(r)) });
    log(`watch stopped after ${sum.rounds} round(s): ${sum.polls} poll(s), ${sum.newItems} new item(s), ${sum.analyses} analysis run(s)`);
    for (const f of await store.feeds.list()) log(feedLine(f));
    return 0;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await client.close();
  }
}

export const watchCli: Command = {
  name: 'watch',
  usage: `watch                 poll the stored feeds, each on its own schedule; analyse after new items
                        --feeds FILE   add the feeds listed in FILE first (URL [interval] per line)
                        --rounds N   stop after N polling rounds (default: until Ctrl-C)
                        --allow-private, --no-analyze, --every as above`,
  options: { feeds: { type: 'string' }, rounds: { type: 'string' }, every: { type: 'string' }, 'allow-private': { type: 'boolean' }, 'no-analyze': { type: 'boolean' } },
  run: ({ o, db }) => withStore(db, (s) => watchCommand(s, o as WebFlags & { feeds?: string; every?: string; rounds?: string })),
};

// `newsprov feeds add|remove|list`: the feeds `watch` polls, with their state.
import { feedUrl } from '../fetch/feedlist.ts';
import { DEFAULT_INTERVAL_S, formatInterval, parseInterval } from '../fetch/interval.ts';
import type { Feed } from '../store/feeds.ts';
import type { Store } from '../store/store.ts';
import { UsageError, withStore, type Command } from './context.ts';

function out(s: string) {
  process.stdout.write(s + '\n');
}

function usage<X>(fn: () => X): X {
  try {
    return fn();
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

const when = (iso: string | null) => (iso ? iso.slice(0, 19).replace('T', ' ') : 'never');

/** One feed's state in one line: last fetch, its result, new items, next fetch. */
export function feedLine(f: Feed): string {
  const result = f.lastStatus === 'error' ? `error: ${f.lastError}` : f.lastStatus === 'not-modified' ? 'not modified' : f.lastStatus === 'ok' ? `${f.lastNewItems} new item(s)` : 'not fetched yet';
  return `${String(f.id).padStart(3)}  ${f.url}  every ${formatInterval(f.intervalSeconds)}  last fetch ${when(f.lastFetchAt)}: ${result}  (${f.totalNewItems} item(s) in all; next ${when(f.nextFetchAt)})`;
}

export async function feedsCommand(store: Store, args: string[], o: { every?: string; json?: boolean }): Promise<number> {
  const [sub = 'list', ...rest] = args;
  const every = o.every === undefined ? null : usage(() => parseInterval(o.every!));
  switch (sub) {
    case 'add': {
      if (!rest.length) throw new UsageError('feeds add needs at least one feed URL');
      const urls = rest.map((u) => usage(() => feedUrl(u)));
      for (const url of urls) {
        const { feed, added } = await store.feeds.add(url, every, DEFAULT_INTERVAL_S);
        out(`${added ? 'added' : 'already there:'} feed ${feed.id} ${feed.url} (every ${formatInterval(feed.intervalSeconds)})`);
      }
      return 0;
    }
    case 'remove': {
      if (!rest.length) throw new UsageError('feeds remove needs feed ids or URLs (see: newsprov feeds list)');
      let missing = 0;
      for (const key of rest) {
        const f = await store.feeds.remove(/^\d+$/.test(key) ? Number(key) : key.trim());
        if (f) out(`removed feed ${f.id} ${f.url}`);
        else {
          process.stderr.write(`error: no feed "${key}" (see: newsprov feeds list)\n`);
          missing++;
        }
      }
      return missing ? 1 : 0;
    }
    case 'list': {
      const feeds = await store.feeds.list();
      if (o.json) out(JSON.stringify(feeds, null, 2));
      else if (!feeds.length) out("No feeds yet: add one with 'newsprov feeds add URL'.");
      else for (const f of feeds) out(feedLine(f));
      return 0;
    }
    default:
      throw new UsageError(`unknown feeds command "${sub}" (add, remove or list)`);
  }
}

export const feedsCli: Command = {
  name: 'feeds',
  usage: `feeds add <URL…>      feeds for 'watch'  --every 15m   polling interval (s, m, h, d)
  feeds remove <id|URL…> | feeds list [--json]   (with each feed's last fetch, new items, errors)`,
  options: { every: { type: 'string' }, json: { type: 'boolean' } },
  run: ({ o, rest, db }) => withStore(db, (s) => feedsCommand(s, rest, o as { every?: string; json?: boolean })),
};

// Feed URLs as users give them: on the command line, in the API, or in a list file with one feed
// per line ("URL [interval]", # starts a comment). Every bad line is named with its number and why.
import { checkUrl } from './guard.ts';
import { parseInterval } from './interval.ts';

export interface FeedEntry {
  url: string;
  /** seconds, or null for the default */
  intervalSeconds: number | null;
}

/** A feed URL as stored: http(s) only, no credentials, no fragment; throws naming the URL and why. */
export function feedUrl(raw: string): string {
  const u = checkUrl(raw.trim());
  u.hash = '';
  return u.toString();
}

/** The entries of a feed list file; throws one error listing every bad line. */
export function parseFeedList(text: string, name: string): FeedEntry[] {
  const entries: FeedEntry[] = [];
  const bad: string[] = [];
  text.split(/\r?\n/).forEach((line, i) => {
    const body = line.replace(/(^|\s)#.*$/, '').trim();
    if (!body) return;
    const [url, interval, ...extra] = body.split(/\s+/);
    try {
      if (extra.length) throw new Error(`unexpected "${extra.join(' ')}" after the interval`);
      entries.push({ url: feedUrl(url), intervalSeconds: interval === undefined ? null : parseInterval(interval) });
    } catch (e) {
      bad.push(`${name}:${i + 1}: ${(e as Error).message}`);
    }
  });
  if (bad.length) throw new RangeError(`bad line(s) in the feed list:\n  ${bad.join('\n  ')}`);
  return entries;
}

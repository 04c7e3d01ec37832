// Article metadata from what a page or header says: dates, outlet.
import type { Removed } from '../model/article.ts';
import { findDate, formatTimestamp, implausible, isInvalid } from './dates/parse.ts';

/** Feeds and text headers may carry archive dates older than the web. */
const MIN_YEAR = 1800;

/** A date as written in a feed or header, as a timestamp that keeps its calendar day and offset; or why not. */
export function readDate(s: string | null | undefined, now = new Date()): { timestamp: string } | { invalid: string } | null {
  const t = s?.trim();
  if (!t) return null;
  const r = findDate(t);
  if (r === null) return { invalid: `"${t}" is not a date` };
  if (isInvalid(r)) return r;
  const why = implausible(r, { minYear: MIN_YEAR, now });
  return why ? { invalid: why } : { timestamp: formatTimestamp(r) };
}

/** The timestamp of a date string, or null when it is not a possible date. */
export function toIsoDate(s: string | null | undefined): string | null {
  const r = readDate(s);
  return r && 'timestamp' in r ? r.timestamp : null;
}

export function outletFromUrl(url: string | null): string | null {
  if (!url) return null;
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return null;
  }
}

/** Outlets often name themselves in their own appeals ("Support The Moscow Times!"). */
export function outletFromRemoved(removed: Removed[]): string | null {
  for (const r of removed) {
    if (r.kind !== 'appeal') continue;
    const m =
      /^support ((?:the )?[\p{Lu}][\p{L}.'’-]*(?: [\p{Lu}][\p{L}.'’-]*){0,4})!?$/iu.exec(r.text.trim()) ??
      /\bjournalists (?:of|at) ((?:the )?[\p{Lu}][\p{L}.'’-]*(?: [\p{Lu}][\p{L}.'’-]*){0,4})/u.exec(r.text);
    if (m) return m[1].replace(/^the /, 'The ');
  }
  return null;
}

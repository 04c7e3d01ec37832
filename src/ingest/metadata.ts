// Article metadata from what a page or header says: dates, outlet.
import type { Removed } from '../model/article.ts';

export function toIsoDate(s: string | null | undefined): string | null {
  if (!s) return null;
  const t = s.trim();
  if (!t) return null;
  const ms = Date.parse(/^\d{4}-\d{2}-\d{2}$/.test(t) ? t + 'T00:00:00Z' : t);
  if (Number.isNaN(ms)) return null;
  const y = new Date(ms).getUTCFullYear();
  if (y < 1800 || y > 2200) return null;
  return new Date(ms).toISOString();
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

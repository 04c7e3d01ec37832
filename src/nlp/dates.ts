// Dates in running text (read by chrono-node) and the date of the happening a report is about.
// Event grouping uses the estimate to keep look-alike events (two visits months apart) apart, so it
// must describe the happening, not background: a birth date, an anniversary, an earlier event.
import * as chrono from 'chrono-node';
import type { EventDate } from '../model/event.ts';

/**
 * What a mention fixes by itself: a full day, a month of a year, a day of an unnamed year ("May 16"),
 * a weekday ("on Saturday") or a distance from the time of writing ("yesterday", "two days ago").
 */
export type MentionKind = 'day' | 'month' | 'yearless' | 'weekday' | 'relative';

export interface DateMention {
  text: string;
  /** character offset in the text */
  index: number;
  kind: MentionKind;
  /** 'day': the day; 'month': its first day (ISO); other kinds are read against a reference day */
  date: string | null;
  /** last day of a range ("May 16-17"), for 'day' mentions */
  dateTo: string | null;
  month: number | null;
  day: number | null;
  /** 0 = Sunday … 6 = Saturday, for 'weekday' mentions */
  weekday: number | null;
  /** days from the time of writing, for 'relative' mentions */
  offsetDays: number | null;
  /** the sentence speaks of it as still to come */
  future: boolean;
}


/** With a reference day, text dates up to this many days before it count as the event's (news reports the recent past). */
export const RECENT_DAYS = 14;

/** How long after the latest month it mentions an article is assumed to be about (absent an upper bound). */
export const MONTH_WINDOW_DAYS = 180;

const FUTURE =
  /\b(will|shall|(?:would|could|may|might)(?! have)|plans? to|planned to|expected to|scheduled|set to|due to (?:be|begin|start|open)|is to|are to|by (?:early |mid-?|late )?\d{4}|next (?:week|month|year)|upcoming)\b/;

/** "By early 2024, trade could reach …": a future year written as a bound (chrono reads no bare years). */
const FUTURE_YEAR = /\b(?:(?:by|until|before)\s+(?:(early|mid|late|the end of|the start of|the beginning of)[\s-]+)?|in\s+(early|mid|late)[\s-]+)(\d{4})\b/gi;

/** Chrono resolves relative expressions against this instant; their distance from it is what we keep. */
const REF = Date.UTC(2000, 0, 5, 12);
const DAY_MS = 86400000;

/** Sentence-ish chunks with their offsets (future statements are marked per chunk); "Dec. 12" is not a boundary. */
function chunks(text: string): Array<{ start: number; text: string }> {
  const out: Array<{ start: number; text: string }> = [];
  const boundary = /[.!?]["”’)]*\s+(?=["“‘(]?\p{Lu})|\n+/gu;
  let start = 0;
  for (const m of text.matchAll(boundary)) {
    const end = m.index! + m[0].length;
    out.push({ start, text: text.slice(start, end) });
    start = end;
  }
  if (start < text.length) out.push({ start, text: text.slice(start) });
  return out;
}

/** Ends of the periods the text treats as still to come ("by early 2024" -> 2024-03-31), sorted. */
export function futureBounds(text: string): string[] {
  const out: string[] = [];
  for (const { text: chunk } of chunks(text)) {
    if (!FUTURE.test(chunk)) continue;
    for (const m of chunk.matchAll(FUTURE_YEAR)) {
      const y = +m[3];
      if (y < 1900 || y > 2200) continue;
      const part = (m[1] ?? m[2] ?? '').toLowerCase();
      out.push(part === 'early' || part.includes('start') || part.includes('beginning') ? `${y}-03-31` : part === 'mid' ? `${y}-06-30` : `${y}-12-31`);
    }
  }
  return out.sort();
}

function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

type Components = chrono.ParsedComponents;

const YEAR_WRITTEN = /\b(?:1[6-9]|20|21)\d\d\b|['’]\d\d\b/;

function toMention(r: chrono.ParsedResult, future: boolean): DateMention | null {
  const s: Components = r.start;
  const known = (k: chrono.Component) => s.isCertain(k);
  const tags = r.tags();
  const base = { text: r.text, index: r.index, date: null, dateTo: null, month: null, day: null, weekday: null, offsetDays: null, future };
  // "on Thursday", "Thursday night", "last Thursday": a weekday, placed later against the time of writing
  if (known('weekday') && !known('day') && !known('month')) return { ...base, kind: 'weekday', weekday: s.get('weekday'), future: future || /\bnext\b/i.test(r.text) };
  // a year the text does not spell out was taken from the reference instant ("last night", "this month")
  const relative = [...tags].some((t) => t.startsWith('casualReference/') || t === 'result/relativeDate') || (known('year') && !YEAR_WRITTEN.test(r.text));
  if (relative) return { ...base, kind: 'relative', offsetDays: Math.round((s.date().getTime() - REF) / DAY_MS) };
  const y = s.get('year');
  const m = s.get('month');
  const d = s.get('day');
  if (known('year') && known('month') && known('day') && y && m && d) {
    const e = r.end && r.end.isCertain('day') ? iso(r.end.get('year')!, r.end.get('month')!, r.end.get('day')!) : null;
    return { ...base, kind: 'day', date: iso(y, m, d), dateTo: e && e > iso(y, m, d) ? e : null, month: m, day: d };
  }
  if (known('year') && known('month') && y && m) return { ...base, kind: 'month', date: iso(y, m, 1), month: m };
  // "1/2" is as likely a fraction or a score as a day
  if (known('month') && known('day') && m && d && !tags.has('parser/SlashDateFormatParser')) return { ...base, kind: 'yearless', month: m, day: d };
  return null;
}

/** Date mentions of a text, in order. Year-less days, weekdays and relative dates are resolved by `mentionDay`. */
export function findDateMentions(text: string): DateMention[] {
  const out: DateMention[] = [];
  const cs = chunks(text);
  let k = 0;
  for (const r of chrono.en.parse(text, { instant: new Date(REF), timezone: 0 }, { forwardDate: false })) {
    while (k + 1 < cs.length && cs[k + 1].start <= r.index) k++;
    const m = toMention(r, FUTURE.test(cs[k].text));
    if (m) out.push(m);
  }
  return out;
}

export function dayNumber(isoDate: string): number {
  return Math.floor(Date.parse(isoDate.slice(0, 10) + 'T00:00:00Z') / DAY_MS);
}

export function dayIso(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

/**
 * The days a mention stands for, read against a reference day (the time of writing): a year-less day
 * in the year that puts it nearest, a weekday the last one on or before the reference (the next one
 * when the sentence looks forward), a relative date counted from the reference.
 */
export function mentionDays(m: DateMention, ref: number): number[] {
  switch (m.kind) {
    case 'day': {
      const a = dayNumber(m.date!);
      const b = m.dateTo ? Math.min(dayNumber(m.dateTo), a + 6) : a;
      return Array.from({ length: b - a + 1 }, (_, i) => a + i);
    }
    case 'yearless': {
      const y = new Date(ref * DAY_MS).getUTCFullYear();
      const options = [y - 1, y, y + 1].map((yy) => dayNumber(iso(yy, m.month!, m.day!))).filter((n) => !Number.isNaN(n));
      return options.length ? [options.reduce((best, n) => (Math.abs(n - ref) < Math.abs(best - ref) ? n : best))] : [];
    }
    case 'weekday': {
      const refWeekday = (ref + 4) % 7; // day 0 (1970-01-01) was a Thursday
      const back = (refWeekday - m.weekday! + 7) % 7;
      return [m.future ? ref + ((m.weekday! - refWeekday + 7) % 7) : ref - back];
    }
    case 'relative':
      return [ref + m.offsetDays!];
    default:
      return [];
  }
}

/**
 * Estimate the date of the happening an article reports. News reports the recent past: the dates that
 * count are those up to two weeks before the time of writing — the publication date when known, else
 * the latest date the text looks back on (so an obituary is dated by the death, not the birth). Among
 * them the most-mentioned day wins (ties: the later). Without any day: the latest month mentioned, as a
 * lower bound; else the publication date.
 */
export function estimateEventDate(text: string, publishedAt: string | null): EventDate | null {
  const past = findDateMentions(text).filter((m) => !m.future);
  const pub = publishedAt ? dayNumber(publishedAt) : null;
  const fullDays = past.filter((m) => m.kind === 'day').flatMap((m) => mentionDays(m, 0));
  const latest = fullDays.length ? Math.max(...fullDays) : null;
  const ref = pub ?? latest;
  if (ref !== null) {
    const counts = new Map<number, number>();
    for (const m of past) for (const d of mentionDays(m, ref)) if (d <= ref && d >= ref - RECENT_DAYS) counts.set(d, (counts.get(d) ?? 0) + 1);
    const anchor = pub !== null ? 'published' : 'text';
    if (counts.size) {
      const best = [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0][0];
      return { date: dayIso(best), precision: 'day', source: 'text', anchor };
    }
  }
  const months = past.filter((m) => m.kind === 'month' && (!publishedAt || m.date! <= publishedAt.slice(0, 10))).map((m) => m.date!);
  if (months.length) {
    // the latest month the text looks back on is a lower bound; a date it looks forward to is an upper bound
    const date = months.sort().at(-1)!;
    const bound = futureBounds(text).find((b) => b > date);
    const day = pub === null ? yearlessAfter(past, dayNumber(date), bound ? dayNumber(bound) : null) : null;
    if (day !== null) return { date: dayIso(day), precision: 'day', source: 'text', anchor: 'text' };
    return bound ? { date, precision: 'month', source: 'text', notAfter: bound } : { date, precision: 'month', source: 'text' };
  }
  if (publishedAt) return { date: publishedAt.slice(0, 10), precision: 'day', source: 'published', anchor: 'published' };
  return null;
}

/**
 * Without a time of writing, "on May 16th" in a text whose latest dated mention is February 2024 is
 * the next May 16th: background comes before the happening, so the report is about a day on or after
 * the latest month it mentions (and before any date it looks forward to). Most-mentioned wins, then the later.
 */
function yearlessAfter(past: DateMention[], lower: number, upper: number | null): number | null {
  const counts = new Map<number, number>();
  const year = new Date(lower * DAY_MS).getUTCFullYear();
  for (const m of past) {
    if (m.kind !== 'yearless') continue;
    const next = [year, year + 1].map((y) => dayNumber(iso(y, m.month!, m.day!))).find((n) => n >= lower);
    if (next === undefined || Number.isNaN(next) || next - lower > 365 || (upper !== null && next > upper)) continue;
    counts.set(next, (counts.get(next) ?? 0) + 1);
  }
  return counts.size ? [...counts.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0][0] : null;
}

/** Interval (in day numbers) covered by an event-date estimate. */
export function dateInterval(d: EventDate): [number, number] {
  const s = dayNumber(d.date);
  if (d.precision === 'day') return [s, s];
  // a month estimate is the latest month the text mentions: the event is then or some time after
  if (d.notAfter) return [s, Math.max(s, Math.min(s + 365, dayNumber(d.notAfter)))];
  return [s, s + (d.precision === 'month' ? MONTH_WINDOW_DAYS : 365)];
}

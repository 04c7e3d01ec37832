// Reading one date as the page wrote it. The calendar day and the UTC offset stay as written
// ("2024-05-16T23:30:00+02:00" is 16 May, not 21:30 UTC on the same day or 17 May somewhere else); an impossible
// calendar date ("2024-02-30", year "-0001") is refused with a reason, never rolled over into the next month.
import * as chrono from 'chrono-node';
import { MONTH_PATTERN, monthNumber } from './months.ts';

export interface DateParts {
  year: number;
  month: number;
  day: number;
  /** time of day as written, when there is one */
  time?: { hour: number; minute: number; second: number; ms: number };
  /** "Z" or "+02:00" when the source gave an offset or zone */
  offset?: string;
}

/** A date string that looked like a date but cannot be one. */
export interface InvalidDate {
  invalid: string;
}

export type DateReading = DateParts | InvalidDate | null;

export function isInvalid(r: DateReading): r is InvalidDate {
  return r !== null && 'invalid' in r;
}

export interface ParseOptions {
  /** numeric dates like 05/06/2024 read month first (US English) instead of day first */
  monthFirst?: boolean;
  /** the page's language (BCP 47): dates in words of languages the patterns below do not know go to chrono-node */
  lang?: string | null;
}

/** chrono-node's parsers for languages whose month names the patterns below do not cover. */
const CHRONO: Record<string, chrono.Chrono> = { ru: chrono.ru.strict, uk: chrono.uk.strict, ja: chrono.ja.strict, zh: chrono.zh.strict, fi: chrono.fi.strict, vi: chrono.vi.strict, id: chrono.id.strict };

/** A date in words of the page's language, through chrono-node; only a fully stated day counts. */
function chronoDate(text: string, lang: string | null | undefined): DateReading {
  const parser = CHRONO[(lang ?? '').slice(0, 2).toLowerCase()];
  if (!parser || text.length > 200 || !/\d/.test(text)) return null;
  const r = parser.parse(text)[0]?.start;
  if (!r || !r.isCertain('year') || !r.isCertain('month') || !r.isCertain('day')) return null;
  const checked = check(r.get('year')!, r.get('month')!, r.get('day')!, text);
  if (isInvalid(checked) || !r.isCertain('hour')) return checked;
  const tz = r.isCertain('timezoneOffset') ? r.get('timezoneOffset') : null;
  const offset = tz === null || tz === undefined ? undefined : tz === 0 ? 'Z' : `${tz < 0 ? '-' : '+'}${pad(Math.floor(Math.abs(tz) / 60))}:${pad(Math.abs(tz) % 60)}`;
  return { ...checked, time: { hour: r.get('hour')!, minute: r.get('minute') ?? 0, second: r.get('second') ?? 0, ms: 0 }, offset };
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function check(year: number, month: number, day: number, source: string): DateParts | InvalidDate {
  if (month < 1 || month > 12) return { invalid: `"${source}" has no month ${month}` };
  if (day < 1 || day > daysInMonth(year, month)) return { invalid: `"${source}" is not a calendar date (${year}-${pad(month)} has no day ${day})` };
  return { year, month, day };
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

function fullYear(y: string): number {
  const n = Number(y);
  return y.length === 2 ? (n < 70 ? 2000 + n : 1900 + n) : n;
}

/** Zone names RSS (RFC 822) and European pages print after a time. */
const ZONE_NAMES: Record<string, string> = {
  EST: '-05:00', EDT: '-04:00', CST: '-06:00', CDT: '-05:00', MST: '-07:00', MDT: '-06:00', PST: '-08:00', PDT: '-07:00',
  WET: 'Z', WEST: '+01:00', BST: '+01:00', CET: '+01:00', CEST: '+02:00', MEZ: '+01:00', MESZ: '+02:00', EET: '+02:00', EEST: '+03:00',
};

/** "+0200", "+02", "-05:30", "Z", "GMT", "UTC", "CEST" as "+02:00" / "Z". */
function normOffset(z: string | undefined): string | undefined {
  if (!z) return undefined;
  const t = z.trim().toUpperCase();
  if (t === 'Z' || t === 'GMT' || t === 'UTC' || t === 'UT') return 'Z';
  if (ZONE_NAMES[t]) return ZONE_NAMES[t];
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(t);
  if (!m) return undefined;
  const off = `${m[1]}${m[2]}:${m[3] ?? '00'}`;
  return off === '+00:00' || off === '-00:00' ? 'Z' : off;
}

const TIME = /^[T\s,]*(?:um\s+|à\s+|at\s+|a las\s+)?(\d{1,2})[:h.](\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(am|pm|a\.m\.|p\.m\.)?\s*(?:uhr|h)?\s*(Z|GMT|UTC|UT|EST|EDT|CST|CDT|MST|MDT|PST|PDT|WET|WEST|BST|CET|CEST|MEZ|MESZ|EET|EEST|[+-]\d{2}:?(?:\d{2})?)?(?![\d:\p{L}])/iu;

/** A time of day (and zone) right after a date. */
function readTime(rest: string, parts: DateParts): DateParts {
  const m = TIME.exec(rest);
  if (!m) {
    const z = /^\s*(Z|GMT|UTC)\b/i.exec(rest);
    return z ? { ...parts, offset: 'Z' } : parts;
  }
  let hour = Number(m[1]);
  const minute = Number(m[2]);
  const second = m[3] ? Number(m[3]) : 0;
  const ampm = m[5]?.toLowerCase().replace(/\./g, '');
  if (ampm === 'pm' && hour < 12) hour += 12;
  if (ampm === 'am' && hour === 12) hour = 0;
  if (hour > 23 || minute > 59 || second > 60) return parts;
  const ms = m[4] ? Number(m[4].slice(0, 3).padEnd(3, '0')) : 0;
  return { ...parts, time: { hour, minute, second: Math.min(second, 59), ms }, offset: normOffset(m[6]) };
}

interface Pattern {
  re: RegExp;
  read(m: RegExpExecArray, opts: ParseOptions): [number, number, number] | null;
}

const M = `(${MONTH_PATTERN})\\.?`;
const PATTERNS: Pattern[] = [
  // 2024-05-16, 2024/05/16, 2024.05.16, 2024-5-6
  { re: /(?<![\d.-])(\d{4})([-/.])(\d{1,2})\2(\d{1,2})(?![\d])/, read: (m) => [Number(m[1]), Number(m[3]), Number(m[4])] },
  // 2024年5月16日
  { re: /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/, read: (m) => [Number(m[1]), Number(m[2]), Number(m[3])] },
  // 16.05.2024, 16. 5. 2024, 16.05.24
  { re: /(?<![\d.])(\d{1,2})\.\s?(\d{1,2})\.\s?(\d{4}|\d{2})(?![\d])/, read: (m) => [fullYear(m[3]), Number(m[2]), Number(m[1])] },
  // 16/05/2024 or 05/16/2024, 16-05-2024
  {
    re: /(?<![\d/])(\d{1,2})([/-])(\d{1,2})\2(\d{4})(?![\d])/,
    read: (m, o) => {
      const a = Number(m[1]);
      const b = Number(m[3]);
      const monthFirst = b > 12 || (a <= 12 && o.monthFirst);
      return monthFirst ? [Number(m[4]), a, b] : [Number(m[4]), b, a];
    },
  },
  // 16. Mai 2024, 16 May 2024, 16 de mayo de 2024, 1er janvier 2024
  { re: new RegExp(`(?<![\\p{L}\\d])(\\d{1,2})(?:\\.|er|st|nd|rd|th|º)?\\s*(?:de\\s+|-)?${M}(?:\\s*de|,|-)?\\s+(\\d{4})(?!\\d)`, 'iu'), read: (m) => [Number(m[3]), monthNumber(m[2])!, Number(m[1])] },
  // May 16, 2024; Mai 16 2024
  { re: new RegExp(`(?<![\\p{L}])${M}\\s+(\\d{1,2})(?:st|nd|rd|th)?,?\\s+(\\d{4})(?!\\d)`, 'iu'), read: (m) => [Number(m[3]), monthNumber(m[1])!, Number(m[2])] },
  // 2024. május 16., 2024 May 16
  { re: new RegExp(`(?<!\\d)(\\d{4})\\.?\\s+${M}\\s+(\\d{1,2})(?!\\d)`, 'iu'), read: (m) => [Number(m[1]), monthNumber(m[2])!, Number(m[3])] },
  // 20240516 (only as a whole token)
  { re: /^(\d{4})(\d{2})(\d{2})$/, read: (m) => [Number(m[1]), Number(m[2]), Number(m[3])] },
];

function readMatch(text: string, m: RegExpExecArray, p: Pattern, opts: ParseOptions): DateReading {
  const ymd = p.read(m, opts);
  if (!ymd) return null;
  const [y, mo, d] = ymd;
  if (y === 0) return { invalid: `"${m[0]}" has year 0` };
  const checked = check(y, mo, d, m[0]);
  if (isInvalid(checked)) return checked;
  return readTime(text.slice(m.index + m[0].length, m.index + m[0].length + 60), checked);
}

/** The first date written in a string, with the time and zone that follow it. */
export function findDate(s: string, opts: ParseOptions = {}): DateReading {
  const text = s.replace(/\s+/g, ' ').trim();
  if (!text) return null;
  if (/^-\d{4}-\d{2}-\d{2}/.test(text)) return { invalid: `"${text}" has a negative year` };
  let best: { m: RegExpExecArray; p: Pattern } | null = null;
  for (const p of PATTERNS) {
    const m = p.re.exec(text);
    if (m && (!best || m.index < best.m.index)) best = { m, p };
  }
  return best ? readMatch(text, best.m, best.p, opts) : chronoDate(text, opts.lang);
}

export interface DateMention {
  parts: DateParts;
  /** where the date starts in the text */
  index: number;
}

/** Every valid date written in a running text, in order. */
export function findAllDates(text: string, opts: ParseOptions = {}): DateMention[] {
  const found: Array<{ m: RegExpExecArray; p: Pattern }> = [];
  for (const p of PATTERNS) {
    if (p.re.source.startsWith('^')) continue;
    const re = new RegExp(p.re.source, p.re.flags.includes('g') ? p.re.flags : p.re.flags + 'g');
    for (const m of text.matchAll(re)) found.push({ m: m as RegExpExecArray, p });
  }
  found.sort((a, b) => a.m.index - b.m.index);
  const out: DateMention[] = [];
  let end = -1;
  for (const { m, p } of found) {
    if (m.index < end) continue;
    const r = readMatch(text, m, p, opts);
    if (r && !isInvalid(r)) {
      out.push({ parts: r, index: m.index });
      end = m.index + m[0].length;
    }
  }
  return out;
}

/** The timestamp the rest of the system stores: "2024-05-16T23:30:00.000+02:00" (or "…Z" when no zone was given). */
export function formatTimestamp(p: DateParts): string {
  const t = p.time ?? { hour: 0, minute: 0, second: 0, ms: 0 };
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}.${pad(t.ms, 3)}${p.offset ?? 'Z'}`;
}

export function dayOf(p: DateParts): string {
  return `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}`;
}

export interface Plausible {
  /** earliest year accepted (web pages: 1990) */
  minYear: number;
  /** the present: dates more than a day after it are refused */
  now: Date;
}

/** Why a well-formed date cannot be a publication date, or null when it can. */
export function implausible(p: DateParts, range: Plausible): string | null {
  if (p.year < range.minYear) return `${dayOf(p)} is before ${range.minYear}`;
  const latest = new Date(range.now.getTime() + 86_400_000);
  const latestDay = latest.toISOString().slice(0, 10);
  if (dayOf(p) > latestDay) return `${dayOf(p)} is in the future`;
  return null;
}

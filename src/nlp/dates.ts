// Finds dates mentioned in article text and estimates when the reported event happened.
// Event grouping uses this to keep look-alike events (two visits months apart) apart.

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const MON_RE = '(Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\\.?';
const DAY_RE = '(\\d{1,2})(?:st|nd|rd|th)?';

export interface DateMention {
  text: string;
  year: number | null;
  month: number; // 1-12
  day: number | null;
  /** second day for ranges such as "May 16-17" */
  dayTo: number | null;
  future: boolean;
  /** index of the sentence/paragraph-ish chunk, for weighting */
  pos: number;
}

export interface EventDate {
  /** ISO date (YYYY-MM-DD) of the estimated event day or first of month */
  date: string;
  precision: 'day' | 'month' | 'year';
  source: 'text' | 'published';
  /** for month/year estimates: the text speaks of this date as still to come, so the event is before it */
  notAfter?: string;
}

/** "By early 2024, trade could reach …": a future year written as a bound. */
const FUTURE_YEAR = /\b(?:(?:by|until|before)\s+(?:(early|mid|late|the end of|the start of|the beginning of)[\s-]+)?|in\s+(early|mid|late)[\s-]+)(\d{4})\b/gi;

/** Ends of the periods the text treats as still to come ("by early 2024" -> 2024-03-31), sorted. */
export function futureBounds(text: string): string[] {
  const out: string[] = [];
  for (const chunk of text.split(/(?<=[.!?])\s+|\n+/)) {
    if (!FUTURE.test(chunk)) continue;
    let m: RegExpExecArray | null;
    FUTURE_YEAR.lastIndex = 0;
    while ((m = FUTURE_YEAR.exec(chunk))) {
      const y = +m[3];
      if (y < 1900 || y > 2200) continue;
      const part = (m[1] ?? m[2] ?? '').toLowerCase();
      out.push(part === 'early' || part.includes('start') || part.includes('beginning') ? `${y}-03-31` : part === 'mid' ? `${y}-06-30` : `${y}-12-31`);
    }
  }
  return out.sort();
}

function monthNum(s: string): number {
  const k = s.toLowerCase().replace('.', '').slice(0, 3);
  return MONTHS.findIndex((m) => m.startsWith(k)) + 1;
}

const FUTURE = /\b(will|shall|(?:would|could|may|might)(?! have)|plans? to|planned to|expected to|scheduled|is to|are to|by (?:early |mid-?|late )?\d{4}|next (?:week|month|year)|upcoming)\b/;

/** Extract explicit date mentions. Year-less mentions get `year: null` and are resolved later. */
export function findDateMentions(text: string): DateMention[] {
  const out: DateMention[] = [];
  const chunks = text.split(/(?<=[.!?])\s+|\n+/);
  chunks.forEach((chunk, pos) => {
    const future = FUTURE.test(chunk);
    const taken: Array<[number, number]> = [];
    const add = (m: RegExpExecArray, d: Omit<DateMention, 'text' | 'future' | 'pos'>) => {
      const s = m.index;
      const e = m.index + m[0].length;
      if (taken.some(([a, b]) => s < b && e > a)) return;
      if (d.month < 1 || d.month > 12 || (d.day !== null && (d.day < 1 || d.day > 31))) return;
      taken.push([s, e]);
      out.push({ text: m[0], future, pos, ...d });
    };
    let m: RegExpExecArray | null;
    // ISO 2024-05-16
    const iso = /\b(\d{4})-(\d{2})-(\d{2})\b/g;
    while ((m = iso.exec(chunk))) add(m, { year: +m[1], month: +m[2], day: +m[3], dayTo: null });
    // May 16-17, 2024 / May 16 and 17 / May 16th, 2024 / May 16
    const mdy = new RegExp(`\\b${MON_RE}\\s+${DAY_RE}(?:\\s*(?:-|–|and|to)\\s*${DAY_RE})?(?:,?\\s+(\\d{4}))?\\b`, 'g');
    while ((m = mdy.exec(chunk))) add(m, { year: m[4] ? +m[4] : null, month: monthNum(m[1]), day: +m[2], dayTo: m[3] ? +m[3] : null });
    // 16 May 2024 / 16-17 May
    const dmy = new RegExp(`\\b${DAY_RE}(?:\\s*(?:-|–|and)\\s*${DAY_RE})?\\s+(?:of\\s+)?${MON_RE}(?:,?\\s+(\\d{4}))?\\b`, 'g');
    while ((m = dmy.exec(chunk))) add(m, { year: m[4] ? +m[4] : null, month: monthNum(m[3]), day: +m[1], dayTo: m[2] ? +m[2] : null });
    // March 2023 / March and April 2024 (month precision)
    const my = new RegExp(`\\b${MON_RE}(?:\\s+and\\s+${MON_RE})?,?\\s+(?:of\\s+)?(\\d{4})\\b`, 'g');
    while ((m = my.exec(chunk))) add(m, { year: +m[3], month: monthNum(m[2] ?? m[1]), day: null, dayTo: null });
    // "in March" (month only, year resolved later); May is ambiguous as a verb, so require a preposition
    const mo = new RegExp(`\\b(?:in|since|by|until|last|this|early|late|mid-?)\\s+${MON_RE}\\b`, 'g');
    while ((m = mo.exec(chunk))) {
      if (/may$/i.test(m[0]) && !/\b(in|since|until|last|this|early|late|mid-?)\s+May$/.test(m[0])) continue;
      add(m, { year: null, month: monthNum(m[1]), day: null, dayTo: null });
    }
  });
  return out;
}

/** Years mentioned with a month (more trustworthy than bare years, which are often history). */
function referenceYear(mentions: DateMention[], published: string | null): number | null {
  if (published) return new Date(published).getUTCFullYear();
  const ys = mentions.filter((m) => m.year !== null && !m.future).map((m) => m.year!);
  return ys.length ? Math.max(...ys) : null;
}

function iso(y: number, m: number, d: number): string {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/**
 * Estimate the date of the event an article reports: the most-mentioned day (ties: the later), else
 * the latest month mentioned, else the publication date.
 */
export function estimateEventDate(text: string, publishedAt: string | null): EventDate | null {
  const mentions = findDateMentions(text).filter((m) => !m.future);
  const ref = referenceYear(mentions, publishedAt);
  const days = new Map<string, number>();
  const months: string[] = [];
  for (const m of mentions) {
    let y = m.year ?? ref;
    if (y === null) continue;
    // a year-less month after the publication month belongs to the previous year
    if (m.year === null && publishedAt) {
      // the month as the source wrote it: a UTC conversion could move it across a month boundary
      if (m.month > Number(publishedAt.slice(5, 7))) y -= 1;
    }
    if (m.day !== null) {
      const last = m.dayTo ?? m.day;
      for (let d = m.day; d <= last && d - m.day < 7; d++) days.set(iso(y, m.month, d), (days.get(iso(y, m.month, d)) ?? 0) + 1);
    } else months.push(iso(y, m.month, 1));
  }
  if (publishedAt) {
    // with a publication date, news is about the days just before it: later dates are forecasts,
    // much earlier ones background; the publication date stands in when the text names no recent day
    const pub = dayNumber(publishedAt);
    for (const k of [...days.keys()]) if (dayNumber(k) > pub || dayNumber(k) < pub - RECENT_DAYS) days.delete(k);
    if (days.size === 0) return { date: publishedAt.slice(0, 10), precision: 'day', source: 'published' };
  }
  if (days.size > 0) {
    const best = [...days.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? 1 : -1))[0][0];
    return { date: best, precision: 'day', source: 'text' };
  }
  if (months.length > 0) {
    const valid = publishedAt ? months.filter((x) => x <= publishedAt.slice(0, 10)) : months;
    if (valid.length) {
      // the latest month the text looks back on is a lower bound; a date it looks forward to is an upper bound
      const date = valid.sort().at(-1)!;
      const bound = futureBounds(text).find((b) => b > date);
      return bound ? { date, precision: 'month', source: 'text', notAfter: bound } : { date, precision: 'month', source: 'text' };
    }
  }
  if (publishedAt) return { date: publishedAt.slice(0, 10), precision: 'day', source: 'published' };
  return null;
}

export function dayNumber(isoDate: string): number {
  return Math.floor(Date.parse(isoDate.slice(0, 10) + 'T00:00:00Z') / 86400000);
}

/** Interval (in day numbers) covered by an event-date estimate. */
export function dateInterval(d: EventDate): [number, number] {
  const s = dayNumber(d.date);
  if (d.precision === 'day') return [s, s];
  // a month estimate is the latest month the text mentions: the event is then or some time after
  if (d.notAfter) return [s, Math.max(s, Math.min(s + 365, dayNumber(d.notAfter)))];
  return [s, s + (d.precision === 'month' ? MONTH_WINDOW_DAYS : 365)];
}

/** With a publication date, text dates up to this many days before it count as the event's. */
export const RECENT_DAYS = 14;

/** How long after the latest month it mentions an article is assumed to be about (absent an upper bound). */
export const MONTH_WINDOW_DAYS = 180;

/** Days between two estimates (0 when their intervals overlap). */
export function dateGap(a: EventDate, b: EventDate): number {
  const [a0, a1] = dateInterval(a);
  const [b0, b1] = dateInterval(b);
  if (a1 < b0) return b0 - a1;
  if (b1 < a0) return a0 - b1;
  return 0;
}

// Boilerplate removal for article bodies: donation appeals, photo captions and credits,
// navigation labels, repeated titles and "Read more" style links. Everything removed is
// kept (with the reason) so nothing from the input is lost.

import type { Removed, RemovedKind } from '../model/article.ts';
export type { Removed, RemovedKind };

export interface CleanResult {
  title: string | null;
  /** first short paragraph under the title that summarises the piece, if recognisable */
  paragraphs: string[];
  removed: Removed[];
  /** metadata found in a plain-text header such as "date 2024-05-21" or "Source: …" */
  header: Record<string, string>;
}

const APPEAL_START = [
  /\bwe have a (small )?favou?r to ask\b/i,
  /\bsupport (us|our (work|journalism))\b/i,
  /^[Ss]upport [\p{Lu}][\p{L} .'’-]{1,60}!?$/u,
  /\b(please )?(consider )?(donat(e|ing)|make a donation|become a (member|patron|subscriber))\b/i,
  /\bsubscribe (now|today|to our newsletter)\b/i,
  /\bsign up for (our|the) newsletter\b/i,
];
const APPEAL_BODY = [
  /\byour support\b/i,
  /\bsupport(ing)? (open,? )?independent journalism\b/i,
  /\brefuse to be silenced\b/i,
  /\bforeign agent\b.*\b(branded|designated|labell?ed)\b|\b(branded|designated|labell?ed)\b.*\bforeign agent\b/i,
  /\bmonthly\b.*\b(support|donat)/i,
  /\bwe need your help\b/i,
  /\bthank you for (reading|your support)\b/i,
];
const NAV_EXACT = /^(continue( reading)?|read more|read the full (story|article)|more:?|advertisement|share( this( article)?)?|related( articles| stories)?:?|recent features|tags?:?|comments?|print|email|subscribe|sign up|log ?in|menu|home|skip to (main )?content|click here.*|see also:?|follow us.*)$/i;
const CREDIT_PREFIX = /^(photo|image|picture|credit|photograph|source|illustration|video)s?( credit)?\s*[:|]/i;
const AGENCY = '(?:AP|AFP|TASS|Reuters|EPA|EPA-EFE|Getty Images|Xinhua|TT|RIA Novosti|Sputnik|Kremlin\\.ru|Bloomberg|ANP|dpa|Shutterstock|Alamy|UPI|Anadolu|NurPhoto|SOPA Images)';
const CREDIT_TAIL = new RegExp(`(?:^|[\\s.])(?:[\\p{Lu}][\\p{L}'’.-]+\\s+){0,3}[\\p{Lu}][\\p{L}'’.-]+\\s*(?:/\\s*${AGENCY}|${AGENCY}\\s*/\\s*[A-Z]{2,})\\s*$|(?:^|\\s)(?:/\\s*)?${AGENCY}(?:\\s*/\\s*[A-Z]{2,})?\\s*$`, 'u');
const HEADER_FIELD = /^\s*(date|published|updated|url|link|source|outlet|site|title|author|byline|language|lang)\s*[:=]\s*(.+?)\s*$/i;
const GLUED_DATE = /^\s*(date|published)[:\s]+(\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?)\s+/i;

function wordCount(s: string): number {
  return s.split(/\s+/).filter(Boolean).length;
}

function endsLikeSentence(s: string): boolean {
  return /[.!?…:;"”’)\]]$/.test(s.trim());
}

export function isAppealStart(p: string): boolean {
  return APPEAL_START.some((re) => re.test(p));
}
function isAppealBody(p: string): boolean {
  return APPEAL_BODY.some((re) => re.test(p));
}
export function isNav(p: string): boolean {
  const t = p.trim();
  if (NAV_EXACT.test(t)) return true;
  // breadcrumb / section trails: "China Power | Diplomacy | East Asia"
  if (/\s[|›»>]\s/.test(t) && wordCount(t) <= 12 && !endsLikeSentence(t)) return true;
  return false;
}
export function isCredit(p: string): boolean {
  const t = p.trim();
  if (CREDIT_PREFIX.test(t) && wordCount(t) <= 20) return true;
  if (/^(the )?(article|report|story) (has|had|includes?|with) (contributions?|reporting) (from|by)\b|^(additional )?(reporting|editing|writing) by\b/i.test(t) && wordCount(t) <= 25) return true;
  if (wordCount(t) <= 30 && CREDIT_TAIL.test(t)) return true;
  return false;
}
function isCaptionLike(p: string): boolean {
  return /\((left|right|center|centre|top|bottom|L|R|C)\)/.test(p) && wordCount(p) <= 60;
}

/** A line that reads like a headline: short, no closing full stop, several words. */
function headlineLike(p: string): boolean {
  const n = wordCount(p);
  return n >= 3 && n <= 28 && !/[.;,]$/.test(p.trim()) && !/^[\d\W]/.test(p.trim());
}

/**
 * Clean a sequence of paragraphs.
 * @param input paragraphs as found in the source
 * @param knownTitle a title from metadata (HTML <title>, feed item title), if any
 */
export function cleanParagraphs(input: string[], knownTitle?: string | null): CleanResult {
  const removed: Removed[] = [];
  const header: Record<string, string> = {};
  // tabs separate table cells: keep them, collapse every other run of white space
  let paras = input.map((p) => p.replace(/[^\S\t]+/g, ' ').replace(/ *\t+ */g, '\t').trim()).filter(Boolean);

  // 1. plain-text header fields ("Title: …", "Date: …") and a date glued to the first paragraph.
  while (paras.length > 0) {
    const m = HEADER_FIELD.exec(paras[0]);
    if (!m || wordCount(paras[0]) > 30) break;
    header[m[1].toLowerCase()] = m[2];
    removed.push({ kind: 'metadata', text: paras[0] });
    paras.shift();
  }
  if (paras.length > 0) {
    const g = GLUED_DATE.exec(paras[0]);
    if (g) {
      header[g[1].toLowerCase()] = g[2];
      removed.push({ kind: 'metadata', text: g[0].trim() });
      paras[0] = paras[0].slice(g[0].length).trim();
    }
  }

  // 2. tail appeals: once an appeal starts in the last part of the text, the rest is the appeal.
  const keep: boolean[] = paras.map(() => true);
  const kinds: (RemovedKind | null)[] = paras.map(() => null);
  const tailStart = Math.floor(paras.length * 0.5);
  for (let i = 0; i < paras.length; i++) {
    if (isAppealStart(paras[i]) && (i >= tailStart || wordCount(paras[i]) <= 8)) {
      if (i >= tailStart) {
        for (let j = i; j < paras.length; j++) {
          keep[j] = false;
          kinds[j] = 'appeal';
        }
        break;
      }
      keep[i] = false;
      kinds[i] = 'appeal';
    } else if (isAppealBody(paras[i]) && wordCount(paras[i]) <= 80) {
      keep[i] = false;
      kinds[i] = 'appeal';
    }
  }

  // 3. navigation labels, credits and captions.
  for (let i = 0; i < paras.length; i++) {
    if (!keep[i]) continue;
    const p = paras[i];
    if (isNav(p)) {
      keep[i] = false;
      kinds[i] = 'nav';
    } else if (isCredit(p)) {
      keep[i] = false;
      kinds[i] = 'credit';
      // the paragraph right before a bare credit line is the photo caption
      if (i > 0 && keep[i - 1] && CREDIT_PREFIX.test(p) && wordCount(paras[i - 1]) <= 60 && !isTitleCandidate(paras[i - 1])) {
        keep[i - 1] = false;
        kinds[i - 1] = 'caption';
      }
    } else if (isCaptionLike(p)) {
      keep[i] = false;
      kinds[i] = 'caption';
    }
  }

  // 4. title: metadata title, else a repeated headline-like line, else the first headline-like line near the top.
  const norm = (s: string) => s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
  // each paragraph normalised once (a Unicode-class replace over every paragraph, four times, was most of cleaning)
  const normed = paras.map(norm);
  const counts = new Map<string, number>();
  paras.forEach((_, i) => keep[i] && counts.set(normed[i], (counts.get(normed[i]) ?? 0) + 1));
  let title: string | null = knownTitle?.trim() || header.title || null;
  if (!title) {
    const top = paras.map((p, i) => ({ p, i })).filter(({ i }) => keep[i]).slice(0, 8);
    const repeated = top.find(({ p, i }) => headlineLike(p) && (counts.get(normed[i]) ?? 0) >= 2);
    const first = top.find(({ p }) => headlineLike(p));
    // only accept a non-repeated candidate if it is the first thing in the body
    const firstKept = top[0];
    title = repeated?.p ?? (first && firstKept && first.i === firstKept.i ? first.p : null);
  }
  if (title) {
    const nt = norm(title);
    let seen = false;
    paras.forEach((_, i) => {
      if (!keep[i] || normed[i] !== nt) return;
      keep[i] = false;
      kinds[i] = seen || knownTitle || header.title ? 'repeated-title' : 'title';
      seen = true;
    });
    // section labels standing above the title ("China Power") are navigation
    const firstTitleIdx = kinds.findIndex((k) => k === 'title' || k === 'repeated-title');
    for (let i = 0; i < firstTitleIdx; i++) {
      if (keep[i] && wordCount(paras[i]) <= 4 && !endsLikeSentence(paras[i])) {
        keep[i] = false;
        kinds[i] = 'nav';
      }
    }
  }
  // a short label-only line anywhere (e.g. "China Power") that repeats is navigation
  paras.forEach((p, i) => {
    if (keep[i] && wordCount(p) <= 4 && !endsLikeSentence(p) && (counts.get(normed[i]) ?? 0) >= 2) {
      keep[i] = false;
      kinds[i] = 'nav';
    }
  });

  const out: string[] = [];
  paras.forEach((p, i) => {
    if (keep[i]) out.push(p);
    else removed.push({ kind: kinds[i] ?? 'nav', text: p });
  });
  return { title, paragraphs: out, removed, header };
}

function isTitleCandidate(p: string): boolean {
  return headlineLike(p) && wordCount(p) <= 15;
}

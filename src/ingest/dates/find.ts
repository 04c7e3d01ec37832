// The publication date of a page: every place a page states it, most explicit first (JSON-LD, meta tags,
// marked-up <time> elements, the URL, date lines around the headline, the page text). The first candidate that
// is a real, plausible date wins; modified/updated dates are never read.
import { type DomDocument, type DomElement, all, spacedText, textOf } from '../extract/dom.ts';
import { hintTokens } from '../extract/hints.ts';
import { type JsonLd, str } from '../meta/jsonld.ts';
import { metaTags } from '../meta/tags.ts';
import { type DateParts, type ParseOptions, type Plausible, findAllDates, findDate, formatTimestamp, implausible, isInvalid, dayOf } from './parse.ts';
import { blocksOf } from '../extract/blocks.ts';

export interface FoundDate {
  /** as written: "2024-05-16T23:30:00.000+02:00" */
  timestamp: string;
  day: string;
  /** where it was found, e.g. "meta article:published_time" */
  source: string;
}

/** Meta names (name, property, itemprop or http-equiv; lower-case) that carry the publication date. */
const PUBLISHED_META = [
  'article:published_time', 'og:article:published_time', 'og:published_time', 'article:published', 'og:article:published', 'article.published', 'datepublished', 'date_published', 'published_time', 'published-date', 'publish-date', 'publish_date', 'publishdate', 'published_date', 'publication_date', 'pubdate', 'og:pubdate', 'og:publish_date', 'rnews:datepublished', 'citation_publication_date', 'citation_date', 'citation_online_date', 'dc.date.issued', 'dc.date.published', 'dc.date.created', 'dc.date', 'dc:date', 'dcterms.issued', 'dcterms.created', 'dcterms.date', 'dc.created', 'dc:created', 'sailthru.date', 'parsely-pub-date', 'cxenseparse:recs:publishtime', 'article_date_original', 'originalpublicationdate', 'datecreated', 'date_created', 'content_create_date', 'displaydate', 'date', 'created', 'release_date', 'video:release_date', 'og:regdate', 'timestamp',
];

/** class/id tokens of elements that print the publication date. */
const DATE_HINT = /^(date|dates|datum|time|fecha|data|published|publish|publication|pubdate|posted|postdate|posttime|timestamp|dateline|datetime|created|entrydate|postedon|articledate|meta|byline|info|infos|details|zeit|fecha)$/;
const MODIFIED_HINT = /^(updated?|modified|changed|aktualisiert|edited|revised|lastmod)$/;

/** A page's date context: how numeric dates are read and which dates are possible. */
export interface DateContext extends Plausible {
  parse: ParseOptions;
  warnings: string[];
}

/** Read a candidate; a malformed or impossible date from an explicit source becomes a warning. */
function accept(value: string | null | undefined, source: string, ctx: DateContext, explicit: boolean): FoundDate | null {
  if (!value) return null;
  const r = findDate(value, ctx.parse);
  if (r === null) return null;
  if (isInvalid(r)) {
    if (explicit) ctx.warnings.push(`${source}: ${r.invalid}; ignored`);
    return null;
  }
  const why = implausible(r, ctx);
  if (why) {
    if (explicit) ctx.warnings.push(`${source}: ${why}; ignored`);
    return null;
  }
  return found(r, source);
}

function found(p: DateParts, source: string): FoundDate {
  return { timestamp: formatTimestamp(p), day: dayOf(p), source };
}

function* explicitCandidates(document: DomDocument, ld: JsonLd): Generator<[string | null, string]> {
  for (const o of ld.articles) for (const k of ['datePublished', 'dateCreated', 'uploadDate']) yield [str(o, k), `JSON-LD ${k}`];
  for (const o of ld.pages) yield [str(o, 'datePublished'), 'JSON-LD WebPage datePublished'];
  const meta = metaTags(document);
  for (const name of PUBLISHED_META) for (const v of meta.get(name) ?? []) yield [v, `meta ${name}`];
  for (const el of all(document, '[itemprop="datePublished"],[itemprop="dateCreated"]')) {
    yield [el.getAttribute('content') ?? el.getAttribute('datetime') ?? textOf(el), 'itemprop datePublished'];
  }
}

function isModified(el: DomElement): boolean {
  for (let e: DomElement | null = el, i = 0; e && i < 3; e = e.parentElement, i++) {
    if (hintTokens(e).some((t) => MODIFIED_HINT.test(t)) || /modified|updated/i.test(e.getAttribute('itemprop') ?? '')) return true;
  }
  return false;
}

/** <time> elements, marked publication times first, then those in the article or its header, then any. */
function timeElements(document: DomDocument): DomElement[] {
  const times = all(document, 'time').filter((t) => !isModified(t));
  const marked = times.filter((t) => t.hasAttribute('pubdate') || hintTokens(t).some((x) => /^(published|publish|pubdate|entrydate|date)$/.test(x)));
  const placed = times.filter((t) => t.closest('article,header,main,[itemprop=articleBody]'));
  return [...new Set([...marked, ...placed, ...times])];
}

/** Year-month-day in a URL path: /2024/05/16/, /2024/5/6/, -20240516-, _2024_05_16 … */
const URL_YMD = /(?:^|[/_-])((?:19|20)\d{2})([/_-]?)(0?[1-9]|1[0-2])\2(0?[1-9]|[12]\d|3[01])(?=$|[/_.-]|[^\d])/;
/** … or day-month-year: /16-05-2024-title, /16052024-title */
const URL_DMY = /(?:^|[/_-])(0[1-9]|[12]\d|3[01])([_-]?)(0[1-9]|1[0-2])\2((?:19|20)\d{2})(?=$|[/_.-]|[^\d])/;

function urlDate(url: string | null, ctx: DateContext): FoundDate | null {
  if (!url) return null;
  let path = url;
  try {
    path = new URL(url).pathname;
  } catch {
    /* not a URL: read it as written */
  }
  const ymd = URL_YMD.exec(path);
  if (ymd && (ymd[2] || ymd[3].length === 2)) return accept(`${ymd[1]}-${ymd[3]}-${ymd[4]}`, 'URL', ctx, false);
  const dmy = URL_DMY.exec(path);
  return dmy ? accept(`${dmy[4]}-${dmy[3]}-${dmy[1]}`, 'URL', ctx, false) : null;
}

/** Short elements whose class/id say they print a date: bylines, date lines, post meta. */
function hintedDateTexts(document: DomDocument): DomElement[] {
  return all(document.body ?? document.documentElement, '[class],[id]').filter((el) => {
    if (!hintTokens(el).some((t) => DATE_HINT.test(t)) || isModified(el)) return false;
    const len = (el.textContent ?? '').length;
    return len > 5 && len < 200;
  });
}

/** Words that mark the date after them as a modification, not the publication. */
const MODIFIED_BEFORE = /(updated|modified|edited|revised|aktualisiert|geändert|änderung|bearbeitet|mis à jour|modifié|actualizado|actualizada|actualización|aggiornat[oa]|aktualizacja|zaktualizowano|bijgewerkt|gewijzigd|uppdaterad|atualizado|atualização)(?:\s+\p{L}{1,4}){0,2}\W{0,20}$/iu;

/** Dates printed in the page text: those after the first <h1> first, then those before it. */
function printedDates(document: DomDocument, ctx: DateContext): FoundDate[] {
  const body = document.body;
  if (!body) return [];
  const blocks = blocksOf(body).filter((b) => !b.gap);
  const h1 = Math.max(0, blocks.findIndex((b) => b.tag === 'h1'));
  const ordered = [...blocks.slice(h1), ...blocks.slice(0, h1)];
  const out: FoundDate[] = [];
  for (const b of ordered) {
    if ((b.text.length > 2000 && out.length > 0) || isModified(b.el)) continue;
    for (const d of findAllDates(b.text, ctx.parse)) {
      if (MODIFIED_BEFORE.test(b.text.slice(Math.max(0, d.index - 40), d.index))) continue;
      if (!implausible(d.parts, ctx)) out.push(found(d.parts, 'page text'));
    }
    if (out.length >= 5) break;
  }
  return out;
}

const DAY_MS = 86_400_000;

function dayNumber(day: string): number {
  return Date.parse(day + 'T00:00:00Z') / DAY_MS;
}

/**
 * A timestamp written in UTC whose local calendar day the URL gives one day apart ("…T01:49:00Z" in the data,
 * "/2023/11/08/" in the URL): the same instant, given the smallest whole-hour offset that puts it on that day.
 */
function onLocalDay(f: FoundDate, day: string): FoundDate | null {
  const m = /T(\d{2}):(\d{2}):(\d{2})\.(\d{3})Z$/.exec(f.timestamp);
  if (!m) return null;
  const diff = dayNumber(day) - dayNumber(f.day);
  const minutes = Number(m[1]) * 60 + Number(m[2]);
  let offset: number;
  if (diff === 1) offset = Math.ceil((1440 - minutes) / 60);
  else if (diff === -1) offset = -(Math.floor(minutes / 60) + 1);
  else return null;
  if (offset > 14 || offset < -12 || minutes === 0) return null;
  const instant = Date.parse(f.timestamp) + offset * 3_600_000;
  const local = new Date(instant).toISOString().slice(0, 23);
  const sign = offset < 0 ? '-' : '+';
  const zone = `${sign}${String(Math.abs(offset)).padStart(2, '0')}:00`;
  return { timestamp: local + zone, day, source: `${f.source}, on the day of the URL` };
}

export function findPublicationDate(document: DomDocument, url: string | null, ld: JsonLd, ctx: DateContext): FoundDate | null {
  let stated: FoundDate | null = null;
  for (const [v, source] of explicitCandidates(document, ld)) {
    stated = accept(v, source, ctx, true);
    if (stated) break;
  }
  const times = timeElements(document);
  if (!stated) {
    for (const t of times.filter((t) => t.hasAttribute('datetime'))) {
      stated = accept(t.getAttribute('datetime'), '<time datetime>', ctx, true);
      if (stated) break;
    }
  }
  const fromUrl = urlDate(url, ctx);
  // the URL keeps the day a piece first appeared; metadata may carry a later republication
  if (stated && fromUrl && fromUrl.day !== stated.day) return onLocalDay(stated, fromUrl.day) ?? fromUrl;
  if (stated) {
    return stated;
  }
  if (fromUrl) return fromUrl;
  for (const t of times) {
    const f = accept(spacedText(t), '<time>', ctx, false);
    if (f) return f;
  }
  for (const el of hintedDateTexts(document)) {
    const f = accept(spacedText(el), 'date line', ctx, false);
    if (f) return f;
  }
  return printedDates(document, ctx)[0] ?? null;
}

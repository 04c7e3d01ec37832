// Author names from what a page says about them: "By Jane Doe and John Roe | May 3, 2024" becomes
// ["Jane Doe", "John Roe"]. Byline words, dates, roles, e-mail addresses and profile URLs are not names.
import { findDate } from '../dates/parse.ts';

/** Words that introduce a byline in the languages news pages are most often written in. */
const BYLINE_PREFIX = /^(?:(?:written|posted|published|reported|story|text|words|photos?|fotos?|bilder?|video)\s+(?:and\s+\w+\s+)?by|by|von|vom|text(?:\s+und\s+fotos?)?|autor(?:in|en)?|author|authors|par|por|door|przez|interview|(?:geschrieben|veröffentlicht|eingestellt|erstellt|verfasst|publiziert|gepostet)\s+von|(?:ein\s+)?(?:beitrag|artikel)\s+von|redaktion|reporter(?:in)?|publicado\s+por|escrito\s+por|publié\s+par|écrit\s+par|scritto\s+da|pubblicato\s+da|geplaatst\s+door|napisał[a]?)(?:\s*[:\-–]\s*|\s+)(?=\p{L})/iu;
/** The same in languages where the word is also a name particle ("di", "de"): only in lower case. */
const BYLINE_PARTICLE = /^(?:di|de|da|av|af)\s+(?=\p{Lu})/u;
/** Joiners between several names. */
const NAME_JOINER = /\s*(?:;|,|\/|\||&|\+|\s(?:and|und|et|y|e|i|en|og|och|a|и|oraz)\s)\s*/i;
/** Job titles printed next to a name ("Jane Doe, Senior Editor"). */
const ROLE = /\b(editor|redakteur|redakteurin|redaktion|reporter|reporterin|correspondent|korrespondent|korrespondentin|journalist|journalistin|columnist|kolumnist|autor|autorin|author|contributor|writer|photographer|fotograf|fotografin|staff|chefredakteur|chefredakteurin|herausgeber|volontär|volontärin|intern|senior|freelance|freie|mitarbeiter|mitarbeiterin|team|desk|agency|agentur|press|presse)\b/i;

function looksLikeName(s: string): boolean {
  if (s.length < 2 || s.length > 60) return false;
  if (/https?:|www\.|@|\.(?:com|de|org|net)\b/i.test(s)) return false;
  if (!/\p{L}/u.test(s)) return false;
  if (/\d{2,}/.test(s)) return false;
  return s.split(/\s+/).length <= 6;
}

/** The names in one byline text. */
export function splitAuthors(raw: string): string[] {
  let t = raw.replace(/[\u00AD\u200B\u2060\uFEFF]/g, '').replace(/\s+/g, ' ').trim();
  if (!t || /^https?:\/\//i.test(t)) return [];
  // a date and whatever follows it is not part of the byline
  const d = findDate(t);
  if (d && !('invalid' in d)) {
    const m = /\d{1,4}[./-]\d{1,2}|\d{1,2}\.?\s+\p{L}+\.?\s+\d{4}|\p{L}+\.?\s+\d{1,2},?\s+\d{4}/u.exec(t);
    if (m) t = t.slice(0, m.index).trim();
  }
  t = t.replace(/^[\s|·•:–—-]+|[\s|·•:,–—-]+$/g, '');
  for (let i = 0; i < 2; i++) t = t.replace(BYLINE_PREFIX, '').replace(BYLINE_PARTICLE, '');
  const out: string[] = [];
  for (const part of t.split(NAME_JOINER)) {
    const name = part.replace(/^[\s(]+|[\s).:]+$/g, '').trim();
    if (!name || ROLE.test(name)) continue;
    if (looksLikeName(name) && !out.includes(name)) out.push(name);
  }
  return out;
}

/** The first source that yields names wins; sources are given most explicit first. */
export function chooseAuthors(sources: Array<string | string[] | null | undefined>): string[] {
  for (const s of sources) {
    const list = (Array.isArray(s) ? s : [s]).filter((x): x is string => typeof x === 'string');
    const names = list.flatMap(splitAuthors);
    if (names.length > 0) return [...new Set(names)].slice(0, 10);
  }
  return [];
}

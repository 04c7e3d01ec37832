// The headline without the site name or breadcrumb a page adds to its <title> and og:title
// ("Harbor cranes idle | Coastal Tribune", "News - Politik - Harbor cranes idle"). The on-page <h1> that matches
// a title candidate is the headline as printed; otherwise the site's parts are cut from the best candidate.

export interface TitleSources {
  /** JSON-LD headline / name of the article object */
  headline: string | null;
  ogTitle: string | null;
  documentTitle: string | null;
  /** texts of the page's <h1> elements, in document order */
  h1s: string[];
  /** texts of the first <h2>/<h3> elements: older templates print the headline there */
  subheadings?: string[];
  /** for each <h1> made of several elements (kicker, headline), their texts */
  h1Parts?: string[][];
  /** names the site goes by: og:site_name, publisher, application-name, host name */
  siteNames: string[];
}

const SEPARATOR = /\s+[|\-–—·•»«:/\\~]+\s+|\s*[|·•»«]\s*/;

export function normTitle(s: string): string {
  return s.normalize('NFC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

export function cleanTitleText(s: string | null | undefined): string | null {
  const t = (s ?? '').replace(/[\u00AD\u200B\u2060\uFEFF]/g, '').replace(/\s+/g, ' ').trim();
  return t || null;
}

/** Words a site name is made of, from its display name or host ("www.zeit.de" → "zeit"). */
function siteKeys(siteNames: string[]): string[] {
  const keys = new Set<string>();
  for (const s of siteNames) {
    const n = normTitle(s);
    if (n) keys.add(n);
    const host = /^(?:https?:\/\/)?(?:www\d?\.)?([a-z0-9.-]+\.[a-z]{2,})(?:\/|$)/i.exec(s.trim());
    if (host) for (const label of host[1].toLowerCase().split('.').slice(0, -1)) if (label.length >= 3) keys.add(label);
  }
  return [...keys];
}

function isSitePart(part: string, keys: string[]): boolean {
  const n = normTitle(part);
  if (!n) return true;
  const squashed = n.replace(/ /g, '');
  return keys.some((k) => {
    const ks = k.replace(/ /g, '');
    // "ZEIT ONLINE" is the site "zeit"; "Zeit for change" is a headline
    const mostlySite = squashed.includes(ks) && squashed.length <= ks.length * 2.5;
    return n === k || squashed === ks || (ks.length >= 3 && (mostlySite || (ks.includes(squashed) && squashed.length >= 4)));
  });
}

/** Cut parts naming the site from both ends of a title; what is left is the headline. */
export function stripSiteName(title: string, siteNames: string[]): string {
  const keys = siteKeys(siteNames);
  if (keys.length === 0) return title;
  const parts = title.split(SEPARATOR);
  if (parts.length < 2) return title;
  let a = 0;
  let b = parts.length;
  while (b - a > 1 && isSitePart(parts[b - 1], keys)) b--;
  while (b - a > 1 && isSitePart(parts[a], keys)) a++;
  if (a === 0 && b === parts.length) return title;
  // keep the original separators inside the headline: cut by position, not by re-joining parts
  const kept = parts.slice(a, b);
  const start = title.indexOf(kept[0]);
  const last = kept[kept.length - 1];
  const end = title.lastIndexOf(last) + last.length;
  return start >= 0 && end > start ? title.slice(start, end).trim() : kept.join(' - ');
}

/** Does the h1 text appear as the headline part of a fuller title candidate? */
function h1MatchesTitle(h1: string, candidates: string[]): boolean {
  const n = normTitle(h1);
  if (n.length < 3) return false;
  return candidates.some((c) => {
    const cn = normTitle(c);
    return cn === n || (cn.startsWith(n) && n.length >= cn.length * 0.3) || (cn.endsWith(n) && n.length >= cn.length * 0.3);
  });
}

/** A heading printed on the page that is exactly one separator-delimited part of a title candidate. */
function headingIsTitlePart(heading: string, candidates: string[]): boolean {
  const n = normTitle(heading);
  if (n.split(' ').length < 2) return false;
  // "Kicker: Headline" splits here too; a colon alone never cuts a title down, it only confirms a printed heading
  return candidates.some((c) => normTitle(c) === n || c.split(SEPARATOR).some((part) => normTitle(part) === n || part.split(/:\s+/).some((p) => normTitle(p) === n)));
}

export function chooseTitle(src: TitleSources): string | null {
  const metaTitles = [src.headline, src.ogTitle, src.documentTitle].map(cleanTitleText).filter((t): t is string => !!t);
  const h1s = src.h1s.map(cleanTitleText).filter((t): t is string => !!t && t.length <= 300);
  const keys = siteKeys(src.siteNames);
  // a kicker printed in its own element inside the <h1> ("Klimaschutz" over "Bohren, bis es heiß wird") is not the headline
  for (const parts of src.h1Parts ?? []) {
    const longest = parts.map(cleanTitleText).filter((p): p is string => !!p).sort((a, b) => b.length - a.length)[0];
    if (longest && headingIsTitlePart(longest, metaTitles) && !isSitePart(longest, keys)) return longest;
  }
  const h1 = h1s.find((h) => h1MatchesTitle(h, metaTitles) && !isSitePart(h, keys));
  if (h1) return h1;
  const subs = (src.subheadings ?? []).map(cleanTitleText).filter((t): t is string => !!t && t.length <= 300);
  const sub = subs.find((h) => headingIsTitlePart(h, metaTitles) && !isSitePart(h, keys));
  if (sub) return sub;
  for (const t of metaTitles) {
    const stripped = stripSiteName(t, src.siteNames);
    if (!isSitePart(stripped, siteKeys(src.siteNames))) return stripped;
  }
  return h1s[0] ?? metaTitles[0] ?? null;
}

// Who a story comes from, as the page itself says it: a dateline with a parenthesised organisation
// ("KESTRA, Norland (AP) —", "(Reuters) -"), a byline naming a news agency ("By MARA LIND Associated
// Press"), or a closing credit line ("Copyright 2025 The Associated Press", "This story was provided by …").
// The patterns are how credits are written; the agency table only says which credited names are agencies
// and how each is usually abbreviated, which is a fact about the news trade, not about any outlet.

export interface Credit {
  /** canonical name of the credited organisation ("AP", "Reuters", or the name as written) */
  org: string;
  agency: boolean;
  how: 'dateline' | 'byline' | 'footer' | 'outlet';
  /** the words that carry the credit */
  text: string;
}

/** The world's major news agencies: canonical name and the forms their names take in credits. */
const AGENCIES: Array<[string, string[]]> = [
  ['AP', ['AP', 'Associated Press', 'The Associated Press', 'AP News', 'AP Wire']],
  ['Reuters', ['Reuters', 'Thomson Reuters', 'Reuters Staff']],
  ['AFP', ['AFP', 'Agence France-Presse', 'Agence France Presse', 'AFP News']],
  ['PA', ['PA', 'PA Media', 'Press Association', 'PA Wire', 'PA News Agency']],
  ['dpa', ['dpa', 'DPA', 'Deutsche Presse-Agentur']],
  ['ANSA', ['ANSA']],
  ['EFE', ['EFE', 'Agencia EFE']],
  ['Kyodo', ['Kyodo', 'Kyodo News']],
  ['Xinhua', ['Xinhua', 'Xinhua News Agency']],
  ['TASS', ['TASS', 'ITAR-TASS']],
  ['UPI', ['UPI', 'United Press International']],
  ['Bloomberg', ['Bloomberg', 'Bloomberg News']],
  ['Canadian Press', ['The Canadian Press', 'Canadian Press', 'CP']],
  ['AAP', ['AAP', 'Australian Associated Press']],
  ['Yonhap', ['Yonhap', 'Yonhap News Agency']],
  ['PTI', ['PTI', 'Press Trust of India']],
  ['ANI', ['ANI', 'Asian News International']],
  ['IANS', ['IANS']],
  ['Anadolu', ['Anadolu', 'Anadolu Agency', 'AA']],
  ['Interfax', ['Interfax']],
  ['RIA Novosti', ['RIA Novosti', 'RIA']],
  ['Jiji', ['Jiji', 'Jiji Press']],
  ['NTB', ['NTB']],
  ['TT', ['TT', 'TT News Agency']],
  ['Belga', ['Belga']],
  ['APA', ['APA', 'Austria Presse Agentur']],
  ['Ritzau', ['Ritzau']],
  ['Lusa', ['Lusa']],
  ['Europa Press', ['Europa Press']],
  ['PAP', ['PAP', 'Polish Press Agency']],
  ['CNA', ['CNA', 'Central News Agency']],
  ['Bernama', ['Bernama']],
  ['Antara', ['Antara']],
];

const norm = (s: string) => s.toLowerCase().replace(/[’']/g, "'").replace(/[^\p{L}\p{N}' ]+/gu, ' ').replace(/\s+/g, ' ').trim();
const AGENCY_BY_FORM = new Map<string, string>(AGENCIES.flatMap(([name, forms]) => forms.map((f) => [norm(f), name] as [string, string])));
// words a byline adds to an agency name: "By PA Reporter", "Reuters Staff", "AP Business Writer"
const ROLE_WORDS = /\b(?:staff|reporters?|writers?|correspondents?|news ?desk|wire|business|sports|science|medical|political|chief|senior|by|and|in)\b/gi;

/** The canonical agency a name stands for, if it is one ("The Associated Press" → "AP"). */
export function agencyOf(name: string | null | undefined): string | null {
  if (!name) return null;
  const n = norm(name);
  return AGENCY_BY_FORM.get(n) ?? AGENCY_BY_FORM.get(n.replace(/^the /, '')) ?? null;
}

/** Agencies named in a byline ("By MARA LIND Associated Press", "Mara Lind, AP", "By PA Reporter"). */
function agencyInByline(byline: string): string | null {
  // longest forms first so that "Associated Press" wins over "AP"
  const forms = [...AGENCY_BY_FORM.keys()].sort((a, b) => b.length - a.length);
  const n = ` ${norm(byline.replace(ROLE_WORDS, ' '))} `;
  for (const f of forms) {
    // short all-capital forms (AP, PA, TT) must be written in capitals in the byline itself
    if (f.length <= 3 && !new RegExp(`(^|[^\\p{L}])${f.toUpperCase()}([^\\p{L}]|$)`, 'u').test(byline)) continue;
    if (n.includes(` ${f} `)) return AGENCY_BY_FORM.get(f)!;
  }
  return null;
}

const ORG_NAME = "[\\p{L}][\\p{L}\\p{N}&.'’ -]{0,38}[\\p{L}\\p{N}.]";
/** "KESTRA, Norland (AP) —", "LONDON, March 10 (Reuters) -", "(CNN) —" at the start of the text. */
const DATELINE = new RegExp(`^[^.!?\\n(]{0,80}?\\((${ORG_NAME})\\)\\s*[-—–]{1,2}\\s`, 'u');
/** "Copyright 2025 The Associated Press. All rights reserved.", "© Reuters 2024" */
const COPYRIGHT = new RegExp(`^(?:copyright|©)\\s*(?:©\\s*)?(?:\\(c\\)\\s*)?(?:\\d{4}\\s*[-–]?\\s*(?:\\d{4})?\\s*)?(${ORG_NAME}?)(?:,?\\s*\\d{4})?\\s*(?:[.,]|$)`, 'iu');
/** "This story was provided by …", "This article was originally published by …", "Distributed by …" */
const PROVIDED = new RegExp(`^(?:this (?:story|article|report|content) (?:was|has been|is) (?:(?:originally|first) )?(?:provided|published|produced|written|supplied|distributed|syndicated|republished) (?:by|on|in|with permission from|from)|(?:distributed|provided|supplied) by)\\s+(?:the website of |the news agency )?(${ORG_NAME})`, 'iu');

/** Every word capitalised (connectors aside): how an organisation's name is written. */
function looksLikeName(org: string): boolean {
  return !!agencyOf(org) || org.split(/\s+/).every((w) => /^[\p{Lu}\p{N}&]/u.test(w) || /^(of|the|and|for|de|du|la|le|des|del|am|im)$/.test(w));
}

/** A dateline's place (and date) before the credit: capitalised words, commas, day numbers. */
const DATELINE_PLACE = /^(?:[\p{Lu}\p{N}][\p{L}\p{N}.'’-]*[,.]?\s*)*$/u;

function clean(org: string): string {
  return org.replace(/\s+/g, ' ').replace(/[.,;:]+$/, '').trim();
}

export interface CreditInput {
  text: string;
  author: string | null;
  outlet: string | null;
  /** text taken out of the article upstream (credit lines, templates …) */
  removed: Array<{ kind: string; text: string }>;
}

const PHOTO = /^(?:photo|image|picture|video|illustration|graphic)s?\b|\bphoto\b/i;

/** The organisation a story is credited to, if the page says so. */
export function detectCredit(a: CreditInput): Credit | null {
  const paras = a.text.split(/\n+/).map((p) => p.trim()).filter(Boolean);
  const first = paras[0] ?? '';
  // the dateline opens the story, after a summary line at most
  for (const p of paras.slice(0, 2)) {
    const d = DATELINE.exec(p);
    if (d && !PHOTO.test(d[1]) && looksLikeName(d[1]) && DATELINE_PLACE.test(d[0].slice(0, d[0].indexOf('(')).trim())) {
      const org = clean(d[1]);
      return { org: agencyOf(org) ?? org, agency: !!agencyOf(org), how: 'dateline', text: d[0].trim() };
    }
  }
  for (const byline of [a.author, /^by\s/i.test(first) && first.length < 120 ? first : null]) {
    if (!byline) continue;
    const ag = agencyInByline(byline);
    if (ag) return { org: ag, agency: true, how: 'byline', text: byline };
  }
  const tail = [...paras.slice(-3), ...a.removed.filter((r) => r.kind !== 'caption').map((r) => r.text)];
  for (const line of tail) {
    if (PHOTO.test(line)) continue;
    const m = COPYRIGHT.exec(line) ?? PROVIDED.exec(line);
    if (!m || !m[1]) continue;
    const org = clean(m[1]);
    if (!org || !looksLikeName(org) || (a.outlet && norm(org) === norm(a.outlet))) continue; // the site's own copyright
    return { org: agencyOf(org) ?? org, agency: !!agencyOf(org), how: 'footer', text: line.slice(0, 160) };
  }
  const own = agencyOf(a.outlet);
  if (own) return { org: own, agency: true, how: 'outlet', text: a.outlet! };
  return null;
}

// Entity mentions from wink-nlp proper-noun runs, typed by rules: titles and verbs of saying make people,
// organisation words make organisations, place names and place prepositions ("in Kestra") make places.
// Credit words (news agencies, social platforms, photo credits) are never parts of a name.
import type { PreparedArticle, Token } from '../model/prepared.ts';
import type { EntityType, Mention } from '../model/entity.ts';
import { agencyOf } from '../copy/credits.ts';
import { TITLE_WORDS, PERSON_TITLES, QUALIFIERS, DEMONYMS, PLACES, MULTIWORD_PLACES, ORG_WORDS, NOT_ENTITIES, WEAK_TITLES, PLATFORMS, CALENDAR_ABBREVIATIONS, PLACE_PREPOSITIONS, isDemonym } from './lexicon.ts';



const CONNECTORS = new Set(['of', 'for', 'on', 'and', 'de', 'al', 'bin', 'von', 'der', 'van']);
const SAY_VERBS = /^(said|says|told|stated|added|noted|argued|warned|wrote|believes|believed|expressed|pointed|remarked|claimed|suggested|insisted|explained|mentioned)$/i;

function isCap(t: string): boolean {
  return /^\p{Lu}/u.test(t);
}
function isPropn(t: Token): boolean {
  return t.pos === 'PROPN' && /^[\p{L}][\p{L}\p{N}.'’-]*$/u.test(t.text);
}

function guessType(parts: string[], title: string | null, nextWord: string | undefined): EntityType | null {
  const lower = parts.map((p) => p.toLowerCase());
  const joined = lower.join(' ');
  if (PLACES.has(joined) || MULTIWORD_PLACES.has(joined)) return 'place';
  if (lower.some((w) => ORG_WORDS.has(w)) || (parts.length === 1 && /^[\p{Lu}\d]{2,6}$/u.test(parts[0]))) return 'org';
  if (title && title.toLowerCase().split(/\s+/).some((w) => PERSON_TITLES.has(w))) return 'person';
  if (nextWord && SAY_VERBS.test(nextWord)) return 'person';
  return null;
}

/** A news agency or a social platform: a credit, never part of a person's name. */
function creditWord(t: string): boolean {
  return PLATFORMS.has(t.toLowerCase()) || (!!agencyOf(t) && (/^\p{Lu}{2,}$/u.test(t) || agencyOf(t) === t));
}

/** Words that end a name run: credits, "Jan." or "Sat." of a dateline, contractions ("I'm"). */
function breaksName(toks: Token[], j: number): boolean {
  const t = toks[j].text;
  if (creditWord(t) || /['’](?:m|re|ve|ll|d)$/i.test(t)) return true;
  return CALENDAR_ABBREVIATIONS.has(t.toLowerCase()) && (t.endsWith('.') || /^\d/.test(toks[j + 1]?.text ?? '') || toks[j + 1]?.text === '.');
}

/** Token positions inside a parenthesised photo credit: "(AP Photo/Jon Vesk)", "(Photo: Reuters)". */
function photoCredits(toks: Token[]): Set<number> {
  const out = new Set<number>();
  for (let i = 0; i < toks.length; i++) {
    if (toks[i].text !== '(') continue;
    const close = toks.findIndex((t, k) => k > i && t.text === ')');
    if (close < 0 || close - i > 12) continue;
    const inside = toks.slice(i + 1, close).map((t) => t.text);
    if (inside.some((w) => /^(?:photo|photos|photograph|image|images|file|credit)$/i.test(w)) || inside.includes('/')) for (let k = i; k <= close; k++) out.add(k);
  }
  return out;
}

/** Mentions in one article. */
export function extractMentions(p: PreparedArticle): Mention[] {
  const out: Mention[] = [];
  const lowerVocab = new Set<string>();
  for (const s of p.sentences) for (const t of s.tokens) if (/^\p{Ll}/u.test(t.text)) lowerVocab.add(t.text);
  for (const s of p.sentences) {
    const toks = s.tokens;
    const credited = photoCredits(toks);
    let i = 0;
    while (i < toks.length) {
      if (!isPropn(toks[i]) || !isCap(toks[i].text) || credited.has(i)) {
        i++;
        continue;
      }
      if (breaksName(toks, i)) {
        if (creditWord(toks[i].text)) out.push({ articleId: p.article.id, sentence: s.idx, surface: agencyOf(toks[i].text) ?? toks[i].text, title: null, typeHint: 'org' });
        i++;
        continue;
      }
      let j = i + 1;
      // capitalised words inside a name run are part of it even when tagged NOUN/ADJ ("China National Offshore Oil Corporation")
      const capWord = (t: Token) => isCap(t.text) && /^[\p{L}][\p{L}\p{N}.'’-]*$/u.test(t.text) && (t.pos === 'PROPN' || t.pos === 'NOUN' || t.pos === 'ADJ');
      while (j < toks.length) {
        if (breaksName(toks, j) || credited.has(j)) break;
        if (capWord(toks[j])) j++;
        else if (
          CONNECTORS.has(toks[j].text) &&
          toks[j].text !== 'and' &&
          j + 1 < toks.length &&
          capWord(toks[j + 1]) &&
          toks.slice(i, j).some((t) => ORG_WORDS.has(t.text.toLowerCase()))
        )
          j += 2;
        else break;
      }
      // hyphenated compounds split by the tokenizer: "Russian-Chinese EXPO"
      let i0 = i;
      while (i0 >= 2 && toks[i0 - 1].text === '-' && capWord(toks[i0 - 2])) i0 -= 2;
      let run = toks.slice(i, j).map((t) => t.text);
      if (i0 < i) run[0] = toks.slice(i0, i).map((t) => t.text).join('') + run[0];
      const start = i0;
      i = j;
      // leading titles, qualifiers and demonyms inside the run
      const titleParts: string[] = [];
      // a demonym is a title only when a title word follows ("Chinese President"); else it is part of the name ("European Union")
      const isTitleStart = (k: number): boolean => {
        const w = run[k].toLowerCase();
        const next = run[k + 1]?.toLowerCase();
        if (QUALIFIERS.has(w)) return true;
        // "Secretary of State Antony Blinken": the run starts after "Secretary of"
        const afterTitleOf = k === 0 && start >= 2 && toks[start - 1].text === 'of' && TITLE_WORDS.has(toks[start - 2].text.toLowerCase());
        if (TITLE_WORDS.has(w)) return !WEAK_TITLES.has(w) || afterTitleOf || (next !== undefined && (TITLE_WORDS.has(next) || next === 'of'));
        if (!isDemonym(w) || k + 1 >= run.length) return false;
        const restLower = run.slice(k + 1).map((x) => x.toLowerCase());
        if (TITLE_WORDS.has(restLower[0]) || QUALIFIERS.has(restLower[0])) return true;
        return !restLower.some((x) => ORG_WORDS.has(x)) && !MULTIWORD_PLACES.has([w, ...restLower].join(' '));
      };
      // a title inside the run ("Chinese Communist Party Leader Xi"): the part before it is a body, the rest a person
      const inner = run.findIndex((x, k) => k > 0 && k < run.length - 1 && PERSON_TITLES.has(x.toLowerCase()) && !WEAK_TITLES.has(x.toLowerCase()));
      if (inner > 0) {
        const body = run.slice(0, inner);
        if (body.some((x) => ORG_WORDS.has(x.toLowerCase())))
          out.push({ articleId: p.article.id, sentence: s.idx, surface: body.join(' '), title: null, typeHint: 'org' });
        titleParts.push(...run.slice(0, inner + 1));
        run = run.slice(inner + 1);
      }
      while (run.length > 1 && isTitleStart(0)) titleParts.push(run.shift()!);
      // ordinary words capitalised as part of a title: "Foreign Policy Yuri Ushakov" (the article also writes "foreign policy")
      if (run.length >= 3 && !run.some((x) => ORG_WORDS.has(x.toLowerCase()))) {
        while (run.length > 2 && lowerVocab.has(run[0].toLowerCase())) titleParts.push(run.shift()!);
      }
      // trailing title words belong to the next name ("U.S. Secretary" of State …)
      while (run.length > 1 && TITLE_WORDS.has(run[run.length - 1].toLowerCase())) run.pop();
      // trailing connector leftovers
      while (run.length && CONNECTORS.has(run[run.length - 1])) run.pop();
      if (!run.length) continue;
      // words before the run: "former Defense Minister", "Chinese Communist Party leader"
      const before: string[] = [];
      for (let k = start - 1; k >= 0 && before.length < 6; k--) {
        const w = toks[k].text;
        const lw = w.toLowerCase();
        if (TITLE_WORDS.has(lw) || QUALIFIERS.has(lw) || DEMONYMS.has(lw) || (isPropn(toks[k]) && isCap(w))) before.unshift(w);
        else if (lw === 'of' && k > 0 && TITLE_WORDS.has(toks[k - 1].text.toLowerCase()) && (before.length || titleParts.length)) before.unshift(w);
        else break;
      }
      const title = [...before, ...titleParts].filter(Boolean);
      const hasTitleWord = title.some((w) => TITLE_WORDS.has(w.toLowerCase()));
      const titleStr = hasTitleWord ? title.join(' ') : null;
      const surface = run.join(' ').replace(/[’']s$/, '');
      const lw = surface.toLowerCase();
      if (NOT_ENTITIES.has(lw)) continue;
      if (run.length === 1 && isDemonym(lw)) continue;
      if (run.length === 1 && lw.includes('-') && lw.split('-').every((x) => PLACES.has(x))) continue; // "China-Russia" (trade): a relation, not a name
      if (run.length === 1 && TITLE_WORDS.has(lw)) continue;
      if (run.length === 1 && start === 0 && lowerVocab.has(lw)) continue; // sentence-initial common word
      if (surface.length < 2) continue;
      // a name after "in", "near", "outside" … is a place unless a title or a verb of saying says otherwise
      const hint = guessType(run, titleStr, toks[j]?.text) ?? (run.length <= 3 && PLACE_PREPOSITIONS.has(toks[start - 1]?.text ?? '') && !/^['’]s$/.test(toks[j]?.text ?? '') && !/['’]s$/.test(run[run.length - 1]) ? 'place' : null);
      out.push({ articleId: p.article.id, sentence: s.idx, surface, title: titleStr, typeHint: hint });
    }
  }
  return out;
}

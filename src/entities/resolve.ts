// Entity mentions from wink-nlp proper-noun runs, typed and merged by rules:
// transliteration folding (Shoygu = Shoigu, Andrey = Andrei), small edit distances on
// multi-part person names (Belausov = Belousov) and surname/given-name references (Putin = Vladimir Putin).
import type { PreparedArticle } from '../analysis/prepare.ts';
import type { Token } from '../nlp/wink.ts';
import { levenshtein, stripDiacritics, shortId } from '../nlp/text.ts';
import { TITLE_WORDS, PERSON_TITLES, QUALIFIERS, DEMONYMS, PLACES, MULTIWORD_PLACES, ORG_WORDS, NOT_ENTITIES, WEAK_TITLES, isDemonym } from './lexicon.ts';

export type EntityType = 'person' | 'org' | 'place' | 'other';

export interface Mention {
  articleId: string;
  sentence: number;
  surface: string;
  /** role/title words written before the name ("former Defense Minister") */
  title: string | null;
  typeHint: EntityType | null;
}

export interface Entity {
  id: string;
  name: string;
  type: EntityType;
  aliases: Array<{ form: string; count: number; articleIds: string[] }>;
  mentions: Mention[];
  articleIds: string[];
}

const CONNECTORS = new Set(['of', 'for', 'on', 'and', 'de', 'al', 'bin', 'von', 'der', 'van']);
const SAY_VERBS = /^(said|says|told|stated|added|noted|argued|warned|wrote|believes|believed|expressed|pointed|remarked|claimed|suggested|insisted|explained|mentioned)$/i;

function isCap(t: string): boolean {
  return /^\p{Lu}/u.test(t);
}
function isPropn(t: Token): boolean {
  return t.pos === 'PROPN' && /^[\p{L}][\p{L}\p{N}.'’-]*$/u.test(t.text);
}

/** Transliteration-insensitive key of one name part. */
const keyCache = new Map<string, string>();
export function nameKey(s: string): string {
  let k = keyCache.get(s);
  if (k === undefined) {
    k = computeNameKey(s);
    if (keyCache.size > 200_000) keyCache.clear();
    keyCache.set(s, k);
  }
  return k;
}

function computeNameKey(s: string): string {
  return stripDiacritics(s)
    .toLowerCase()
    .replace(/['’`]/g, '')
    .replace(/kh/g, 'h')
    .replace(/y/g, 'i')
    .replace(/ou/g, 'u')
    .replace(/ck/g, 'k')
    .replace(/ph/g, 'f')
    .replace(/(.)\1+/g, '$1');
}

function partsMatch(a: string, b: string): boolean {
  const x = nameKey(a);
  const y = nameKey(b);
  if (x === y) return true;
  const m = Math.min(x.length, y.length);
  if (m >= 5 && levenshtein(x, y, 1) <= 1) return true;
  if (m >= 8 && levenshtein(x, y, 2) <= 2) return true;
  return false;
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

/** Mentions in one article. */
export function extractMentions(p: PreparedArticle): Mention[] {
  const out: Mention[] = [];
  const lowerVocab = new Set<string>();
  for (const s of p.sentences) for (const t of s.tokens) if (/^\p{Ll}/u.test(t.text)) lowerVocab.add(t.text);
  for (const s of p.sentences) {
    const toks = s.tokens;
    let i = 0;
    while (i < toks.length) {
      if (!isPropn(toks[i]) || !isCap(toks[i].text)) {
        i++;
        continue;
      }
      let j = i + 1;
      // capitalised words inside a name run are part of it even when tagged NOUN/ADJ ("China National Offshore Oil Corporation")
      const capWord = (t: Token) => isCap(t.text) && /^[\p{L}][\p{L}\p{N}.'’-]*$/u.test(t.text) && (t.pos === 'PROPN' || t.pos === 'NOUN' || t.pos === 'ADJ');
      while (j < toks.length) {
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
      out.push({ articleId: p.article.id, sentence: s.idx, surface, title: titleStr, typeHint: guessType(run, titleStr, toks[j]?.text) });
    }
  }
  return out;
}

interface Group {
  key: string;
  parts: string[];
  mentions: Mention[];
  type: EntityType;
}

function voteType(ms: Mention[]): EntityType {
  const c = new Map<EntityType, number>();
  for (const m of ms) if (m.typeHint) c.set(m.typeHint, (c.get(m.typeHint) ?? 0) + 1);
  let best: EntityType = 'other';
  let n = 0;
  for (const t of ['person', 'org', 'place'] as EntityType[]) if ((c.get(t) ?? 0) > n) [best, n] = [t, c.get(t)!];
  return best;
}

/** Merge mentions from all articles into entities with aliases. */
export function resolveEntities(mentions: Mention[], commonWords: Set<string> = new Set()): Entity[] {
  // 1. exact (transliteration-folded) groups
  const byKey = new Map<string, Group>();
  for (const m of mentions) {
    const parts = m.surface.split(/\s+/);
    const key = parts.map(nameKey).join(' ');
    const g = byKey.get(key) ?? byKey.set(key, { key, parts, mentions: [], type: 'other' }).get(key)!;
    g.mentions.push(m);
  }
  let groups = [...byKey.values()];
  for (const g of groups) g.type = voteType(g.mentions);
  // multi-part names that are not orgs/places are persons when any part is used alone as a name elsewhere
  const singles = new Set(groups.filter((g) => g.parts.length === 1 && !commonWords.has(g.parts[0].toLowerCase())).map((g) => nameKey(g.parts[0])));
  for (const g of groups) if (g.type === 'other' && g.parts.length >= 2 && g.parts.length <= 3 && g.parts.some((p) => singles.has(nameKey(p)))) g.type = 'person';

  // 2. fuzzy merge of multi-part person names with the same number of parts
  const merged = new Set<Group>();
  // blocking: only names with the same number of parts whose last parts start alike are compared
  const blocks = new Map<string, Group[]>();
  for (const g of groups) {
    if (g.parts.length < 2 || g.type === 'org' || g.type === 'place') continue;
    const k = `${g.parts.length}:${nameKey(g.parts[g.parts.length - 1]).slice(0, 2)}`;
    (blocks.get(k) ?? blocks.set(k, []).get(k)!).push(g);
  }
  for (const multi of blocks.values()) {
    for (let a = 0; a < multi.length; a++) {
      if (merged.has(multi[a])) continue;
      for (let b = a + 1; b < multi.length; b++) {
        const A = multi[a];
        const B = multi[b];
        if (merged.has(B)) continue;
        if (A.parts.every((p, k) => partsMatch(p, B.parts[k]))) {
          A.mentions.push(...B.mentions);
          if (B.type === 'person') A.type = 'person';
          merged.add(B);
        }
      }
    }
  }
  groups = groups.filter((g) => !merged.has(g));

  // 3. single-part references: attach to the one multi-part person they name (same article first)
  const persons = groups.filter((g) => g.parts.length >= 2 && g.parts.length <= 4 && g.type === 'person');
  for (const g of groups.filter((x) => x.parts.length === 1 && x.type !== 'place' && x.type !== 'org')) {
    const token = g.parts[0];
    const matches = persons.filter((p) => partsMatch(p.parts[p.parts.length - 1], token) || partsMatch(p.parts[0], token));
    if (matches.length === 0) continue;
    const remaining: Mention[] = [];
    for (const m of g.mentions) {
      const local = matches.filter((p) => p.mentions.some((x) => x.articleId === m.articleId));
      const target = local.length === 1 ? local[0] : local.length === 0 && matches.length === 1 ? matches[0] : null;
      if (target) target.mentions.push(m);
      else remaining.push(m);
    }
    g.mentions = remaining;
  }
  groups = groups.filter((g) => g.mentions.length > 0);

  // 4. build entities
  return groups
    .map((g) => {
      const forms = new Map<string, { count: number; articles: Set<string> }>();
      for (const m of g.mentions) {
        const f = forms.get(m.surface) ?? forms.set(m.surface, { count: 0, articles: new Set() }).get(m.surface)!;
        f.count++;
        f.articles.add(m.articleId);
      }
      const aliases = [...forms.entries()]
        .map(([form, v]) => ({ form, count: v.count, articleIds: [...v.articles].sort() }))
        .sort((a, b) => b.articleIds.length - a.articleIds.length || b.count - a.count || b.form.split(' ').length - a.form.split(' ').length);
      // canonical: the multi-part form used by most articles, else the most frequent
      const full = aliases.filter((a) => a.form.split(' ').length === Math.max(...aliases.map((x) => x.form.split(' ').length)));
      const name = (g.type === 'person' ? full[0] : aliases[0]).form;
      const articleIds = [...new Set(g.mentions.map((m) => m.articleId))].sort();
      return { id: shortId('en-', name.toLowerCase() + '|' + g.type), name, type: g.type === 'other' && g.parts.length === 1 && PLACES.has(name.toLowerCase()) ? 'place' : g.type, aliases, mentions: g.mentions, articleIds } as Entity;
    })
    .sort((a, b) => b.articleIds.length - a.articleIds.length || b.mentions.length - a.mentions.length || a.name.localeCompare(b.name));
}

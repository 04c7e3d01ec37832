// Entities: mentions merged by rules — transliteration folding (Shoygu = Shoigu, Andrey = Andrei), small
// edit distances on the surname of multi-part person names whose given names agree (Belausov = Belousov),
// and surname/given-name references (Putin = Vladimir Putin). Given names that differ never merge
// (Osama is not Barack Obama), and a word used as a place is never attached to a person.
import { levenshtein, stripDiacritics, shortId } from '../nlp/text.ts';
import { PLACES } from './lexicon.ts';
import type { Entity, EntityType, Mention } from '../model/entity.ts';

export { extractMentions } from './mentions.ts';

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
  // a place's name followed by a plural ("Indianapolis Colts", "Houston Texans") names a team or a group of people
  const places = new Set([...PLACES, ...groups.filter((g) => g.type === 'place').map((g) => g.parts.join(' ').toLowerCase())]);
  for (const g of groups)
    if (g.type !== 'org' && g.type !== 'place' && g.parts.length >= 2 && /\p{Ll}s$/u.test(g.parts[g.parts.length - 1]) && places.has(g.parts.slice(0, -1).join(' ').toLowerCase())) g.type = 'org';

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
        // the given name must be the same name (Andrei = Andrey); only the rest may be spelt differently
        if (nameKey(A.parts[0]) === nameKey(B.parts[0]) && A.parts.every((p, k) => partsMatch(p, B.parts[k]))) {
          A.mentions.push(...B.mentions);
          if (B.type === 'person') A.type = 'person';
          merged.add(B);
        }
      }
    }
  }
  groups = groups.filter((g) => !merged.has(g));

  // 3. single-part references: attach to the one multi-part person they name (same article first); a
  // surname may be misspelt when it is long, a given name must match (Osama is not Obama)
  const persons = groups.filter((g) => g.parts.length >= 2 && g.parts.length <= 4 && g.type === 'person');
  const givenNames = new Set(persons.map((p) => nameKey(p.parts[0])));
  const names = (token: string, part: string, surname: boolean) =>
    nameKey(part) === nameKey(token) || (surname && !givenNames.has(nameKey(token)) && Math.min(token.length, part.length) >= 7 && partsMatch(part, token));
  for (const g of groups.filter((x) => x.parts.length === 1 && x.type !== 'place' && x.type !== 'org')) {
    const token = g.parts[0];
    const matches = persons.filter((p) => names(token, p.parts[p.parts.length - 1], true) || names(token, p.parts[0], false));
    if (matches.length === 0) continue;
    const remaining: Mention[] = [];
    for (const m of g.mentions) {
      // "in Jordan" is the country even where a Michael Jordan is named
      if (m.typeHint === 'place') {
        remaining.push(m);
        continue;
      }
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
      // the id follows the spelling-folded name, so a change of the form most articles use (Andrey -> Andrei) keeps it
      return { id: shortId('en-', name.split(/\s+/).map(nameKey).join(' ') + '|' + g.type), name, type: g.type === 'other' && g.parts.length === 1 && PLACES.has(name.toLowerCase()) ? 'place' : g.type, aliases, mentions: g.mentions, articleIds } as Entity;
    })
    .sort((a, b) => b.articleIds.length - a.articleIds.length || b.mentions.length - a.mentions.length || a.name.localeCompare(b.name));
}

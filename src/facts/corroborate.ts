// Facts (claims, figures, quotes, roles) per event, matched across articles, with corroboration
// counted over INDEPENDENT sources only: an article and its copies form one source, and so do
// articles of one outlet.
import type { PreparedArticle } from '../analysis/prepare.ts';
import type { Entity } from '../entities/resolve.ts';
import { extractFigures, figuresConflict, type Figure } from './figures.ts';
import { shortId, words } from '../nlp/text.ts';
import { DEMONYMS, PERSON_TITLES, QUALIFIERS } from '../entities/lexicon.ts';
import { publishedTime } from '../model/article.ts';

export type FactKind = 'quote' | 'figure' | 'claim' | 'role';
export type FactStatus = 'corroborated' | 'single-source' | 'contradicted';

export interface Citation {
  articleId: string;
  sentence: number;
  text: string;
}

export interface Fact {
  id: string;
  eventId: string;
  kind: FactKind;
  text: string;
  status: FactStatus;
  /** number of independent sources (provenance groups) reporting it */
  independentSources: number;
  /** article ids per independent source; the first of each group is the original */
  sourceGroups: string[][];
  citations: Citation[];
  figures: Figure[];
  entityIds: string[];
  /** ids of contradictions this fact takes part in */
  contradictionIds: string[];
  /** for quotes: the quoted words and who said them, when the text says */
  quote: { text: string; speaker: string | null } | null;
}

export interface Contradiction {
  id: string;
  eventId: string;
  kind: 'figure' | 'role';
  topic: string;
  sides: Array<{ claim: string; articleIds: string[]; independentSources: number; citations: Citation[] }>;
}

interface Cand {
  key: string;
  articleId: string;
  sentence: number;
  text: string;
  tokens: Set<string>;
  kind: FactKind;
  figures: Figure[];
  entityIds: string[];
  quote: { text: string; speaker: string | null } | null;
}

/** weighted overlap needed for two sentences to state the same fact, and the combined (overlap+dice)/2 score */
const MATCH = 0.45;
const MATCH_COMBINED = 0.44;

/** The longest quoted span of four or more words, if any. */
export function extractQuote(text: string): string | null {
  let best: string | null = null;
  for (const m of text.matchAll(/[“"«]([^”"»]{15,})[”"»]/g)) {
    const q = m[1].trim().replace(/[,.]$/, '');
    if (q.split(/\s+/).length >= 4 && (!best || q.length > best.length)) best = q;
  }
  // a quote running to the end of a paragraph without its closing mark
  if (!best) {
    const open = /^[“"«]([^”"»]{15,})$/.exec(text.trim());
    if (open && open[1].split(/\s+/).length >= 4) best = open[1].trim();
  }
  return best;
}

const SAY = '(?:said|says|told|stated|added|noted|warned|argued|wrote|remarked|insisted|explained|claimed|declared|stressed|according to)';

/** Who is quoted: a person named next to a verb of saying, the only person named beside a verb of saying, or — for "he said" — the last person named just before. Names inside the quotation do not count. */
export interface Speaker {
  name: string;
  surface: string;
  /** an untyped name: only taken when the text ties it to a verb of saying */
  weak?: boolean;
}

export function findSpeaker(text: string, persons: Speaker[], previous: Speaker[]): string | null {
  const outside = text.replace(/[“"«][^”"»]*[”"»]/g, ' … ').replace(/^[“"«][^”"»]*$/, ' … ');
  const esc = (x: string) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const present = persons.filter((p) => outside.includes(p.surface));
  const saysSomething = new RegExp(`(?<![\\w-])${SAY}\\b`, 'i').test(outside);
  for (const p of present) {
    const sf = esc(p.surface);
    // “…,” Boris Bondarev, a Russian diplomat …, told reporters.
    if (saysSomething && new RegExp(`…\\s*,?\\s*${sf}\\b`, 'u').test(outside)) return p.name;
    if (new RegExp(`${sf}(?:[’']s)?\\s*,?\\s+${SAY}\\b|\\b${SAY}\\s+(?:[\\p{L}.,-]+\\s+){0,6}?${sf}\\b`, 'u').test(outside)) return p.name;
  }
  const saying = new RegExp(`(?<![\\w-])${SAY}\\b|(?<![\\w-])(?:called|described|referred)\\b`, 'i').test(outside);
  const unique = [...new Set(present.filter((p) => !p.weak).map((p) => p.name))];
  if (unique.length === 1 && saying) return unique[0];
  if (!present.some((p) => !p.weak) && new RegExp(`\\b(?:he|she)\\s+${SAY}\\b|\\b${SAY}\\s+(?:he|she)\\b`, 'i').test(outside) && previous.length) return previous[previous.length - 1].name;
  return null;
}

/** Union-find over copy relations and shared outlets: each root is one independent source. */
export function independenceGroups(articles: PreparedArticle[], copies: Array<{ copyId: string; sourceId: string }>): Map<string, string> {
  const parent = new Map<string, string>();
  for (const a of articles) parent.set(a.article.id, a.article.id);
  const find = (x: string): string => {
    const p = parent.get(x)!;
    if (p === x) return x;
    const r = find(p);
    parent.set(x, r);
    return r;
  };
  const union = (a: string, b: string) => {
    if (!parent.has(a) || !parent.has(b)) return;
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(rb, ra);
  };
  for (const c of copies) union(c.sourceId, c.copyId);
  const byOutlet = new Map<string, string>();
  for (const a of articles) {
    const o = a.article.outlet?.trim().toLowerCase();
    if (!o) continue;
    if (byOutlet.has(o)) union(byOutlet.get(o)!, a.article.id);
    else byOutlet.set(o, a.article.id);
  }
  const out = new Map<string, string>();
  for (const a of articles) out.set(a.article.id, find(a.article.id));
  return out;
}

function normRole(words_: string[]): { role: string; country: string | null; qualifier: string | null } {
  let country: string | null = null;
  let qualifier: string | null = null;
  const rest: string[] = [];
  for (const w of words_) {
    const lw = w.toLowerCase();
    if (QUALIFIERS.has(lw)) qualifier = qualifier ?? lw;
    else if (DEMONYMS.has(lw)) country = DEMONYMS.get(lw)!;
    else rest.push(lw === 'defence' ? 'defense' : lw);
  }
  return { role: rest.join(' '), country, qualifier };
}

const PAST_QUALIFIERS = new Set(['former', 'ex', 'then', 'late', 'outgoing']);

export function analyzeFacts(eventId: string, articles: PreparedArticle[], entities: Entity[], groupOf: Map<string, string>): { facts: Fact[]; contradictions: Contradiction[] } {
  const ids = new Set(articles.map((a) => a.article.id));
  const byId = new Map(articles.map((a) => [a.article.id, a]));
  // entity ids and named persons per (article, sentence)
  const sentEntities = new Map<string, Set<string>>();
  const sentPersons = new Map<string, Speaker[]>();
  let lastSpeaker: { articleId: string; para: number; name: string } | null = null;
  for (const e of entities)
    for (const m of e.mentions) {
      if (!ids.has(m.articleId)) continue;
      const k = `${m.articleId}:${m.sentence}`;
      (sentEntities.get(k) ?? sentEntities.set(k, new Set()).get(k)!).add(e.id);
      // possible speakers: people, and multi-part names the rules could not type
      if (e.type === 'person' || (e.type === 'other' && e.name.includes(' '))) (sentPersons.get(k) ?? sentPersons.set(k, []).get(k)!).push({ name: e.name, surface: m.surface, weak: e.type !== 'person' });
    }
  const quoteOf = (a: PreparedArticle, i: number, text: string) => {
    const q = extractQuote(text);
    if (!q) return null;
    const id = a.article.id;
    // "he said": the last person named earlier in the paragraph (or at the end of the one before)
    const previous: Speaker[] = [];
    for (let j = i - 1; j >= Math.max(0, i - 6); j--) {
      const ps = (sentPersons.get(`${id}:${j}`) ?? []).filter((p) => !p.weak);
      previous.unshift(...ps);
      if (ps.length || a.sentences[j].para !== a.sentences[i].para) break;
    }
    // …but whoever was quoted last in this paragraph or the one before is the likelier "he"
    const para = a.sentences[i].para;
    if (lastSpeaker && lastSpeaker.articleId === id && para - lastSpeaker.para <= 1) previous.push({ name: lastSpeaker.name, surface: lastSpeaker.name, weak: false });
    let speaker = findSpeaker(text, sentPersons.get(`${id}:${i}`) ?? [], previous);
    // a quotation running over several sentences names its speaker where it closes
    if (!speaker && /^[“"«][^”"»]*$/.test(text.trim())) {
      for (let j = i + 1; j < Math.min(a.sentences.length, i + 6); j++) {
        const t = a.sentences[j].text;
        const close = t.search(/[”"»]/);
        if (close < 0) continue;
        if (a.sentences[j].para === a.sentences[i].para) speaker = findSpeaker(t.slice(close + 1), sentPersons.get(`${id}:${j}`) ?? [], previous);
        break;
      }
    }
    // a sentence that is all quotation continues the last speaker's words
    if (!speaker && lastSpeaker && lastSpeaker.articleId === id && lastSpeaker.para === para && !/[\p{L}]/u.test(text.replace(/[“"«][^”"»]*([”"»]|$)/gu, ''))) speaker = lastSpeaker.name;
    if (speaker) lastSpeaker = { articleId: id, para, name: speaker };
    return { text: q, speaker };
  };
  // 1. candidate sentences
  const cands: Cand[] = [];
  for (const a of articles) {
    a.sentences.forEach((s, i) => {
      const toks = a.sentSets[i];
      if (toks.size < 5 || /\?\s*$/.test(s.text) || s.text.length > 600) return;
      const ents = [...(sentEntities.get(`${a.article.id}:${i}`) ?? [])];
      const figures = extractFigures(s.text);
      const quote = quoteOf(a, i, s.text);
      if (!ents.length && !figures.length && !quote) return;
      cands.push({ key: `${a.article.id}:${i}`, articleId: a.article.id, sentence: i, text: s.text, tokens: toks, kind: quote ? 'quote' : figures.length ? 'figure' : 'claim', figures, entityIds: ents, quote });
    });
  }
  // 2. token weights over the event's sentences
  const df = new Map<string, number>();
  for (const c of cands) for (const t of c.tokens) df.set(t, (df.get(t) ?? 0) + 1);
  const S = cands.length || 1;
  const w = (t: string) => Math.log(1 + S / (df.get(t) ?? 1));
  const mass = new Map(cands.map((c) => [c.key, [...c.tokens].reduce((s, t) => s + w(t), 0)]));
  // 3. candidate pairs through an inverted index
  const index = new Map<string, number[]>();
  cands.forEach((c, i) => c.tokens.forEach((t) => (index.get(t) ?? index.set(t, []).get(t)!).push(i)));
  const pairs: Array<{ i: number; j: number; sim: number }> = [];
  cands.forEach((c, i) => {
    const shared = new Map<number, number>();
    for (const t of c.tokens) {
      const post = index.get(t)!;
      if (post.length > 200) continue;
      for (const j of post) if (j > i && cands[j].articleId !== c.articleId) shared.set(j, (shared.get(j) ?? 0) + 1);
    }
    for (const [j, n] of shared) {
      if (n < 3) continue;
      const d = cands[j];
      let sw = 0;
      for (const t of c.tokens) if (d.tokens.has(t)) sw += w(t);
      const overlap = sw / Math.min(mass.get(c.key)!, mass.get(d.key)!);
      const dice = (2 * n) / (c.tokens.size + d.tokens.size);
      const sim = (overlap + dice) / 2;
      if (overlap >= MATCH && dice >= 0.3 && sim >= MATCH_COMBINED) pairs.push({ i, j, sim });
    }
  });
  // 4. greedy clustering, at most one sentence per article in a fact
  pairs.sort((a, b) => b.sim - a.sim);
  const cluster = cands.map((_, i) => i);
  const members = new Map<number, number[]>(cands.map((_, i) => [i, [i]]));
  const root = (x: number): number => (cluster[x] === x ? x : (cluster[x] = root(cluster[x])));
  for (const p of pairs) {
    const ra = root(p.i);
    const rb = root(p.j);
    if (ra === rb) continue;
    const A = members.get(ra)!;
    const B = members.get(rb)!;
    const arts = new Set(A.map((k) => cands[k].articleId));
    if (B.some((k) => arts.has(cands[k].articleId))) continue;
    cluster[rb] = ra;
    members.set(ra, [...A, ...B]);
    members.delete(rb);
  }
  // 5. facts
  const facts: Fact[] = [];
  const contradictions: Contradiction[] = [];
  const pubOrder = (id: string) => publishedTime(byId.get(id)?.article.publishedAt);
  for (const mem of members.values()) {
    const cs = mem.map((k) => cands[k]);
    const groups = new Map<string, string[]>();
    for (const c of cs) {
      const g = groupOf.get(c.articleId) ?? c.articleId;
      (groups.get(g) ?? groups.set(g, []).get(g)!).push(c.articleId);
    }
    // the group root (original) first inside each group
    const sourceGroups = [...groups.entries()].map(([g, arr]) => [...new Set(arr)].sort((a, b) => (a === g ? -1 : b === g ? 1 : pubOrder(a) - pubOrder(b)))).sort((a, b) => a[0].localeCompare(b[0]));
    // salient single-source facts only: figures, quotes, or claims naming two or more entities
    if (sourceGroups.length === 1) {
      const c0 = cs[0];
      if (c0.kind === 'claim' && new Set(cs.flatMap((c) => c.entityIds)).size < 2) continue;
    }
    const originals = new Set(sourceGroups.map((g) => g[0]));
    const rep = cs.find((c) => originals.has(c.articleId) && c.articleId === sourceGroups[0][0]) ?? cs[0];
    const kind: FactKind = rep.kind;
    const fact: Fact = {
      id: shortId('fa-', eventId + '|' + cs.map((c) => c.key).sort().join(',')),
      eventId,
      kind,
      text: rep.text,
      status: sourceGroups.length >= 2 ? 'corroborated' : 'single-source',
      independentSources: sourceGroups.length,
      sourceGroups,
      citations: cs.map((c) => ({ articleId: c.articleId, sentence: c.sentence, text: c.text })).sort((a, b) => a.articleId.localeCompare(b.articleId)),
      figures: rep.figures,
      entityIds: [...new Set(cs.flatMap((c) => c.entityIds))],
      contradictionIds: [],
      quote: rep.quote ?? cs.find((c) => c.quote)?.quote ?? null,
    };
    // figure disagreements between independent sources about the same statement
    if (sourceGroups.length >= 2) {
      const conflict = findFigureConflict(cs, groupOf);
      if (conflict) {
        const id = shortId('co-', fact.id);
        contradictions.push({ id, eventId, kind: 'figure', topic: `${conflict.unit.replace(/^count:/, 'number of ').replace(/^money:/, 'amount in ')}: ${rep.text.slice(0, 120)}`, sides: conflict.sides });
        fact.status = 'contradicted';
        fact.contradictionIds.push(id);
      }
    }
    facts.push(fact);
  }
  // 6. roles: who holds which office, according to whom
  const role = analyzeRoles(eventId, articles, entities, groupOf);
  facts.push(...role.facts);
  contradictions.push(...role.contradictions);
  const order: Record<FactStatus, number> = { contradicted: 0, corroborated: 1, 'single-source': 2 };
  facts.sort((a, b) => order[a.status] - order[b.status] || b.independentSources - a.independentSources || b.citations.length - a.citations.length || a.id.localeCompare(b.id));
  return { facts, contradictions };
}

function findFigureConflict(cs: Cand[], groupOf: Map<string, string>): { unit: string; sides: Contradiction['sides'] } | null {
  for (let a = 0; a < cs.length; a++)
    for (let b = a + 1; b < cs.length; b++) {
      const A = cs[a];
      const B = cs[b];
      if ((groupOf.get(A.articleId) ?? A.articleId) === (groupOf.get(B.articleId) ?? B.articleId)) continue;
      for (const fa of A.figures) {
        const same = B.figures.filter((fb) => fb.unit === fa.unit);
        if (!same.length || same.some((fb) => !figuresConflict(fa, fb))) continue;
        // every figure of that unit disagrees, and neither sentence mentions the other's value
        if (A.figures.filter((f) => f.unit === fa.unit).some((f) => same.some((fb) => !figuresConflict(f, fb)))) continue;
        const sides = [A, B].map((c) => {
          const g = groupOf.get(c.articleId) ?? c.articleId;
          const inGroup = cs.filter((x) => (groupOf.get(x.articleId) ?? x.articleId) === g);
          return {
            claim: c.figures.filter((f) => f.unit === fa.unit).map((f) => f.raw).join(', '),
            articleIds: inGroup.map((x) => x.articleId),
            independentSources: 1,
            citations: inGroup.map((x) => ({ articleId: x.articleId, sentence: x.sentence, text: x.text })),
          };
        });
        return { unit: fa.unit, sides };
      }
    }
  return null;
}

function analyzeRoles(eventId: string, articles: PreparedArticle[], entities: Entity[], groupOf: Map<string, string>): { facts: Fact[]; contradictions: Contradiction[] } {
  const ids = new Set(articles.map((a) => a.article.id));
  const byId = new Map(articles.map((a) => [a.article.id, a]));
  // role -> entity -> citations of current holders
  const holders = new Map<string, Map<string, { entity: Entity; country: Set<string>; cites: Citation[] }>>();
  for (const e of entities) {
    if (e.type !== 'person') continue;
    for (const m of e.mentions) {
      if (!ids.has(m.articleId) || !m.title) continue;
      const { role, country, qualifier } = normRole(words(m.title).length ? m.title.split(/\s+/) : []);
      const rw = role.split(' ').filter(Boolean);
      if (rw.length < 2 || !rw.some((x) => PERSON_TITLES.has(x)) || (qualifier && PAST_QUALIFIERS.has(qualifier))) continue;
      if (/counterpart|expert|analyst|columnist|commentator|reporter/.test(role)) continue;
      const r = holders.get(role) ?? holders.set(role, new Map()).get(role)!;
      const h = r.get(e.id) ?? r.set(e.id, { entity: e, country: new Set(), cites: [] }).get(e.id)!;
      if (country) h.country.add(country);
      const text = byId.get(m.articleId)!.sentences[m.sentence]?.text ?? '';
      if (!h.cites.some((c) => c.articleId === m.articleId)) h.cites.push({ articleId: m.articleId, sentence: m.sentence, text });
    }
  }
  const facts: Fact[] = [];
  const contradictions: Contradiction[] = [];
  const groupsOf = (cites: Citation[]) => {
    const g = new Map<string, string[]>();
    for (const c of cites) {
      const k = groupOf.get(c.articleId) ?? c.articleId;
      (g.get(k) ?? g.set(k, []).get(k)!).push(c.articleId);
    }
    return [...g.entries()].map(([k, arr]) => [...new Set(arr)].sort((a, b) => (a === k ? -1 : b === k ? 1 : a.localeCompare(b))));
  };
  for (const [role, hs] of holders) {
    const list = [...hs.values()];
    const roleFacts = list.map((h) => {
      const sg = groupsOf(h.cites);
      const title = titleCase(role);
      const f: Fact = {
        id: shortId('fa-', `${eventId}|role|${role}|${h.entity.id}`),
        eventId,
        kind: 'role',
        text: `${h.entity.name} is ${title}`,
        status: sg.length >= 2 ? 'corroborated' : 'single-source',
        independentSources: sg.length,
        sourceGroups: sg,
        citations: h.cites,
        figures: [],
        entityIds: [h.entity.id],
        contradictionIds: [],
        quote: null,
      };
      return { f, h };
    });
    // two different people said to hold the same single-holder office of one government: a portfolio
    // (Defense Minister) unless their countries differ, or any office when both are said to be of one country
    const sameCountry = (a: Set<string>, b: Set<string>) => [...a].some((c) => b.has(c));
    const portfolio = singleHolderPortfolio(role);
    const conflicting = SHARED_OFFICE.test(role)
      ? []
      : roleFacts.filter((x, _, arr) =>
          arr.some((y) => y !== x && (sameCountry(x.h.country, y.h.country) || (portfolio && !(x.h.country.size && y.h.country.size)))),
        );
    if (conflicting.length >= 2) {
      const id = shortId('co-', `${eventId}|role|${role}`);
      contradictions.push({
        id,
        eventId,
        kind: 'role',
        topic: `who is ${titleCase(role)}`,
        sides: conflicting
          .sort((a, b) => b.f.independentSources - a.f.independentSources)
          .map(({ f, h }) => ({ claim: h.entity.name, articleIds: h.cites.map((c) => c.articleId), independentSources: f.independentSources, citations: h.cites })),
      });
      for (const { f } of conflicting) {
        f.status = 'contradicted';
        f.contradictionIds.push(id);
      }
    }
    facts.push(...roleFacts.map((x) => x.f));
  }
  return { facts, contradictions };
}

const SMALL_WORDS = new Set(['of', 'the', 'for', 'and', 'on', 'in', 'to']);
function titleCase(s: string): string {
  return s
    .split(' ')
    .map((w, i) => (i > 0 && SMALL_WORDS.has(w) ? w : w.replace(/^\p{Ll}/u, (c) => c.toUpperCase())))
    .join(' ');
}

/** Offices several people hold at once: never a contradiction when two are named. */
const SHARED_OFFICE = /\b(deputy|vice|assistant|adviser|advisor|aide|spokes\w*|official|member|envoy|ambassador|councill?or|senator|representative|governor|mayor|judge|commander|general|director|head|chief|expert|analyst|reporter|columnist|commentator|correspondent|editor)\b/;
const PORTFOLIOS = /\b(defen[sc]e|foreign|finance|interior|economy|economic|health|justice|education|energy|trade|agriculture|transport|labou?r|environment|culture|treasury|state|home|war|emergenc\w*|industry|digital|security)\b/;

/** A ministry-like portfolio held by one person per government. */
function singleHolderPortfolio(role: string): boolean {
  return PORTFOLIOS.test(role) && /\b(minister|secretary)\b/.test(role);
}

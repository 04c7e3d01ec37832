// Facts of an event, matched across articles by meaning, with corroboration counted over INDEPENDENT
// sources only. Two sentences state the same fact when they agree on who or what (the same resolved
// people and organisations), on what happened (a shared verb), on their figures, and — for quotations —
// on who spoke; word overlap alone never makes a match.
import type { PreparedArticle } from '../model/prepared.ts';
import type { Contradiction, Fact, FactKind, FactStatus } from '../model/fact.ts';
import { contentTokens, shortId } from '../nlp/text.ts';
import { factCandidates, type Cand } from './candidates.ts';
import { comparable, differ } from './quantities.ts';
import { findDisputes } from './disputes.ts';
import { analyzeRoles } from './roles.ts';
import { dice } from '../copy/align.ts';
import { publishedTime } from '../model/article.ts';
import type { Entity } from '../model/entity.ts';
export { extractQuote, findSpeaker, type Speaker } from './quotes.ts';

/** weighted overlap needed for two sentences to state the same fact, and the combined (overlap+dice)/2 score */
const MATCH = 0.45;
const MATCH_COMBINED = 0.44;
/** quoted words two reports of one speaker's quotation share (the sentences around them may differ) */
const QUOTE_MATCH = 0.6;

export interface FactSources {
  /** the independent source one sentence speaks for */
  sentenceGroup(articleId: string, sentence: number): string;
  /** a readable name for a source key */
  name?(key: string): string;
  /** whether an article is a copy of another (originals are listed first in their source) */
  isCopy?(articleId: string): boolean;
}

/** Same speaker, same quoted words: the only way two quotations corroborate each other. */
function sameQuote(c: Cand, d: Cand): boolean {
  if (!c.quote || !d.quote) return false;
  const similar = dice(quoteWords(c.quote.text), quoteWords(d.quote.text));
  if (c.quote.speaker && d.quote.speaker) return c.quote.speaker === d.quote.speaker && similar >= QUOTE_MATCH;
  return similar >= 0.8;
}

const meets = (a: Set<string>, b: Set<string>) => [...a].some((x) => b.has(x));

/** Whether two similar sentences state the same thing (their words already overlap enough). */
export function sameStatement(c: Cand, d: Cand): boolean {
  if (c.quote && d.quote) return sameQuote(c, d);
  // a report that lost the quotation marks still repeats the same words
  if (c.quote || d.quote) {
    const [q, other] = c.quote ? [c, d] : [d, c];
    const words = quoteWords(q.quote!.text);
    return words.size >= 3 && [...words].filter((t) => other.tokens.has(t)).length >= 0.8 * words.size;
  }
  if (c.persons.size && d.persons.size && !meets(c.persons, d.persons)) return false;
  if (c.actors.size && d.actors.size && !meets(c.actors, d.actors)) return false;
  // what happened: a verb of one in the other, or a predicate told in the same ordinary words ("first visit after re-election")
  if (c.verbs.size && d.verbs.size && !meets(c.verbs, d.tokens) && !meets(d.verbs, c.tokens) && [...c.plain].filter((t) => d.plain.has(t)).length < 3) return false;
  // a figure is part of what is stated: the other sentence must give the same figure
  return agreeOnFigures(c, d) && agreeOnFigures(d, c);
}

function agreeOnFigures(c: Cand, d: Cand): boolean {
  for (const p of c.quantities) {
    const same = d.quantities.filter((q) => comparable(p, c, q, d));
    if (!same.length && p.typed) return false;
    if (same.length && same.every((q) => differ(p.figure.value, q.figure.value))) return false;
  }
  return true;
}

const quoteWords = (q: string) => new Set(contentTokens(q));

export function analyzeFacts(
  eventId: string,
  articles: PreparedArticle[],
  entities: Entity[],
  sources: FactSources,
  furniture?: Map<string, Set<number>>,
): { facts: Fact[]; contradictions: Contradiction[] } {
  const byId = new Map(articles.map((a) => [a.article.id, a]));
  const cands = factCandidates({ articles, entities, furniture });
  const groupOf = (c: { articleId: string; sentence: number }) => sources.sentenceGroup(c.articleId, c.sentence);
  // token weights over the event's sentences
  const df = new Map<string, number>();
  for (const c of cands) for (const t of c.tokens) df.set(t, (df.get(t) ?? 0) + 1);
  const S = cands.length || 1;
  const w = (t: string) => Math.log(1 + S / (df.get(t) ?? 1));
  const mass = new Map(cands.map((c) => [c.key, [...c.tokens].reduce((s, t) => s + w(t), 0)]));
  // candidate pairs through an inverted index, kept when the words overlap and the meaning agrees
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
      const dc = (2 * n) / (c.tokens.size + d.tokens.size);
      const sim = (overlap + dc) / 2;
      if (overlap >= MATCH && dc >= 0.3 && sim >= MATCH_COMBINED && sameStatement(c, d)) pairs.push({ i, j, sim });
    }
  });
  // one speaker's quotation reported by several sources matches on its quoted words
  const quotes = cands.map((c, i) => ({ c, i })).filter((x) => x.c.quote?.speaker);
  for (const x of quotes)
    for (const y of quotes)
      if (x.i < y.i && x.c.articleId !== y.c.articleId && sameQuote(x.c, y.c) && !pairs.some((p) => p.i === x.i && p.j === y.i))
        pairs.push({ i: x.i, j: y.i, sim: dice(quoteWords(x.c.quote!.text), quoteWords(y.c.quote!.text)) });
  // greedy clustering, at most one sentence per article in a fact
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
    // every member must agree with every other: no chain from "five killed" to "seven killed"
    if (!A.every((x) => B.every((y) => sameStatement(cands[x], cands[y])))) continue;
    cluster[rb] = ra;
    members.set(ra, [...A, ...B]);
    members.delete(rb);
  }
  // originals before copies, then by publication instant (offsets as written, so compared as times, not strings)
  const pubOrder = (a: string, b: string) => {
    const copy = Number(sources.isCopy?.(a) ?? false) - Number(sources.isCopy?.(b) ?? false);
    const [ta, tb] = [a, b].map((id) => publishedTime(byId.get(id)?.article.publishedAt));
    return copy || (ta === tb ? 0 : ta < tb ? -1 : 1);
  };
  const facts: Fact[] = [];
  for (const mem of members.values()) {
    const cs = mem.map((k) => cands[k]);
    const groups = new Map<string, string[]>();
    for (const c of cs) (groups.get(groupOf(c)) ?? groups.set(groupOf(c), []).get(groupOf(c))!).push(c.articleId);
    // each group's original (else earliest) article first, groups by their first article
    const sourceGroups = [...groups.values()].map((arr) => [...new Set(arr)].sort((a, b) => pubOrder(a, b) || a.localeCompare(b))).sort((a, b) => pubOrder(a[0], b[0]) || a[0].localeCompare(b[0]));
    // salient single-source facts only: figures, quotes, or claims naming two or more entities
    if (sourceGroups.length === 1 && cs[0].kind === 'claim' && new Set(cs.flatMap((c) => c.entityIds)).size < 2) continue;
    const rep = cs.find((c) => c.articleId === sourceGroups[0][0]) ?? cs[0];
    const kind: FactKind = rep.kind;
    facts.push({
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
    });
  }
  // disagreements over figures (and updates of one source's figure), marked on the facts that state them
  const contradictions = findDisputes(eventId, cands, groupOf, (id) => byId.get(id)?.article.publishedAt ?? null, sources.name);
  const factOf = new Map<string, Fact>();
  for (const f of facts) for (const c of f.citations) factOf.set(`${c.articleId}:${c.sentence}`, f);
  for (const x of contradictions)
    for (const s of x.sides)
      for (const c of s.citations) {
        const f = factOf.get(`${c.articleId}:${c.sentence}`);
        if (!f || f.contradictionIds.includes(x.id)) continue;
        f.contradictionIds.push(x.id);
        if (x.kind === 'figure') f.status = 'contradicted';
      }
  const role = analyzeRoles(eventId, articles, entities, (id, s) => sources.sentenceGroup(id, s), sources.name);
  facts.push(...role.facts);
  contradictions.push(...role.contradictions);
  const order: Record<FactStatus, number> = { contradicted: 0, corroborated: 1, 'single-source': 2 };
  facts.sort((a, b) => order[a.status] - order[b.status] || b.independentSources - a.independentSources || b.citations.length - a.citations.length || a.id.localeCompare(b.id));
  return { facts, contradictions };
}

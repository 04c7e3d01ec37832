// Who holds which office, according to whom: a person titled with a single-holder office by two
// independent sources and another person titled with it by a third is a contradiction.
import { comparePublished } from '../model/article.ts';
import type { PreparedArticle } from '../model/prepared.ts';
import type { Citation, Contradiction, Fact } from '../model/fact.ts';
import { shortId, words } from '../nlp/text.ts';
import { DEMONYMS, PERSON_TITLES, QUALIFIERS } from '../entities/lexicon.ts';
import type { Entity } from '../model/entity.ts';

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

export function analyzeRoles(
  eventId: string,
  articles: PreparedArticle[],
  entities: Entity[],
  groupOf: (articleId: string, sentence: number) => string,
  name: (key: string) => string = (k) => k,
): { facts: Fact[]; contradictions: Contradiction[] } {
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
  const pub = (id: string) => byId.get(id)?.article.publishedAt;
  const groupsOf = (cites: Citation[]) => {
    const g = new Map<string, string[]>();
    for (const c of cites) {
      const k = groupOf(c.articleId, c.sentence);
      (g.get(k) ?? g.set(k, []).get(k)!).push(c.articleId);
    }
    return [...g.values()].map((arr) => [...new Set(arr)].sort((a, b) => comparePublished(pub(a), pub(b)) || a.localeCompare(b)));
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
          .map(({ f, h }) => ({
            claim: h.entity.name,
            articleIds: h.cites.map((c) => c.articleId),
            independentSources: f.independentSources,
            citations: h.cites,
            sources: [...new Set(h.cites.map((c) => name(groupOf(c.articleId, c.sentence))))],
          })),
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

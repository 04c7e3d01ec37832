// Independent sources. A wire story is one source — the agency — wherever it is republished; an outlet's
// own reporting is another, separate from the wire copy the same outlet also runs; an uncredited copy
// belongs to the source of what it copies; sentences lifted into an otherwise own article belong to the
// source they were lifted from.
import { comparePublished } from '../model/article.ts';
import { detectCredit, agencyOf, type Credit, type CreditInput } from './credits.ts';
import { outletKeys } from './outlets.ts';

export interface SourceArticle extends CreditInput {
  id: string;
  label: string;
  url: string | null;
  publishedAt: string | null;
}

export interface CopyLink {
  copyId: string;
  sourceId: string;
  kind: string;
  sentencePairs: Array<{ source: number; copy: number; similarity: number }>;
}

/** Source keys: `org:AP` (credited organisation), `outlet:daily herald` (own reporting), `article:<id>`. */
export interface SourceMap {
  /** article id -> key of the source it speaks for */
  groupOf: Map<string, string>;
  /** the source of one sentence: a sentence lifted from another article speaks for that article's source */
  sentenceGroup(articleId: string, sentence: number): string;
  credits: Map<string, Credit>;
}

const normOutlet = (s: string) => s.toLowerCase().replace(/^the\s+/, '').replace(/\s+/g, ' ').trim();

/** A sentence of a partial copy this close to its source was lifted, not told anew. */
const LIFTED = 0.8;

/** Full copies (not partial ones) join an article to the source of the text it carries. */
const FULL = new Set(['verbatim', 'rewritten']);

export function sourceGroups(articles: SourceArticle[], copies: CopyLink[]): SourceMap {
  const byId = new Map(articles.map((a) => [a.id, a]));
  const outlets = outletKeys(articles);
  const site = (a: SourceArticle) => outlets.get(a.id) ?? null;
  const credits = new Map<string, Credit>();
  const explicit = new Map<string, string>();
  for (const a of articles) {
    const c = detectCredit(a);
    if (!c) continue;
    credits.set(a.id, c);
    // a credit naming the outlet itself ("(CNN)" on CNN's site) is its own reporting
    const own = site(a);
    if (!own || normOutlet(c.org) !== own || c.agency) explicit.set(a.id, `org:${c.agency ? c.org : c.org.replace(/^the\s+/i, '')}`);
  }
  // copy components over full copies; two articles credited to different organisations never join
  const parent = new Map(articles.map((a) => [a.id, a.id]));
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  const origins = new Map<string, Set<string>>();
  for (const a of articles) if (explicit.has(a.id)) origins.set(a.id, new Set([explicit.get(a.id)!]));
  for (const c of copies) {
    if (!FULL.has(c.kind) || !byId.has(c.copyId) || !byId.has(c.sourceId)) continue;
    const ra = find(c.sourceId);
    const rb = find(c.copyId);
    if (ra === rb) continue;
    const oa = origins.get(ra) ?? new Set();
    const ob = origins.get(rb) ?? new Set();
    if (oa.size && ob.size && ![...oa].some((o) => ob.has(o))) continue;
    parent.set(rb, ra);
    origins.set(ra, new Set([...oa, ...ob]));
  }
  // the original of a component without any credit: the article others copy and that copies nothing
  const copied = new Set(copies.filter((c) => FULL.has(c.kind)).map((c) => c.copyId));
  const members = new Map<string, SourceArticle[]>();
  for (const a of articles) (members.get(find(a.id)) ?? members.set(find(a.id), []).get(find(a.id))!).push(a);
  const groupOf = new Map<string, string>();
  for (const ms of members.values()) {
    const credited = ms.map((m) => explicit.get(m.id)).filter((x): x is string => !!x);
    const common = mostCommon(credited);
    const original = [...ms].sort((x, y) => Number(copied.has(x.id)) - Number(copied.has(y.id)) || comparePublished(x.publishedAt, y.publishedAt) || x.label.localeCompare(y.label))[0];
    for (const m of ms) {
      const own = site(m);
      const first = site(original);
      const fallback = ms.length > 1 ? (first ? `outlet:${first}` : `article:${original.id}`) : own ? `outlet:${own}` : `article:${m.id}`;
      groupOf.set(m.id, explicit.get(m.id) ?? common ?? fallback);
    }
  }
  // sentences lifted word for word by partial copies speak for the source they came from
  const lifted = new Map<string, string>();
  for (const c of copies) {
    if (FULL.has(c.kind) || !groupOf.has(c.sourceId) || !groupOf.has(c.copyId)) continue;
    const g = groupOf.get(c.sourceId)!;
    if (g === groupOf.get(c.copyId)) continue;
    for (const p of c.sentencePairs) if (p.similarity >= LIFTED) lifted.set(`${c.copyId}:${p.copy}`, g);
  }
  return {
    groupOf,
    credits,
    sentenceGroup: (articleId, sentence) => lifted.get(`${articleId}:${sentence}`) ?? groupOf.get(articleId) ?? `article:${articleId}`,
  };
}


function mostCommon(xs: string[]): string | null {
  const n = new Map<string, number>();
  for (const x of xs) n.set(x, (n.get(x) ?? 0) + 1);
  return [...n.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
}

export interface NamedSource {
  key: string;
  /** who the source is: the credited organisation, or the outlet that reported it */
  name: string;
  /** outlets that carried it without being its author */
  via: string[];
  articleIds: string[];
  /** "AP, via The Capital Post, Channel 9 News and Daily Herald" */
  description: string;
}

/** Name each independent source among `articleIds` from its key and the outlets of its articles. */
export function nameSources(
  articleIds: string[],
  groupOf: Record<string, string> | Map<string, string>,
  articles: Array<{ id: string; label: string; outlet: string | null; publishedAt: string | null }>,
): NamedSource[] {
  const get = (id: string) => (groupOf instanceof Map ? groupOf.get(id) : groupOf[id]) ?? `article:${id}`;
  const byId = new Map(articles.map((a) => [a.id, a]));
  const groups = new Map<string, string[]>();
  for (const id of articleIds) (groups.get(get(id)) ?? groups.set(get(id), []).get(get(id))!).push(id);
  return [...groups.entries()].map(([key, ids]) => {
    const arts = ids.map((id) => byId.get(id)).filter((a): a is NonNullable<typeof a> => !!a);
    arts.sort((a, b) => comparePublished(a.publishedAt, b.publishedAt) || a.label.localeCompare(b.label));
    const outlets = [...new Set(arts.map((a) => a.outlet?.trim()).filter((o): o is string => !!o))];
    let name: string;
    let via: string[];
    if (key.startsWith('org:')) {
      name = key.slice(4);
      via = outlets.filter((o) => agencyOf(o) !== name && normOutlet(o) !== normOutlet(name));
    } else if (key.startsWith('outlet:')) {
      name = outlets.find((o) => normOutlet(o) === key.slice(7)) ?? key.slice(7);
      via = outlets.filter((o) => normOutlet(o) !== key.slice(7));
    } else {
      const orig = byId.get(key.slice(8)) ?? arts[0];
      name = orig?.outlet ?? orig?.label ?? key;
      via = outlets.filter((o) => o !== name);
    }
    return { key, name, via, articleIds: ids, description: via.length ? `${name}, via ${listing(via)}` : name };
  });
}

function listing(xs: string[]): string {
  return xs.length <= 1 ? xs.join('') : `${xs.slice(0, -1).join(', ')} and ${xs[xs.length - 1]}`;
}

// Matching a new analysis's stories to the previous ones by shared articles (article ids are stable), so a story
// keeps its id and number across re-analyses. Rule: pairs (previous story, new story) are taken by most shared
// articles — ties: the oldest previous story (lowest number), then the new story fewer previous ones share
// articles with — each id going to one new story and each new story keeping one id. A previous story left without
// a new one is merged into the new story holding most of its articles (its id redirects there). A new story left
// without an id is split from the previous story it shares most articles with, or created when it shares none.
// Articles a new story takes from another previous story that lives on are recorded as moved.

export interface PriorStory {
  id: string;
  number: number;
  members: string[];
}

export interface NextStory {
  /** the id the analysis gave it (a provisional name) */
  id: string;
  articleIds: string[];
}

export interface StoryMatch {
  /** provisional id -> the previous story id it keeps */
  kept: Map<string, string>;
  /** `survivor` is the provisional id of the new story the absorbed previous one went into */
  merges: Array<{ survivor: string; absorbed: string; articleIds: string[] }>;
  /** provisional ids of new stories split off a previous one */
  splits: Array<{ id: string; from: string; articleIds: string[] }>;
  /** provisional ids of new stories neither keeping an id nor split off one (most share no article with any previous story) */
  created: string[];
  /** articles that left a previous story (which lives on elsewhere) for this new one (provisional id) */
  moves: Array<{ id: string; from: string; articleIds: string[] }>;
}

/** The new stories a previous one shares articles with, and how many. */
function overlaps(p: PriorStory, storyOf: Map<string, string>): Map<string, number> {
  const n = new Map<string, number>();
  for (const a of p.members) {
    const s = storyOf.get(a);
    if (s) n.set(s, (n.get(s) ?? 0) + 1);
  }
  return n;
}

/** The key with the largest count; ties go to `tie` order. */
function best<K>(counts: Map<K, number>, tie: (a: K, b: K) => number): K | null {
  return [...counts.entries()].sort((x, y) => y[1] - x[1] || tie(x[0], y[0]))[0]?.[0] ?? null;
}

export function matchStories(prior: PriorStory[], next: NextStory[]): StoryMatch {
  const storyOf = new Map<string, string>();
  for (const s of next) for (const a of s.articleIds) storyOf.set(a, s.id);
  const byNumber = (a: PriorStory, b: PriorStory) => a.number - b.number;
  const shared = new Map(prior.map((p) => [p.id, overlaps(p, storyOf)]));
  const sharers = new Map<string, number>();
  for (const o of shared.values()) for (const s of o.keys()) sharers.set(s, (sharers.get(s) ?? 0) + 1);
  const pairs = prior.flatMap((p) => [...shared.get(p.id)!].map(([s, n]) => ({ p, s, n })));
  pairs.sort((x, y) => y.n - x.n || byNumber(x.p, y.p) || sharers.get(x.s)! - sharers.get(y.s)! || (x.s < y.s ? -1 : 1));
  const match: StoryMatch = { kept: new Map(), merges: [], splits: [], created: [], moves: [] };
  const keeper = new Map<string, PriorStory>();
  for (const { p, s } of pairs) {
    if (keeper.has(p.id) || match.kept.has(s)) continue;
    keeper.set(p.id, { ...p, id: s });
    match.kept.set(s, p.id);
  }
  const members = new Map(next.map((s) => [s.id, new Set(s.articleIds)]));
  const taken = (p: PriorStory, s: string) => p.members.filter((a) => members.get(s)!.has(a)).sort();
  const absorbedInto = new Map<string, string>();
  for (const p of prior) {
    if (keeper.has(p.id)) continue;
    const heir = best(shared.get(p.id)!, (a, b) => (a < b ? -1 : 1));
    if (!heir) continue;
    absorbedInto.set(p.id, heir);
    // the heir is kept by some previous story or split off one below: the merge names the id it ends up with
    match.merges.push({ survivor: heir, absorbed: p.id, articleIds: taken(p, heir) });
  }
  for (const s of next) {
    const sources = prior.filter((p) => shared.get(p.id)!.has(s.id));
    let own = prior.find((p) => p.id === match.kept.get(s.id)) ?? null;
    if (!own) {
      own = best(new Map(sources.filter((p) => absorbedInto.get(p.id) !== s.id).map((p) => [p, shared.get(p.id)!.get(s.id)!])), byNumber);
      if (own) match.splits.push({ id: s.id, from: own.id, articleIds: taken(own, s.id) });
      else match.created.push(s.id);
    }
    for (const p of sources) if (p !== own && absorbedInto.get(p.id) !== s.id) match.moves.push({ id: s.id, from: p.id, articleIds: taken(p, s.id) });
  }
  return match;
}

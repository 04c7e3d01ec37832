// Matching a new analysis's stories to the previous ones by shared articles (article ids are stable), so a story
// keeps its id and number across re-analyses. Rule: each previous story's heir is the new story holding most of
// its articles; a new story that is heir to several keeps the id of the one it shares most articles with (ties:
// the oldest, lowest number) and absorbs the others (merge). A new story heir to none but sharing articles with a
// previous one is split from it; one sharing nothing is created. Articles a new story takes from any other
// previous story that lives on are recorded as moved.

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
  merges: Array<{ survivor: string; absorbed: string; articleIds: string[] }>;
  /** provisional ids of new stories split off a previous one */
  splits: Array<{ id: string; from: string; articleIds: string[] }>;
  /** provisional ids of stories sharing no article with any previous one */
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
  const claimants = new Map<string, PriorStory[]>();
  for (const p of prior) {
    const heir = best(shared.get(p.id)!, (a, b) => (a < b ? -1 : 1));
    if (heir) (claimants.get(heir) ?? claimants.set(heir, []).get(heir)!).push(p);
  }
  const match: StoryMatch = { kept: new Map(), merges: [], splits: [], created: [], moves: [] };
  for (const s of next) {
    const cs = claimants.get(s.id) ?? [];
    const members = new Set(s.articleIds);
    const taken = (p: PriorStory) => p.members.filter((a) => members.has(a)).sort();
    const sources = prior.filter((p) => shared.get(p.id)!.has(s.id));
    let own: PriorStory | null = null;
    if (cs.length) {
      const [winner, ...absorbed] = [...cs].sort((a, b) => shared.get(b.id)!.get(s.id)! - shared.get(a.id)!.get(s.id)! || byNumber(a, b));
      match.kept.set(s.id, winner.id);
      for (const p of absorbed) match.merges.push({ survivor: winner.id, absorbed: p.id, articleIds: taken(p) });
      own = winner;
    } else {
      own = best(new Map(sources.map((p) => [p, shared.get(p.id)!.get(s.id)!])), byNumber);
      if (own) match.splits.push({ id: s.id, from: own.id, articleIds: taken(own) });
      else match.created.push(s.id);
    }
    for (const p of sources) if (p !== own && !cs.includes(p)) match.moves.push({ id: s.id, from: p.id, articleIds: taken(p) });
  }
  return match;
}

// Text-reuse scoring on the Clough & Stevenson corpus: which answers were linked to their own
// task's source, links to another task's source, and the ARI of the grouping the links imply.
import { adjustedRandIndex } from './ari.ts';

export type ReuseCategory = 'cut' | 'light' | 'heavy' | 'non';
export const REUSE_CATEGORIES: ReuseCategory[] = ['cut', 'light', 'heavy', 'non'];

export interface ReuseAnswer {
  id: string;
  category: ReuseCategory;
  /** id of the source text of the answer's task */
  source: string;
}

/** A reported relation between two items, in either direction. */
export type Link = [string, string];

export interface ReuseScores {
  ari: number;
  /** share of the answers of each category linked to their own source */
  linked: Record<ReuseCategory, number>;
  linkedCounts: Record<ReuseCategory, { linked: number; total: number }>;
  /** links between an answer and the source of another task */
  wrong_source: number;
  /** item -> its connected component (a representative item id) */
  components: Map<string, string>;
}

/** Connected components of the link graph over `items`; links touching other ids are ignored. */
export function connectedComponents(items: string[], links: Link[]): Map<string, string> {
  const parent = new Map(items.map((i) => [i, i]));
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  for (const [a, b] of links) {
    if (!parent.has(a) || !parent.has(b)) continue;
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }
  return new Map(items.map((i) => [i, find(i)]));
}

export function scoreReuse(answers: ReuseAnswer[], sources: string[], links: Link[]): ReuseScores {
  const linkedTo = new Map<string, Set<string>>();
  const add = (a: string, b: string) => (linkedTo.get(a) ?? linkedTo.set(a, new Set()).get(a)!).add(b);
  for (const [a, b] of links) {
    add(a, b);
    add(b, a);
  }
  const linkedCounts = Object.fromEntries(REUSE_CATEGORIES.map((c) => [c, { linked: 0, total: 0 }])) as ReuseScores['linkedCounts'];
  const sourceSet = new Set(sources);
  const seen = new Set<string>();
  let wrongSource = 0;
  for (const a of answers) {
    linkedCounts[a.category].total++;
    if (linkedTo.get(a.id)?.has(a.source)) linkedCounts[a.category].linked++;
  }
  const taskOf = new Map(answers.map((a) => [a.id, a.source]));
  for (const [a, b] of links) {
    const key = [a, b].sort().join('\u0000');
    if (seen.has(key)) continue; // one relation per pair, whatever its direction
    seen.add(key);
    const [answer, source] = taskOf.has(a) ? [a, b] : [b, a];
    if (taskOf.has(answer) && sourceSet.has(source) && taskOf.get(answer) !== source) wrongSource++;
  }
  const items = [...sources, ...answers.map((a) => a.id)];
  const components = connectedComponents(items, links);
  const truth = new Map<string, string>(sources.map((s) => [s, s]));
  for (const a of answers) truth.set(a.id, a.category === 'non' ? a.id : a.source);
  const linked = Object.fromEntries(REUSE_CATEGORIES.map((c) => [c, linkedCounts[c].total ? linkedCounts[c].linked / linkedCounts[c].total : 0])) as ReuseScores['linked'];
  return { ari: adjustedRandIndex(components, truth), linked, linkedCounts, wrong_source: wrongSource, components };
}

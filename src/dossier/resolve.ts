// Finding a story by what a user or a link gives: its persistent number, its id (or an id prefix), or an id or
// number it had before it was merged into another story (which then answers, with the key it was reached by).
import type { Analysis, StoryEvent } from '../model/analysis.ts';

export interface ResolvedStory {
  event: StoryEvent;
  /** the merged story's id the key named, when it led here through a redirect */
  redirectedFrom: string | null;
}

/** The live story a key names, following merges; null when no story ever had it. */
export function resolveStory(an: Analysis, key: string): ResolvedStory | null {
  const index = an.stories;
  const live = new Map(an.events.map((e) => [e.id, e]));
  let id: string | undefined;
  if (/^\d+$/.test(key)) {
    const n = Number(key);
    id = an.events.find((e) => e.number === n)?.id ?? Object.entries(index?.numbers ?? {}).find(([, v]) => v === n)?.[0];
    // an analysis never saved has no numbers: its stories are numbered by position
    if (!id && !index && an.events.some((e) => e.number === undefined)) id = an.events[n - 1]?.id;
  } else {
    id = live.has(key) || index?.numbers[key] !== undefined ? key : an.events.find((e) => e.id.startsWith(key))?.id;
  }
  if (!id) return null;
  const from = id;
  for (let hops = 0; !live.has(id) && index?.redirects[id] && hops < 1000; hops++) id = index.redirects[id];
  const event = live.get(id);
  return event ? { event, redirectedFrom: id === from ? null : from } : null;
}

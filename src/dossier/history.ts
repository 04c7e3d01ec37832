// A story's history in its dossier: when it was created, which stories it absorbed, what split off it or from what.
import type { Analysis } from '../model/analysis.ts';
import type { StoryChange } from '../model/identity.ts';

export interface StoryHistoryEntry extends StoryChange {
  /** the other story's number, when it has one */
  otherNumber: number | null;
}

/** Changes that name the story, oldest first. */
export function storyHistory(an: Analysis, storyId: string): StoryHistoryEntry[] {
  const numbers = an.stories?.numbers ?? {};
  return (an.stories?.history ?? [])
    .filter((h) => h.storyId === storyId || h.otherId === storyId)
    .map((h) => ({ ...h, otherNumber: h.otherId ? (numbers[h.otherId] ?? null) : null }));
}

function line(id: string, h: StoryHistoryEntry): string {
  const other = h.otherId ? `story ${h.otherNumber ?? '?'} \`${h.otherId}\`` : '';
  const n = `${h.articleIds.length} article(s)`;
  const at = h.at.slice(0, 16).replace('T', ' ');
  if (h.kind === 'created') return `- ${at} created with ${n}`;
  if (h.kind === 'merge') return h.storyId === id ? `- ${at} absorbed ${other} (${n}); its id and number now lead here` : `- ${at} merged into ${other}`;
  if (h.kind === 'moved') return h.storyId === id ? `- ${at} took ${n} from ${other}` : `- ${at} gave ${n} to story \`${h.storyId}\``;
  return h.storyId === id ? `- ${at} split off ${other}, taking ${n}` : `- ${at} story \`${h.storyId}\` split off this one, taking ${n}`;
}

export function renderHistory(id: string, history: StoryHistoryEntry[], redirectedFrom: string | null): string[] {
  const L = ['## Story history', ''];
  if (redirectedFrom) L.push(`Reached through \`${redirectedFrom}\`, a story since merged into this one.`, '');
  if (!history.length) L.push('No changes recorded.');
  for (const h of history) L.push(line(id, h));
  L.push('');
  return L;
}

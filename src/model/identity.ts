// Domain types of stable identity: story ids and numbers that survive re-analyses, and what happened to them.

/**
 * created: a story appeared; merge: `otherId` was absorbed into `storyId`; split: `storyId` split off from `otherId`;
 * moved: `storyId` took some articles of `otherId`, which lives on.
 */
export type StoryChangeKind = 'created' | 'merge' | 'split' | 'moved';

export interface StoryChange {
  at: string;
  kind: StoryChangeKind;
  storyId: string;
  otherId: string | null;
  /** the articles concerned: the new story's (created), the absorbed ones (merge), the ones split off (split) or moved (moved) */
  articleIds: string[];
}

/** Every story id ever given: its number, where the absorbed ones now live, and the history of changes. */
export interface StoryIndex {
  /** story id -> its persistent number (absorbed ids keep theirs) */
  numbers: Record<string, number>;
  /** absorbed story id -> the story it was merged into (as recorded; follow the chain to the live story) */
  redirects: Record<string, string>;
  history: StoryChange[];
}

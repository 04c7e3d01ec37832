// Domain types of a finished analysis: the articles as analysed, copy relations, stories (events) with their
// facts, contradictions and framing, entities, and who counts as which independent source.
import type { CopyRelation } from './copy.ts';
import type { Entity } from './entity.ts';
import type { EventCluster, EventDate } from './event.ts';
import type { Contradiction, Fact, OutletFraming } from './fact.ts';
import type { StoryIndex } from './identity.ts';

export interface ArticleSummary {
  id: string;
  label: string;
  origin: string;
  url: string | null;
  outlet: string | null;
  title: string | null;
  author: string | null;
  publishedAt: string | null;
  eventDate: EventDate | null;
  words: number;
  sentences: string[];
  /** paragraphs left out of the analysis as the outlet's template (recurring furniture) */
  templates: string[];
}

export interface StoryEvent extends EventCluster {
  title: string;
  /** independent sources covering the event (copies and same-outlet articles collapse into one) */
  independentSources: number;
  entityIds: string[];
  facts: Fact[];
  contradictions: Contradiction[];
  framing: OutletFraming[];
  /** the story's persistent number, given when the analysis is saved (stable across re-analyses) */
  number?: number;
}

export interface Analysis {
  generatedAt: string;
  articles: ArticleSummary[];
  copies: CopyRelation[];
  events: StoryEvent[];
  entities: Entity[];
  /** article id -> id of its independent-source group */
  sourceGroup: Record<string, string>;
  timings: Record<string, number>;
  /** every story id ever given, redirects of merged ones and the history of changes (filled by the store) */
  stories?: StoryIndex;
}

export type Progress = (stage: string, done: number, total: number) => void;

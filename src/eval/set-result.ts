// What evaluating one development set yields: the headline scores, supporting numbers for the
// table, per-item records for --details, and the engine crashes met on the way.

export interface SetResult<S> {
  scores: S;
  /** supporting numbers shown in the table (counts, side scores) */
  extra: Record<string, number>;
  details: object[];
  crashes: string[];
}

export interface ExtractionScores {
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
  rejected: number;
  title_exact: number;
  author_exact: number;
}

export interface DatesScores {
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
}

export interface EventsScores {
  precision: number;
  recall: number;
  f1: number;
  clusters: number;
}

export interface ReuseSetScores {
  ari: number;
  linked: { cut: number; light: number; heavy: number; non: number };
  wrong_source: number;
}

export interface Scores {
  extraction?: ExtractionScores;
  dates?: DatesScores;
  events?: EventsScores;
  reuse?: ReuseSetScores;
}

export type SetName = keyof Scores;
export const SET_NAMES: SetName[] = ['extraction', 'dates', 'events', 'reuse'];

// Domain types of facts: statements found in articles, who reports them, and where reports disagree.

export type FactKind = 'quote' | 'figure' | 'claim' | 'role';
export type FactStatus = 'corroborated' | 'single-source' | 'contradicted';

export interface Citation {
  articleId: string;
  sentence: number;
  text: string;
}

/** A number in a sentence: 'percent', 'money:USD' or 'count:<noun stem>'. */
export interface Figure {
  raw: string;
  value: number;
  unit: string;
}

export interface Fact {
  id: string;
  eventId: string;
  kind: FactKind;
  text: string;
  status: FactStatus;
  /** number of independent sources reporting it */
  independentSources: number;
  /** article ids per independent source; each group starts with its earliest article */
  sourceGroups: string[][];
  citations: Citation[];
  figures: Figure[];
  entityIds: string[];
  /** ids of contradictions (and updates) this fact takes part in */
  contradictionIds: string[];
  /** for quotes: the quoted words and who said them, when the text says */
  quote: { text: string; speaker: string | null } | null;
}

/**
 * Reports that disagree: 'figure' — independent sources give different values for the same quantity;
 * 'role' — two people are said to hold one office; 'update' — one source changed its figure over time
 * (the sides are in the order they were published, earlier first).
 */
export interface Contradiction {
  id: string;
  eventId: string;
  kind: 'figure' | 'role' | 'update';
  topic: string;
  sides: Array<{
    claim: string;
    articleIds: string[];
    independentSources: number;
    citations: Citation[];
    /** names of the sources on this side ("AP", "Norland Gazette") */
    sources?: string[];
    /** earliest publication time of the reports on this side */
    publishedAt?: string | null;
  }>;
}

/** How one article words the story: its terms per framing category, how it names people, its distinctive words. */
export interface OutletFraming {
  articleId: string;
  outlet: string | null;
  /** category -> term -> count (only terms used) */
  terms: Record<string, Record<string, number>>;
  /** how the article names and titles the people and bodies shared with other articles */
  namings: Array<{ entityId: string; entity: string; forms: string[]; titles: string[] }>;
  distinctiveTerms: string[];
}

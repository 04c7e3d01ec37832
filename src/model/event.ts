// Domain types of event grouping: what an article brings to it, what a story keeps about its
// members (plain data, so an incremental engine can store it), and why articles were grouped.

/** An article as event grouping sees it: raw counts, so that weights can follow the collection's statistics. */
export interface EventFeatures {
  id: string;
  /** content words (stemmed, synonyms folded) -> occurrences */
  terms: Record<string, number>;
  /** name parts of people, places and organisations (spelling-folded) -> occurrences */
  names: Record<string, number>;
  /** estimated event day(s) as day numbers (days since 1970-01-01); null when the text gives no date */
  date: { from: number; to: number; reliable: boolean } | null;
  /** articles this one copies or is copied by -> how much the link counts (1; less when their dates are far
   * apart, as text recycled for a later event does not make it the same event) */
  copies: Record<string, number>;
}

/** An article weighted by the document frequencies seen when it arrived: unit-length TF-IDF vectors. */
export interface EventVector extends Omit<EventFeatures, 'terms' | 'names'> {
  terms: Record<string, number>;
  names: Record<string, number>;
}

/** Document frequencies of the collection seen so far, per field. */
export interface DocFrequencies {
  docs: number;
  terms: Record<string, number>;
  names: Record<string, number>;
}

/** What a story keeps about its members: sums of their vectors, their dates and copy links. */
export interface ClusterSummary {
  id: string;
  members: string[];
  /** sums of the members' unit TF-IDF vectors (a dot product with one gives the summed cosines) */
  terms: Record<string, number>;
  names: Record<string, number>;
  /** member dates -> how many members have them: "day" for a day, "from:to" (day numbers) for a longer span */
  dates: Record<string, number>;
  /** the same for members whose date was read against a publication date (trusted more) */
  firmDates: Record<string, number>;
}

/** Why an article belongs to its story. */
export interface MemberExplanation {
  articleId: string;
  /** combined score of the article against the rest of its story (content, names, time, copies) */
  score: number;
  content: number;
  names: number;
  /** days between the article's date and the story's; null when either is undated */
  gapDays: number | null;
  sharedTerms: string[];
  sharedNames: string[];
  /** the article's event date and where it came from */
  date: string | null;
  dateSource: 'text' | 'published' | 'cluster' | null;
  copyOf: string[];
}

/** Why a story with similar content was kept apart from this one. */
export interface ApartExplanation {
  storyId: string;
  content: number;
  names: number;
  gapDays: number | null;
  score: number;
  sharedTerms: string[];
  /** names only this story has, and names only the other has */
  onlyHere: string[];
  onlyThere: string[];
  reasons: string[];
}

export interface StoryExplanation {
  members: MemberExplanation[];
  apart: ApartExplanation[];
}

export interface EventCluster {
  id: string;
  articleIds: string[];
  dateFrom: string | null;
  dateTo: string | null;
  keyTerms: string[];
  explanation: StoryExplanation;
}

/** The date of the happening an article reports, as estimated from its text and publication date. */
export interface EventDate {
  /** ISO date (YYYY-MM-DD) of the estimated event day or first of month */
  date: string;
  precision: 'day' | 'month' | 'year';
  /** 'text': a date the text mentions; 'published': the publication day; 'cluster': taken from the story the article joined */
  source: 'text' | 'published' | 'cluster';
  /** what the estimate was read against: the publication date, or the latest date the text mentions */
  anchor?: 'published' | 'text';
  /** for month/year estimates: the text speaks of this date as still to come, so the event is before it */
  notAfter?: string;
}

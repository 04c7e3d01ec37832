// Domain types of copy relations: which article reuses which, how much of each, and why we think so.

export type CopyKind = 'verbatim' | 'rewritten' | 'partial';

export interface CopyRelation {
  /** the later/derived article */
  copyId: string;
  /** the article it was taken from */
  sourceId: string;
  kind: CopyKind;
  /** share of the copy's text found in the source */
  copyCoverage: number;
  /** share of the source's text found in the copy */
  sourceCoverage: number;
  /** mean sentence similarity of the aligned passages (1 = identical wording) */
  similarity: number;
  shingleJaccard: number;
  /** how sure we are about the direction: 'high' (dates), 'medium' (several textual signals), 'low', 'undetermined' */
  directionConfidence: 'high' | 'medium' | 'low' | 'undetermined';
  reasons: string[];
  passages: Array<{ sourceText: string; copyText: string; similarity: number; sourceSentences: [number, number]; copySentences: [number, number] }>;
  /** every aligned sentence pair (sentence indexes in source and copy) */
  sentencePairs: Array<{ source: number; copy: number; similarity: number }>;
}

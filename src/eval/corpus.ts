// Plain-text documents through the engine as `ingest` would take them (one .txt file each, no
// headers), then the analysis in memory. Records per document whether it was rejected, crashed,
// or skipped as a duplicate of an earlier document.
import { parseDocument } from '../ingest/parse.ts';
import { toArticle } from '../ingest/article.ts';
import { analyze } from '../analysis/analyze.ts';
import { InputError, type Article } from '../model/article.ts';
import type { TextDoc } from './data.ts';
import type { Analysis } from '../model/analysis.ts';

export interface DocOutcome {
  /** the stored article standing for this document (its own, or the earlier one with the same text) */
  articleId: string | null;
  /** id of the earlier document whose cleaned text this one repeats */
  duplicateOf: string | null;
  rejected: string | null;
  crashed: string | null;
}

export interface CorpusRun {
  analysis: Analysis;
  outcomes: Map<string, DocOutcome>;
  /** article id -> the document ids it stands for */
  docsOf: Map<string, string[]>;
}

export function runCorpus(docs: TextDoc[]): CorpusRun {
  const outcomes = new Map<string, DocOutcome>();
  const byHash = new Map<string, { article: Article; docId: string }>();
  const docsOf = new Map<string, string[]>();
  // the order `ingest` reads a folder in: sorted file names
  for (const doc of [...docs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const origin = `${doc.id}.txt`;
    try {
      const article = toArticle(parseDocument(doc.text, origin, { format: 'text' }).articles[0]);
      const earlier = byHash.get(article.contentHash);
      if (!earlier) byHash.set(article.contentHash, { article, docId: doc.id });
      const articleId = earlier?.article.id ?? article.id;
      outcomes.set(doc.id, { articleId, duplicateOf: earlier?.docId ?? null, rejected: null, crashed: null });
      (docsOf.get(articleId) ?? docsOf.set(articleId, []).get(articleId)!).push(doc.id);
    } catch (e) {
      const rejected = e instanceof InputError ? e.message : null;
      outcomes.set(doc.id, { articleId: null, duplicateOf: null, rejected, crashed: rejected ? null : `${origin}: ${(e as Error)?.stack ?? String(e)}` });
    }
  }
  // the order the store lists articles in: by label, then id
  const articles = [...byHash.values()].map((x) => x.article).sort((a, b) => cmp(a.label, b.label) || cmp(a.id, b.id));
  return { analysis: analyze(articles), outcomes, docsOf };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

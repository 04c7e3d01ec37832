// Runs in a worker thread: the analysis is CPU-bound and synchronous, so the HTTP thread stays free.
import { parentPort } from 'node:worker_threads';
import { analyze } from '../analysis/analyze.ts';
import type { Article } from '../model/article.ts';

export interface AnalyzeRequest {
  id: number;
  articles: Article[];
}

parentPort?.on('message', (msg: AnalyzeRequest) => {
  try {
    parentPort!.postMessage({ id: msg.id, analysis: analyze(msg.articles) });
  } catch (e) {
    parentPort!.postMessage({ id: msg.id, error: e instanceof Error ? (e.stack ?? e.message) : String(e) });
  }
});

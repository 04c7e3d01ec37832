// Worker thread side of the parse pool: decodes (when given bytes) and parses one document per
// message, and answers with the result or with the error message, whether it was an InputError
// (classes do not cross threads) and the decoded text, so a rejected document can still be kept.
import { parentPort } from 'node:worker_threads';
import { parseDocument, InputError, type ParseOptions, type ParsedArticle } from './parse.ts';
import { decodeBytes } from './decode.ts';
import { toArticle } from './article.ts';
import { articleFeatures } from '../analysis/features.ts';
import type { ArticleFeatures } from '../model/features.ts';

export interface ParseRequest {
  id: number;
  origin: string;
  opts: ParseOptions;
  /** the document, as text or as bytes still to be decoded */
  input: { text: string } | { bytes: Uint8Array; contentType?: string | null };
}

export type ParseReply =
  | { id: number; ok: true; value: { articles: ParsedArticle[]; errors: Array<{ message: string; raw: string | null }>; warnings: string[]; features: Array<ArticleFeatures | null> } }
  | { id: number; ok: false; message: string; input: boolean; text: string | null; warnings: string[] };

function handle(req: ParseRequest): ParseReply {
  let text: string | null = null;
  let warnings: string[] = [];
  try {
    if ('text' in req.input) text = req.input.text;
    else ({ text, warnings } = decodeBytes(req.input.bytes, req.origin, { contentType: req.input.contentType }));
    const doc = parseDocument(text, req.origin, req.opts);
    const errors = doc.errors.map((e) => ({ message: e.message, raw: e.raw }));
    // the analysis's per-article work is done here too, in parallel with the other parser threads
    const features = doc.articles.map((p) => {
      try {
        return articleFeatures(toArticle(p));
      } catch {
        return null;
      }
    });
    return { id: req.id, ok: true, value: { articles: doc.articles, errors, warnings: [...warnings, ...doc.warnings], features } };
  } catch (e) {
    return { id: req.id, ok: false, message: (e as Error).message, input: e instanceof InputError, text, warnings };
  }
}

parentPort!.on('message', (req: ParseRequest) => parentPort!.postMessage(handle(req)));

// the pool starts the budget clock only once the thread has loaded the parser
parentPort!.postMessage('ready');

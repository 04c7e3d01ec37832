// Worker thread side of the parse pool: parses one document per message and answers with the
// result, or with the error message and whether it was an InputError (classes do not cross threads).
import { parentPort } from 'node:worker_threads';
import { parseDocument, InputError, type ParseOptions, type ParsedArticle } from './parse.ts';

export interface ParseRequest {
  id: number;
  content: string;
  origin: string;
  opts: ParseOptions;
}

export type ParseReply =
  | { id: number; ok: true; value: { articles: ParsedArticle[]; errors: string[]; warnings: string[] } }
  | { id: number; ok: false; message: string; input: boolean };

parentPort!.on('message', (req: ParseRequest) => {
  let reply: ParseReply;
  try {
    const doc = parseDocument(req.content, req.origin, req.opts);
    reply = { id: req.id, ok: true, value: { ...doc, errors: doc.errors.map((e) => e.message) } };
  } catch (e) {
    reply = { id: req.id, ok: false, message: (e as Error).message, input: e instanceof InputError };
  }
  parentPort!.postMessage(reply);
});

// the pool starts the budget clock only once the thread has loaded the parser
parentPort!.postMessage('ready');

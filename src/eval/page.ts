// One evaluation page through the engine's own input path: gunzip, decodeBytes, parseDocument as HTML.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { decodeBytes } from '../ingest/decode.ts';
import { parseDocument } from '../ingest/parse.ts';
import { InputError } from '../model/article.ts';

export interface PageTask {
  path: string;
  url: string | null;
}

export interface PageResult {
  path: string;
  /** the article text; null when the page was rejected or the engine crashed on it */
  text: string | null;
  title: string | null;
  author: string | null;
  publishedAt: string | null;
  /** the engine's reason for refusing the page */
  rejected: string | null;
  /** an unexpected exception (an engine bug, not a refusal) */
  crashed: string | null;
  ms: number;
}

export function parsePage(task: PageTask): PageResult {
  const t0 = performance.now();
  const origin = basename(task.path).replace(/\.gz$/, '');
  const none = { text: null, title: null, author: null, publishedAt: null };
  try {
    const bytes = gunzipSync(readFileSync(task.path));
    const { text } = decodeBytes(bytes, origin);
    const parsed = parseDocument(text, origin, { format: 'html', url: task.url });
    const a = parsed.articles[0];
    if (!a) return { path: task.path, ...none, rejected: parsed.errors[0]?.message ?? `${origin}: no article`, crashed: null, ms: performance.now() - t0 };
    return { path: task.path, text: a.text, title: a.title, author: a.author, publishedAt: a.publishedAt, rejected: null, crashed: null, ms: performance.now() - t0 };
  } catch (e) {
    const ms = performance.now() - t0;
    if (e instanceof InputError) return { path: task.path, ...none, rejected: e.message, crashed: null, ms };
    const err = e as Error;
    return { path: task.path, ...none, rejected: null, crashed: `${origin}: ${err?.stack ?? String(e)}`, ms };
  }
}

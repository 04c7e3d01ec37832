// Ingest files, directories, stdin and HTTP bodies into the store. Every input goes bytes →
// decodeBytes → parse (in a worker thread, within a time budget) → store. Bad input is reported
// and kept in ingest_errors (with its raw content); it never stops the rest of the batch.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, type Format } from './parse.ts';
import { decodeBytes } from './decode.ts';
import { parsePool } from './pool.ts';
import { toArticle } from './article.ts';
import type { Store } from '../store/store.ts';
import { ProgressBar } from '../progress.ts';

export interface IngestReport {
  files: number;
  inserted: Array<{ id: string; label: string; origin: string }>;
  duplicates: Array<{ origin: string }>;
  errors: Array<{ origin: string; reason: string }>;
  warnings: Array<{ origin: string; warning: string }>;
}

export interface IngestOptions {
  format?: Format;
  /** the Content-Type header, when the bytes came over HTTP */
  contentType?: string | null;
}

export function emptyReport(): IngestReport {
  return { files: 0, inserted: [], duplicates: [], errors: [], warnings: [] };
}

export const MAX_BYTES = 20 * 1024 * 1024;

export function tooLargeReason(origin: string, bytes: number): string {
  return `${origin}: input is ${(bytes / 1048576).toFixed(1)} MiB, larger than the ${MAX_BYTES / 1048576} MiB limit`;
}

/** Expand directories (recursively, skipping hidden entries) into a sorted file list. Missing paths become errors. */
export function expandPaths(paths: string[]): { files: string[]; missing: Array<{ origin: string; reason: string }> } {
  const files: string[] = [];
  const missing: Array<{ origin: string; reason: string }> = [];
  const walk = (p: string) => {
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      missing.push({ origin: p, reason: `${p}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` });
      return;
    }
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) if (!name.startsWith('.')) walk(join(p, name));
    } else files.push(p);
  };
  for (const p of paths) walk(p);
  return { files, missing };
}

/** Read one file's bytes, refusing files over the size limit. */
export function readInput(path: string): { bytes: Uint8Array; error: null } | { bytes: null; error: string } {
  try {
    const st = statSync(path);
    if (st.size > MAX_BYTES) return { bytes: null, error: tooLargeReason(path, st.size) };
    return { bytes: readFileSync(path), error: null };
  } catch (e) {
    return { bytes: null, error: `${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
  }
}

/** What to keep of a rejected input: the text, or base64 when it cannot be stored as text. */
function keepable(content: string | Uint8Array): string {
  if (typeof content === 'string' && !content.includes('\u0000')) return content;
  return 'base64:' + Buffer.from(content).toString('base64');
}

async function reject(store: Store, report: IngestReport, origin: string, reason: string, raw: string | Uint8Array | null): Promise<void> {
  report.errors.push({ origin, reason });
  await store.recordError(origin, reason, raw === null ? null : keepable(raw));
}

/** Parse one decoded document (in a worker thread, within the parse budget) and store its articles into `report`. */
export async function ingestContent(store: Store, content: string, origin: string, report: IngestReport, opts: IngestOptions = {}): Promise<void> {
  let parsed;
  try {
    parsed = await parsePool().parse(content, origin, { format: opts.format });
  } catch (e) {
    const reason = e instanceof InputError ? e.message : `${origin}: ${(e as Error).message}`;
    await reject(store, report, origin, reason, content);
    return;
  }
  for (const w of parsed.warnings) report.warnings.push({ origin, warning: w });
  for (const err of parsed.errors) {
    // the item's own origin ("feed.rss#item-3") leads its message
    const cut = err.message.indexOf(': ', origin.length);
    const itemOrigin = err.message.startsWith(origin) && cut > 0 ? err.message.slice(0, cut) : origin;
    await reject(store, report, itemOrigin, err.message, content);
  }
  for (const p of parsed.articles) {
    const a = toArticle(p);
    for (const w of p.warnings) report.warnings.push({ origin: p.origin, warning: w });
    if (await store.insertArticle(a)) report.inserted.push({ id: a.id, label: a.label, origin: a.origin });
    else report.duplicates.push({ origin: p.origin });
  }
}

/**
 * Decode and ingest one input's bytes: the single entry point for files, stdin and HTTP bodies,
 * so all of them accept and reject the same bytes. Never throws for bad input.
 */
export async function ingestBytes(store: Store, bytes: Uint8Array, origin: string, report: IngestReport, opts: IngestOptions = {}): Promise<void> {
  if (bytes.byteLength > MAX_BYTES) return reject(store, report, origin, tooLargeReason(origin, bytes.byteLength), null);
  let decoded;
  try {
    decoded = decodeBytes(bytes, origin, { contentType: opts.contentType });
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return reject(store, report, origin, e.message, bytes);
  }
  for (const w of decoded.warnings) report.warnings.push({ origin, warning: w });
  await ingestContent(store, decoded.text, origin, report, opts);
}

export async function ingestFile(store: Store, path: string, report: IngestReport, opts: IngestOptions = {}): Promise<void> {
  report.files++;
  const r = readInput(path);
  if (r.error !== null) return reject(store, report, path, r.error, null);
  await ingestBytes(store, r.bytes, path, report, opts);
}

export async function ingestPaths(store: Store, paths: string[], opts: IngestOptions & { progress?: boolean } = {}): Promise<IngestReport> {
  const report = emptyReport();
  const { files, missing } = expandPaths(paths);
  for (const m of missing) await reject(store, report, m.origin, m.reason, null);
  const bar = new ProgressBar('ingest', files.length);
  for (let i = 0; i < files.length; i++) {
    await ingestFile(store, files[i], report, opts);
    if (opts.progress !== false) bar.update(i + 1);
  }
  if (opts.progress !== false) bar.done();
  return report;
}

// Ingest files, directories and stdin into the store. Bad input is reported and kept in
// ingest_errors (with its raw content); it never stops the rest of the batch.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument, InputError, type Format } from './parse.ts';
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

export function emptyReport(): IngestReport {
  return { files: 0, inserted: [], duplicates: [], errors: [], warnings: [] };
}

const MAX_BYTES = 20 * 1024 * 1024;

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

/** Read one file as text; binary content is returned base64-encoded so it can still be kept. */
export function readInput(path: string): { text: string | null; keep: string | null; error: string | null; warning?: string } {
  let buf: Buffer;
  try {
    const st = statSync(path);
    if (st.size > MAX_BYTES) return { text: null, keep: null, error: `${path}: file is ${(st.size / 1048576).toFixed(1)} MiB, larger than the ${MAX_BYTES / 1048576} MiB limit` };
    buf = readFileSync(path);
  } catch (e) {
    return { text: null, keep: null, error: `${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
  }
  if (buf.includes(0)) return { text: null, keep: 'base64:' + buf.toString('base64'), error: `${path}: looks like a binary file (NUL bytes); expected text, HTML, RSS or Atom` };
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
    return { text, keep: text, error: null };
  } catch {
    // not UTF-8: legacy single-byte pages are still news; read them as Windows-1252 rather than reject them
    const text = new TextDecoder('windows-1252').decode(buf);
    return { text, keep: text, error: null, warning: 'not valid UTF-8; read as Windows-1252' };
  }
}

/** Parse one document's content and store its articles into `report`. */
export async function ingestContent(store: Store, content: string, origin: string, report: IngestReport, opts: { format?: Format } = {}): Promise<void> {
  let parsed;
  try {
    parsed = parseDocument(content, origin, { format: opts.format });
  } catch (e) {
    const reason = e instanceof InputError ? e.message : `${origin}: ${(e as Error).message}`;
    report.errors.push({ origin, reason });
    await store.recordError(origin, reason, content);
    return;
  }
  for (const err of parsed.errors) {
    report.errors.push({ origin, reason: err.message });
    await store.recordError(err.message.split(':')[0] || origin, err.message, content);
  }
  for (const p of parsed.articles) {
    const a = toArticle(p);
    for (const w of p.warnings) report.warnings.push({ origin: p.origin, warning: w });
    if (await store.insertArticle(a)) report.inserted.push({ id: a.id, label: a.label, origin: a.origin });
    else report.duplicates.push({ origin: p.origin });
  }
}

export async function ingestFile(store: Store, path: string, report: IngestReport, opts: { format?: Format } = {}): Promise<void> {
  report.files++;
  const r = readInput(path);
  if (r.error) {
    report.errors.push({ origin: path, reason: r.error });
    await store.recordError(path, r.error, r.keep);
    return;
  }
  if (r.warning) report.warnings.push({ origin: path, warning: r.warning });
  await ingestContent(store, r.text!, path, report, opts);
}

export async function ingestPaths(store: Store, paths: string[], opts: { format?: Format; progress?: boolean } = {}): Promise<IngestReport> {
  const report = emptyReport();
  const { files, missing } = expandPaths(paths);
  for (const m of missing) {
    report.errors.push(m);
    await store.recordError(m.origin, m.reason, null);
  }
  const bar = new ProgressBar('ingest', files.length);
  for (let i = 0; i < files.length; i++) {
    await ingestFile(store, files[i], report, opts);
    if (opts.progress !== false) bar.update(i + 1);
  }
  if (opts.progress !== false) bar.done();
  return report;
}

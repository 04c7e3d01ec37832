// Ingest files, directories, stdin and HTTP bodies into the store. Every input goes bytes →
// decodeBytes → parse (in a worker thread, within a time budget) → store. Bad input is reported
// and kept in ingest_errors (with its raw content); it never stops the rest of the batch.
import type { ArticleFeatures } from '../model/features.ts';
import { safeFeatures } from '../analysis/features.ts';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { InputError, type Format, type ParsedArticle } from '../model/article.ts';
import type { ParsedDocument } from './parse.ts';
import { ParseRejection } from './errors.ts';
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
  /** the page's own URL, when the bytes came over HTTP */
  url?: string | null;
  /** documents fetched from the web: same canonical URL or GUID ⇒ same document (see src/fetch/crawl.ts) */
  dedupe?: Dedupe;
}

export interface Dedupe {
  /** true when the article is already stored as another copy of the same document (its origin then recorded) */
  seen(p: ParsedArticle): Promise<boolean>;
  /** called with the id of the stored article (new, or already stored with the same text) */
  stored(p: ParsedArticle, articleId: string): Promise<void>;
}

export function emptyReport(): IngestReport {
  return { files: 0, inserted: [], duplicates: [], errors: [], warnings: [] };
}

export const MAX_BYTES = 20 * 1024 * 1024;

export function tooLargeReason(origin: string, bytes: number): string {
  return `${origin}: input is ${(bytes / 1048576).toFixed(1)} MiB, larger than the ${MAX_BYTES / 1048576} MiB limit`;
}

/** Expand directories (recursively, skipping hidden entries) into a sorted file list. Missing paths become errors. */
/** A database's data directory (an embedded database, or any PostgreSQL data folder) holds no news: never walked. */
const isDatabaseDirectory = (dir: string) => existsSync(join(dir, 'PG_VERSION'));

export function expandPaths(paths: string[]): { files: string[]; missing: Array<{ origin: string; reason: string }>; skipped: string[] } {
  const files: string[] = [];
  const missing: Array<{ origin: string; reason: string }> = [];
  const skipped: string[] = [];
  const walk = (p: string) => {
    let st;
    try {
      st = statSync(p);
    } catch (e) {
      missing.push({ origin: p, reason: `${p}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` });
      return;
    }
    if (st.isDirectory()) {
      if (isDatabaseDirectory(p)) skipped.push(p);
      else for (const name of readdirSync(p).sort()) if (!name.startsWith('.')) walk(join(p, name));
    } else files.push(p);
  };
  for (const p of paths) walk(p);
  return { files, missing, skipped };
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

/** What to keep of a rejected input: its text, or base64 when it is not text that can be stored as such. */
function keepable(content: string | Uint8Array): string {
  if (typeof content === 'string') return content.includes('\u0000') ? 'base64:' + Buffer.from(content).toString('base64') : content;
  try {
    return keepable(new TextDecoder('utf-8', { fatal: true }).decode(content));
  } catch {
    return 'base64:' + Buffer.from(content).toString('base64');
  }
}

/** One input after decoding and parsing, before anything is stored. */
type Outcome =
  | { origin: string; ok: true; doc: ParsedDocument }
  | { origin: string; ok: false; reason: string; raw: string | Uint8Array | null; warnings: string[] };

async function parseOutcome(origin: string, raw: string | Uint8Array, parse: () => Promise<ParsedDocument>): Promise<Outcome> {
  try {
    return { origin, ok: true, doc: await parse() };
  } catch (e) {
    const rejection = e instanceof ParseRejection ? e : null;
    const reason = e instanceof InputError ? e.message : `${origin}: ${(e as Error).message}`;
    return { origin, ok: false, reason, raw: rejection?.text ?? raw, warnings: rejection?.warnings ?? [] };
  }
}

/** Decode and parse one input's bytes in the parse pool, within its time budget. */
function prepareBytes(bytes: Uint8Array, origin: string, opts: IngestOptions): Promise<Outcome> {
  if (bytes.byteLength > MAX_BYTES) return Promise.resolve({ origin, ok: false, reason: tooLargeReason(origin, bytes.byteLength), raw: null, warnings: [] });
  return parseOutcome(origin, bytes, () => parsePool().parseBytes(bytes, origin, { format: opts.format, contentType: opts.contentType, url: opts.url }));
}

function prepareFile(path: string, opts: IngestOptions): Promise<Outcome> {
  const r = readInput(path);
  if (r.error !== null) return Promise.resolve({ origin: path, ok: false, reason: r.error, raw: null, warnings: [] });
  return prepareBytes(r.bytes, path, opts);
}

/** Features computed before the article had its stored id (another document may have held the id its text gives). */
function featuresFor(f: ArticleFeatures, id: string): ArticleFeatures {
  if (f.articleId === id) return f;
  return { ...f, articleId: id, mentions: f.mentions.map((m) => ({ ...m, articleId: id })), event: { ...f.event, id } };
}

/** Store what one input gave: its articles, its failed feed items, or its rejection (with the raw input). */
async function commit(store: Store, report: IngestReport, o: Outcome, dedupe?: Dedupe): Promise<void> {
  const warnings = o.ok ? o.doc.warnings : o.warnings;
  for (const w of warnings) report.warnings.push({ origin: o.origin, warning: w });
  if (!o.ok) {
    report.errors.push({ origin: o.origin, reason: o.reason });
    await store.recordError(o.origin, o.reason, o.raw === null ? null : keepable(o.raw));
    return;
  }
  for (const err of o.doc.errors) {
    // the item's own origin ("feed.rss#item-3") leads its message
    const cut = err.message.indexOf(': ', o.origin.length);
    const itemOrigin = err.message.startsWith(o.origin) && cut > 0 ? err.message.slice(0, cut) : o.origin;
    report.errors.push({ origin: itemOrigin, reason: err.message });
    await store.recordError(itemOrigin, err.message, err.raw);
  }
  for (const [i, p] of o.doc.articles.entries()) {
    const a = toArticle(p);
    for (const w of p.warnings) report.warnings.push({ origin: p.origin, warning: w });
    if (await dedupe?.seen(p)) report.duplicates.push({ origin: p.origin });
    else {
      // a parser thread that could not compute them leaves them to this thread
      if (await store.insertArticle(a, (id) => featuresFor(o.doc.features?.[i] ?? safeFeatures({ ...a, id }), id))) report.inserted.push({ id: a.id, label: a.label, origin: a.origin });
      else report.duplicates.push({ origin: p.origin });
      await dedupe?.stored(p, a.id);
    }
  }
}

/** Parse one decoded document (in the parse pool, within its time budget) and store its articles into `report`. */
export async function ingestContent(store: Store, content: string, origin: string, report: IngestReport, opts: IngestOptions = {}): Promise<void> {
  await commit(store, report, await parseOutcome(origin, content, () => parsePool().parse(content, origin, { format: opts.format })));
}

/**
 * Decode and ingest one input's bytes: the single entry point for files, stdin and HTTP bodies, so
 * all of them accept and reject the same bytes. Decoding and parsing run in a worker thread, so the
 * event loop stays free. Never throws for bad input.
 */
export async function ingestBytes(store: Store, bytes: Uint8Array, origin: string, report: IngestReport, opts: IngestOptions = {}): Promise<void> {
  await commit(store, report, await prepareBytes(bytes, origin, opts), opts.dedupe);
}

export async function ingestFile(store: Store, path: string, report: IngestReport, opts: IngestOptions = {}): Promise<void> {
  report.files++;
  await commit(store, report, await prepareFile(path, opts));
}

/** Ingest files and folders. Several files are parsed at once (one per pool thread); results are stored in file order. */
export async function ingestPaths(store: Store, paths: string[], opts: IngestOptions & { progress?: boolean } = {}): Promise<IngestReport> {
  const report = emptyReport();
  const { files, missing, skipped } = expandPaths(paths);
  for (const dir of skipped) report.warnings.push({ origin: dir, warning: 'a database directory, not articles: skipped' });
  for (const m of missing) await commit(store, report, { origin: m.origin, ok: false, reason: m.reason, raw: null, warnings: [] });
  const bar = new ProgressBar('ingest', files.length);
  const ahead = parsePool().size;
  const pending: Array<Promise<Outcome>> = [];
  for (let i = 0; i < files.length; i++) {
    while (pending.length < ahead && i + pending.length < files.length) pending.push(prepareFile(files[i + pending.length], opts));
    report.files++;
    await commit(store, report, await pending.shift()!);
    if (opts.progress !== false) bar.update(i + 1);
  }
  if (opts.progress !== false) bar.done();
  return report;
}

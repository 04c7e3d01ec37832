// One uploaded document: the same path as a file or stdin (ingestBytes), so every entry point accepts and
// rejects the same bytes; rejections are kept raw in ingest_errors with a one-line reason.
import { randomBytes } from 'node:crypto';
import { emptyReport, ingestBytes, type IngestReport } from '../ingest/ingest.ts';
import type { Format } from '../model/article.ts';
import type { Store } from '../store/store.ts';
import { HttpError, clip } from './http.ts';

const FORMATS: readonly Format[] = ['text', 'html', 'rss', 'atom'];
const MAX_ORIGIN = 300;

export function parseFormat(value: string | undefined): Format | undefined {
  if (value === undefined || value === '') return undefined;
  if (!(FORMATS as readonly string[]).includes(value)) throw new HttpError(400, `unknown format ${clip(value, 40)} (text, html, rss or atom)`);
  return value as Format;
}

/** The name the upload is stored under: given by the client, or a unique upload-<time> name. */
export function parseOrigin(value: string | undefined): string {
  if (!value) return `upload-${new Date().toISOString().replace(/[:.]/g, '-')}-${randomBytes(3).toString('hex')}`;
  if (value.length > MAX_ORIGIN) throw new HttpError(400, `origin is longer than ${MAX_ORIGIN} characters`);
  if (/[\u0000-\u001f\u007f]/.test(value)) throw new HttpError(400, 'origin contains control characters');
  return value;
}

/** Store one uploaded body exactly as the CLI would store the same bytes (decoded and parsed in a worker thread). */
export async function ingestUpload(store: Store, bytes: Uint8Array, origin: string, opts: { format?: Format; contentType?: string | null }): Promise<IngestReport> {
  const report = emptyReport();
  report.files = 1;
  if (!bytes.byteLength) {
    const reason = `${origin}: empty request body; expected text, HTML, RSS or Atom`;
    report.errors.push({ origin, reason });
    await store.recordError(origin, reason, null);
    return report;
  }
  await ingestBytes(store, bytes, origin, report, { format: opts.format, contentType: opts.contentType });
  return report;
}

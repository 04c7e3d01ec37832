// One uploaded document: bytes are decoded like any other input, rejections are kept raw in
// ingest_errors with a one-line reason, and what parses is stored.
import { randomBytes } from 'node:crypto';
import { decodeBytes } from '../ingest/decode.ts';
import { emptyReport, ingestContent, type IngestReport } from '../ingest/ingest.ts';
import { InputError, type Format } from '../model/article.ts';
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

async function reject(store: Store, report: IngestReport, origin: string, reason: string, bytes: Uint8Array): Promise<IngestReport> {
  report.errors.push({ origin, reason });
  // kept as base64: undecodable bytes (NUL, broken encodings) are not storable as text
  await store.recordError(origin, reason, 'base64:' + Buffer.from(bytes).toString('base64'));
  return report;
}

export async function ingestUpload(store: Store, bytes: Uint8Array, origin: string, opts: { format?: Format; contentType?: string | null }): Promise<IngestReport> {
  const report = emptyReport();
  report.files = 1;
  if (!bytes.byteLength) return reject(store, report, origin, `${origin}: empty request body; expected text, HTML, RSS or Atom`, bytes);
  let text: string;
  try {
    const d = decodeBytes(bytes, origin, { contentType: opts.contentType });
    for (const w of d.warnings) report.warnings.push({ origin, warning: w });
    text = d.text;
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    return reject(store, report, origin, e.message, bytes);
  }
  // text columns cannot hold NUL; whatever decoding produced them, the document is not storable text
  if (text.includes('\u0000')) return reject(store, report, origin, `${origin}: contains NUL characters; expected text, HTML, RSS or Atom`, bytes);
  await ingestContent(store, text, origin, report, { format: opts.format });
  return report;
}

// HTTP plumbing shared by the routes: errors with a status, bounded body reading, error responses
// that never echo internals (SQL, stack traces, request bodies).
import { randomBytes } from 'node:crypto';
import type { Context } from 'hono';

export const MAX_BODY = 20 * 1024 * 1024;

/** An expected failure: its status and one-line message go to the client as they are. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/** Shorten client-supplied text before it appears in an error message. */
export function clip(s: string, n = 120): string {
  const one = s.replace(/[\u0000-\u001f\u007f]/g, '?');
  return one.length > n ? one.slice(0, n) + '…' : one;
}

/** The request body as bytes; 413 beyond `limit`, checked on the declared length first and while streaming. */
export async function readBytes(req: Request, limit = MAX_BODY): Promise<Uint8Array> {
  const tooLarge = () => new HttpError(413, `request body larger than ${limit / 1048576} MiB`);
  const declared = Number(req.headers.get('content-length') ?? NaN);
  if (declared > limit) throw tooLarge();
  if (!req.body) return new Uint8Array(0);
  const parts: Uint8Array[] = [];
  let n = 0;
  const reader = req.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    n += value.byteLength;
    if (n > limit) {
      await reader.cancel();
      throw tooLarge();
    }
    parts.push(value);
  }
  return Buffer.concat(parts);
}

/** The response for any thrown error: expected ones as they are, others as a generic 500 with an id for the log. */
export function errorResponse(c: Context, e: unknown, log: (msg: string) => void): Response {
  if (e instanceof HttpError) {
    for (const [k, v] of Object.entries(e.headers)) c.header(k, v);
    return c.json({ error: e.message }, e.status as 400);
  }
  const id = randomBytes(6).toString('hex');
  log(`error ${id} on ${c.req.method} ${clip(c.req.path, 300)}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  return c.json({ error: `internal error (id ${id}); details are in the server log`, id }, 500);
}

/** ?offset=&limit= of a list; 400 when they are not whole numbers. */
export function pageParams(c: Context): { offset: number; limit?: number } {
  const num = (name: string) => {
    const v = c.req.query(name);
    if (v === undefined || v === '') return undefined;
    if (!/^\d{1,9}$/.test(v)) throw new HttpError(400, `${name} must be a whole number, not ${clip(v, 40)}`);
    return Number(v);
  };
  return { offset: num('offset') ?? 0, limit: num('limit') };
}

/**
 * A JSON array written as its pages are read, so a whole-collection list is never held at once. The first page is
 * read before the response starts (a failure there is an ordinary error response); a later failure cuts it short.
 */
export async function jsonArray(c: Context, pages: AsyncIterable<unknown[]>): Promise<Response> {
  const it = pages[Symbol.asyncIterator]();
  const first = await it.next();
  const enc = new TextEncoder();
  let started = false;
  let pending: IteratorResult<unknown[]> | null = first;
  const stream = new ReadableStream<Uint8Array>({
    async pull(ctl) {
      for (;;) {
        const r = pending ?? (await it.next());
        pending = null;
        if (r.done) {
          ctl.enqueue(enc.encode(started ? ']' : '[]'));
          ctl.close();
          return;
        }
        if (!r.value.length) continue;
        ctl.enqueue(enc.encode((started ? ',' : '[') + r.value.map((x) => JSON.stringify(x)).join(',')));
        started = true;
        return;
      }
    },
    async cancel() {
      await it.return?.();
    },
  });
  return c.body(stream, 200, { 'content-type': 'application/json; charset=UTF-8' });
}

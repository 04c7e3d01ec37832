// The feeds `watch` polls: list them with their state, add one, remove one. Writes pass the
// security middleware like every other write (same origin, API token when configured).
import { Hono } from 'hono';
import { feedUrl } from '../../fetch/feedlist.ts';
import { DEFAULT_INTERVAL_S, parseInterval } from '../../fetch/interval.ts';
import { HttpError, clip, readBytes } from '../http.ts';
import type { RouteDeps } from './deps.ts';

const MAX_JSON = 64 * 1024;

async function jsonBody(req: Request): Promise<Record<string, unknown>> {
  const text = Buffer.from(await readBytes(req, MAX_JSON)).toString('utf8');
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new HttpError(400, 'body is not JSON: send {"url": "https://…/feed.xml", "every": "15m"}');
  }
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw new HttpError(400, 'body must be a JSON object: {"url": "https://…/feed.xml", "every": "15m"}');
  return v as Record<string, unknown>;
}

function badRequest<X>(fn: () => X): X {
  try {
    return fn();
  } catch (e) {
    throw new HttpError(400, clip((e as Error).message, 300));
  }
}

export function feedRoutes({ store }: RouteDeps): Hono {
  const r = new Hono({ strict: false });
  r.get('/feeds', async (c) => c.json(await store.feeds.list()));
  r.post('/feeds', async (c) => {
    const body = await jsonBody(c.req.raw);
    if (typeof body.url !== 'string') throw new HttpError(400, 'missing "url": the feed URL to add');
    const url = badRequest(() => feedUrl(body.url as string));
    const every = body.every === undefined ? null : badRequest(() => parseInterval(body.every as string | number));
    const { feed, added } = await store.feeds.add(url, every, DEFAULT_INTERVAL_S);
    return c.json(feed, added ? 201 : 200);
  });
  r.delete('/feeds/:id', async (c) => {
    const id = c.req.param('id');
    if (!/^\d{1,9}$/.test(id)) throw new HttpError(400, `feed id must be a number, not ${clip(id, 40)}`);
    const feed = await store.feeds.remove(Number(id));
    if (!feed) throw new HttpError(404, `no feed ${id}`);
    return c.json(feed);
  });
  r.get('/fetch-log', async (c) => c.json(await store.feeds.fetchLog(200)));
  return r;
}

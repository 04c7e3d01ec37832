// GET /api/search?q=…&outlet=&from=&to=&entity=&story=&limit= : full-text search over articles and facts.
import { Hono } from 'hono';
import { HttpError } from '../http.ts';
import { parseSearchQuery } from '../../search/query.ts';
import { InvalidQuery } from '../../model/search.ts';
import type { RouteDeps } from './deps.ts';

const PARAMS = ['q', 'outlet', 'from', 'to', 'entity', 'story', 'limit'];

export function searchRoutes({ store }: RouteDeps): Hono {
  const r = new Hono({ strict: false });
  r.get('/search', async (c) => {
    const given = c.req.query();
    const unknown = Object.keys(given).filter((k) => !PARAMS.includes(k));
    if (unknown.length) throw new HttpError(400, `unknown search parameter ${unknown[0].slice(0, 40)} (use ${PARAMS.join(', ')})`);
    try {
      return c.json(await store.search.search(parseSearchQuery(given)));
    } catch (e) {
      if (e instanceof InvalidQuery) throw new HttpError(400, e.message);
      throw e;
    }
  });
  return r;
}

// Copy relations and entities across the whole collection, read from the store (copies a page at a time).
import { Hono } from 'hono';
import { jsonArray } from '../http.ts';
import type { RouteDeps } from './deps.ts';

export function findingRoutes({ store, analysis }: RouteDeps): Hono {
  const r = new Hono({ strict: false });
  r.get('/copies', async (c) => {
    await analysis.current();
    return jsonArray(c, store.reads.allCopies());
  });
  r.get('/entities', async (c) => {
    await analysis.current();
    return c.json(await store.reads.entities());
  });
  return r;
}

// Copy relations and entities across the whole collection, from the last stored analysis.
import { Hono } from 'hono';
import type { RouteDeps } from './deps.ts';

export function findingRoutes({ analysis }: RouteDeps): Hono {
  const r = new Hono({ strict: false });
  r.get('/copies', async (c) => c.json((await analysis.current()).copies));
  r.get('/entities', async (c) => c.json((await analysis.current()).entities.map(({ mentions, ...e }) => ({ ...e, mentionCount: mentions.length }))));
  return r;
}

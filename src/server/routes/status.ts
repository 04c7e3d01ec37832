// Liveness, the freshness of the served analysis, and an explicit re-analysis.
import { Hono } from 'hono';
import type { RouteDeps } from './deps.ts';

export function statusRoutes({ store, analysis }: RouteDeps): Hono {
  const r = new Hono({ strict: false });
  r.get('/health', async (c) => c.json({ ok: true, storage: store.kind, articles: await store.countArticles() }));
  r.get('/status', async (c) => c.json({ storage: store.kind, ...(await analysis.status()) }));
  r.post('/analyze', async (c) => {
    await analysis.runNow();
    const [articles, counts, run] = await Promise.all([store.reads.analysedCount(), store.results.counts(), store.reads.run()]);
    return c.json({ articles, stories: counts.stories, copies: counts.copies, timings: run?.timings ?? {} });
  });
  return r;
}

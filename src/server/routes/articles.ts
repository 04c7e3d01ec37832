// Stored articles (read and add) and the inputs that were rejected.
import { Hono } from 'hono';
import { HttpError, clip, readBytes } from '../http.ts';
import { ingestUpload, parseFormat, parseOrigin } from '../upload.ts';
import type { RouteDeps } from './deps.ts';

export function articleRoutes({ store, analysis }: RouteDeps): Hono {
  const r = new Hono({ strict: false });
  r.get('/articles', async (c) => {
    const arts = await store.listArticles();
    return c.json(arts.map(({ raw: _r, text, removed: _x, ...a }) => ({ ...a, words: text.split(/\s+/).filter(Boolean).length })));
  });
  r.get('/articles/:key', async (c) => {
    const a = await store.getArticle(c.req.param('key'));
    if (!a) throw new HttpError(404, `no article ${clip(c.req.param('key'))}`);
    const { raw: _r, ...rest } = a;
    return c.json(rest);
  });
  // stores and answers at once; the analysis catches up in the background
  r.post('/articles', async (c) => {
    const format = parseFormat(c.req.query('format'));
    const origin = parseOrigin(c.req.query('origin'));
    const bytes = await readBytes(c.req.raw);
    const report = await ingestUpload(store, bytes, origin, { format, contentType: c.req.header('content-type') });
    if (report.inserted.length) analysis.schedule();
    return c.json(report, report.inserted.length ? 201 : report.errors.length ? 422 : 200);
  });
  r.get('/errors', async (c) => c.json(await store.listErrors()));
  return r;
}

// Read models behind the web UI's article reader and entity pages: what one article or entity
// is, where it stands in the stories, and the copies and quotes that involve it; read from the store.
import { Hono } from 'hono';
import { HttpError, clip } from '../http.ts';
import type { RouteDeps } from './deps.ts';

export function viewRoutes({ store, analysis }: RouteDeps): Hono {
  const r = new Hono({ strict: false });
  // the article as the analysis split it into sentences, so a citation (article, sentence) can be shown in place
  r.get('/articles/:key/reader', async (c) => {
    const key = c.req.param('key');
    const a = await store.getArticle(key);
    if (!a) throw new HttpError(404, `no article ${clip(key)}`);
    await analysis.current();
    const v = await store.reads.articleView(a.id);
    const { raw: _r, text, ...meta } = a;
    return c.json({ ...meta, text, sentences: v.sentences, story: v.story, copies: v.copies, sourceGroup: v.sourceGroup });
  });
  r.get('/entities/:id', async (c) => {
    await analysis.current();
    const e = await store.reads.entityView(c.req.param('id'));
    if (!e) throw new HttpError(404, `no entity ${clip(c.req.param('id'))}`);
    return c.json(e);
  });
  return r;
}

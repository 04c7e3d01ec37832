// GET /api/export/{articles|copies|facts}.{csv|json}?story= : the export tables as downloadable files.
import { Hono } from 'hono';
import { HttpError, clip } from '../http.ts';
import { InvalidExport, makeExport } from '../../export/run.ts';
import type { RouteDeps } from './deps.ts';

export function exportRoutes({ store, analysis }: RouteDeps): Hono {
  const r = new Hono({ strict: false });
  r.get('/export/:file', async (c) => {
    const file = c.req.param('file');
    const m = /^([a-z]+)\.([a-z]+)$/.exec(file);
    if (!m) throw new HttpError(404, `no export ${clip(file)}: ask for articles, copies or facts as .csv or .json`);
    try {
      await analysis.current();
      const out = await makeExport(store, m[1], m[2], c.req.query('story') ?? null);
      c.header('content-type', out.contentType);
      c.header('content-disposition', `attachment; filename="${out.filename}"`);
      return c.body(out.body);
    } catch (e) {
      if (e instanceof InvalidExport) throw new HttpError(/^story:/.test(e.message) ? 404 : 400, e.message);
      throw e;
    }
  });
  return r;
}

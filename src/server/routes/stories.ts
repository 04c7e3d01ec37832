// Stories (events) and their dossiers, read from the store a story at a time.
import { Hono, type Context } from 'hono';
import { buildDossier, renderMarkdown, type Dossier } from '../../dossier/dossier.ts';
import { storySummaries } from '../../service.ts';
import { HttpError, clip, jsonArray, pageParams } from '../http.ts';
import type { RouteDeps } from './deps.ts';

/**
 * A story by number or id. The id or number of a story since merged into another answers 308 Permanent Redirect
 * to the surviving story's address (same sub-path), with a JSON body naming it; links and citations keep working.
 */
export function storyRoutes({ store, analysis }: RouteDeps): Hono {
  const r = new Hono({ strict: false });
  const story = async (c: Context, suffix: string, answer: (d: Dossier) => Response) => {
    const key = c.req.param('key') ?? '';
    await analysis.current();
    const found = await store.reads.resolveStory(key);
    if (!found) throw new HttpError(404, `no story ${clip(key)}: no story has ever had this number or id`);
    if (found.redirectedFrom) {
      const location = `/api/stories/${encodeURIComponent(found.id)}${suffix}`;
      c.header('location', location);
      return c.json({ redirectedFrom: found.redirectedFrom, id: found.id, number: found.number, location }, 308);
    }
    const slice = await store.slices.slice([found.id]);
    if (!slice.stories.length) throw new HttpError(404, `no story ${clip(key)}: it was replaced while it was read; ask again`);
    return answer(buildDossier(slice.analysis, slice.stories[0]));
  };
  // ?offset=&limit= page the list; without them every story is sent, read and written a page at a time
  r.get('/', async (c) => {
    await analysis.current();
    const page = pageParams(c);
    return jsonArray(c, storySummaries(store, page));
  });
  r.get('/:key', (c) => story(c, '', (d) => c.json(d)));
  r.get('/:key/history', (c) => story(c, '/history', (d) => c.json(d.history)));
  r.get('/:key/dossier.md', (c) =>
    story(c, '/dossier.md', (d) => {
      c.header('content-type', 'text/markdown; charset=utf-8');
      return c.body(renderMarkdown(d));
    }),
  );
  return r;
}

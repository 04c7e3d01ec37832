// Stories (events) and their dossiers, from the last stored analysis.
import { Hono, type Context } from 'hono';
import type { Analysis, StoryEvent } from '../../model/analysis.ts';
import { buildDossier, renderMarkdown, type Dossier } from '../../dossier/dossier.ts';
import { resolveStory } from '../../dossier/resolve.ts';
import { HttpError, clip } from '../http.ts';
import type { RouteDeps } from './deps.ts';

function storySummary(an: Analysis, e: StoryEvent, i: number) {
  const byId = new Map(an.articles.map((a) => [a.id, a]));
  const copyOf = new Map(an.copies.map((c) => [c.copyId, c.sourceId]));
  return {
    number: e.number ?? i + 1,
    id: e.id,
    title: e.title,
    dateFrom: e.dateFrom,
    dateTo: e.dateTo,
    keyTerms: e.keyTerms,
    articles: e.articleIds.map((id) => {
      const a = byId.get(id);
      return { id, label: a?.label ?? id, outlet: a?.outlet ?? null, title: a?.title ?? null, copyOf: copyOf.get(id) ?? null };
    }),
    independentSources: e.independentSources,
    corroboratedFacts: e.facts.filter((f) => f.status === 'corroborated').length,
    contradictions: e.contradictions.length,
  };
}

/**
 * A story by number or id. The id or number of a story since merged into another answers 308 Permanent Redirect
 * to the surviving story's address (same sub-path), with a JSON body naming it; links and citations keep working.
 */
export function storyRoutes({ analysis }: RouteDeps): Hono {
  const r = new Hono({ strict: false });
  const story = async (c: Context, suffix: string, answer: (d: Dossier) => Response) => {
    const key = c.req.param('key') ?? '';
    const an = await analysis.current();
    const found = resolveStory(an, key);
    if (!found) throw new HttpError(404, `no story ${clip(key)}: no story has ever had this number or id`);
    if (found.redirectedFrom) {
      const location = `/api/stories/${encodeURIComponent(found.event.id)}${suffix}`;
      c.header('location', location);
      return c.json({ redirectedFrom: found.redirectedFrom, id: found.event.id, number: found.event.number ?? null, location }, 308);
    }
    return answer(buildDossier(an, found.event));
  };
  r.get('/', async (c) => {
    const an = await analysis.current();
    return c.json(an.events.map((e, i) => storySummary(an, e, i)));
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

// Stories (events) and their dossiers, from the last stored analysis.
import { Hono } from 'hono';
import type { Analysis, StoryEvent } from '../../analysis/analyze.ts';
import { buildDossier, findEvent, renderMarkdown } from '../../dossier/dossier.ts';
import { HttpError, clip } from '../http.ts';
import type { RouteDeps } from './deps.ts';

function storySummary(an: Analysis, e: StoryEvent, i: number) {
  const byId = new Map(an.articles.map((a) => [a.id, a]));
  const copyOf = new Map(an.copies.map((c) => [c.copyId, c.sourceId]));
  return {
    number: i + 1,
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

export function storyRoutes({ analysis }: RouteDeps): Hono {
  const r = new Hono({ strict: false });
  const story = async (key: string) => {
    const an = await analysis.current();
    const ev = findEvent(an, key);
    if (!ev) throw new HttpError(404, `no story ${clip(key)}`);
    return buildDossier(an, ev);
  };
  r.get('/', async (c) => {
    const an = await analysis.current();
    return c.json(an.events.map((e, i) => storySummary(an, e, i)));
  });
  r.get('/:key', async (c) => c.json(await story(c.req.param('key'))));
  r.get('/:key/dossier.md', async (c) => {
    c.header('content-type', 'text/markdown; charset=utf-8');
    return c.body(renderMarkdown(await story(c.req.param('key'))));
  });
  return r;
}

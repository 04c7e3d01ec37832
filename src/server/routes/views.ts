// Read models behind the web UI's article reader and entity pages: what one article or entity
// is, where it stands in the stories, and the copies and quotes that involve it.
import { Hono } from 'hono';
import type { Analysis } from '../../model/analysis.ts';
import { HttpError, clip } from '../http.ts';
import type { RouteDeps } from './deps.ts';

function storyOf(an: Analysis, articleId: string) {
  const i = an.events.findIndex((e) => e.articleIds.includes(articleId));
  return i < 0 ? null : { id: an.events[i].id, number: i + 1, title: an.events[i].title };
}

function copyLinks(an: Analysis, articleId: string) {
  const label = new Map(an.articles.map((a) => [a.id, a.label]));
  return an.copies
    .filter((c) => c.copyId === articleId || c.sourceId === articleId)
    .map((c) => ({ copyId: c.copyId, sourceId: c.sourceId, kind: c.kind, copyLabel: label.get(c.copyId) ?? c.copyId, sourceLabel: label.get(c.sourceId) ?? c.sourceId, copyCoverage: c.copyCoverage, sourceCoverage: c.sourceCoverage, sentencePairs: c.sentencePairs }));
}

export function viewRoutes({ store, analysis }: RouteDeps): Hono {
  const r = new Hono({ strict: false });
  // the article as the analysis split it into sentences, so a citation (article, sentence) can be shown in place
  r.get('/articles/:key/reader', async (c) => {
    const key = c.req.param('key');
    const a = await store.getArticle(key);
    if (!a) throw new HttpError(404, `no article ${clip(key)}`);
    const an = await analysis.current();
    const summary = an.articles.find((x) => x.id === a.id);
    const { raw: _r, text, ...meta } = a;
    return c.json({ ...meta, text, sentences: summary?.sentences ?? null, story: storyOf(an, a.id), copies: copyLinks(an, a.id), sourceGroup: an.sourceGroup[a.id] ?? null });
  });
  r.get('/entities/:id', async (c) => {
    const an = await analysis.current();
    const e = an.entities.find((x) => x.id === c.req.param('id'));
    if (!e) throw new HttpError(404, `no entity ${clip(c.req.param('id'))}`);
    const names = new Set([e.name, ...e.aliases.map((x) => x.form)].map((s) => s.toLowerCase()));
    const stories = an.events.map((ev, i) => ({ ev, i })).filter(({ ev }) => ev.entityIds.includes(e.id)).map(({ ev, i }) => ({ id: ev.id, number: i + 1, title: ev.title, articles: ev.articleIds.filter((id) => e.articleIds.includes(id)).length }));
    const saidBy = (speaker: string | null) => !!speaker && [...names].some((n) => speaker.toLowerCase().includes(n));
    const quotes = an.events.flatMap((ev) => ev.facts.filter((f) => f.kind === 'quote' && saidBy(f.quote?.speaker ?? null)).map((f) => ({ storyId: ev.id, text: f.quote?.text ?? f.text, speaker: f.quote?.speaker ?? null, citations: f.citations, independentSources: f.independentSources })));
    const { mentions, ...rest } = e;
    return c.json({ ...rest, mentionCount: mentions.length, stories, quotes });
  });
  return r;
}

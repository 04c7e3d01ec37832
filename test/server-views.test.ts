// The read models behind the UI's article reader and entity pages, over the example corpus.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Store } from '../src/store/store.ts';
import { createApp, type ServerApp } from '../src/server/app.ts';
import { analyze } from '../src/analysis/analyze.ts';
import { ingestPaths } from '../src/ingest/ingest.ts';
import { runAnalysis } from '../src/service.ts';
import type { Analysis } from '../src/model/analysis.ts';
import { SEEDS } from './helpers.ts';

let store: Store;
let srv: ServerApp;
let an: Analysis;
const get = async (path: string) => {
  const res = await srv.app.request(path);
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
};

before(async () => {
  store = await Store.open({ location: 'memory://' });
  await ingestPaths(store, [SEEDS]);
  an = await runAnalysis(store);
  srv = createApp(store, { bindHost: '127.0.0.1', analyze: (s) => runAnalysis(s), log: () => {} });
});
after(async () => {
  await srv.close();
  await store.close();
});

test('reader: an article comes with the sentences citations count, its story, its copies and its source group', async () => {
  const copy = an.copies[0];
  const { status, body } = await get(`/api/articles/${copy.copyId}/reader`);
  assert.equal(status, 200);
  assert.deepEqual(body.sentences, an.articles.find((a) => a.id === copy.copyId)!.sentences);
  assert.equal((body.story as { id: string }).id, an.events.find((e) => e.articleIds.includes(copy.copyId))!.id);
  assert.ok((body.copies as Array<{ sourceId: string }>).some((c) => c.sourceId === copy.sourceId));
  assert.equal(body.sourceGroup, an.sourceGroup[copy.copyId]);
  assert.equal('raw' in body, false, 'the raw input is not served');
  assert.equal((await get('/api/articles/no-such-article/reader')).status, 404);
});

test('entity page: aliases, the stories it is in, and the quotes its person said', async () => {
  const speakers = an.events.flatMap((e) => e.facts).filter((f) => f.quote?.speaker).map((f) => f.quote!.speaker!);
  const person = an.entities.find((e) => e.type === 'person' && speakers.includes(e.name))!;
  const { status, body } = await get(`/api/entities/${person.id}`);
  assert.equal(status, 200);
  assert.equal(body.name, person.name);
  const stories = body.stories as Array<{ id: string }>;
  assert.ok(stories.length >= 1 && stories.every((s) => an.events.some((e) => e.id === s.id && e.entityIds.includes(person.id))));
  const quotes = body.quotes as Array<{ speaker: string; citations: unknown[] }>;
  assert.ok(quotes.length >= 1 && quotes.every((q) => q.speaker.includes(person.name) && q.citations.length >= 1));
  assert.equal((await get('/api/entities/en-none')).status, 404);
});

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Store } from '../src/store/store.ts';
import { startServer } from '../src/server/server.ts';
import { SEEDS } from './helpers.ts';

let store: Store;
let srv: { url: string; close: () => Promise<void> };

before(async () => {
  store = await Store.open({ location: 'memory://' });
  srv = await startServer(store, { port: 0, host: '127.0.0.1' });
});
after(async () => {
  await srv.close();
  await store.close();
});

const get = async (p: string) => {
  const r = await fetch(srv.url + p);
  return { status: r.status, type: r.headers.get('content-type') ?? '', body: r.headers.get('content-type')?.includes('json') ? await r.json() : await r.text() };
};
const post = async (p: string, body: string) => {
  const r = await fetch(srv.url + p, { method: 'POST', body });
  return { status: r.status, body: await r.json() };
};

test('api: empty store has no stories', async () => {
  const h = await get('/api/health');
  assert.deepEqual(h.body, { ok: true, storage: 'pglite', articles: 0 });
  assert.deepEqual((await get('/api/stories')).body, []);
});

test('api: articles posted one by one are analysed; stories and dossiers come back', async () => {
  for (const f of readdirSync(SEEDS).sort()) {
    const r = await post(`/api/articles?origin=${encodeURIComponent(f)}`, readFileSync(join(SEEDS, f), 'utf8'));
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal(r.body.inserted.length, 1);
  }
  const dup = await post('/api/articles?origin=again.txt', readFileSync(join(SEEDS, readdirSync(SEEDS).sort()[0]), 'utf8'));
  assert.equal(dup.status, 200);
  assert.equal(dup.body.duplicates.length, 1);
  const stories = (await get('/api/stories')).body;
  assert.equal(stories.length, 2);
  assert.equal(stories[0].independentSources, 3);
  const copy = stories[0].articles.find((a: { label: string }) => a.label.startsWith('001_'));
  assert.ok(copy.copyOf);
  const d = (await get(`/api/stories/${stories[0].id}`)).body;
  assert.equal(d.sources.length, 4);
  assert.ok(d.corroborated.length >= 2);
  assert.ok(d.contradictions.some((c: { topic: string }) => /Defense Minister/.test(c.topic)));
  const md = await get(`/api/stories/1/dossier.md`);
  assert.match(md.type, /markdown/);
  assert.match(md.body, /^# /);
  const copies = (await get('/api/copies')).body;
  assert.equal(copies.length, 1);
  const ents = (await get('/api/entities')).body;
  assert.ok(ents.some((e: { name: string }) => e.name === 'Andrey Belousov'));
  const arts = (await get('/api/articles')).body;
  assert.equal(arts.length, 5);
  const one = (await get(`/api/articles/${arts[0].id}`)).body;
  assert.ok(one.text.length > 1000);
});

test('api: bad input is a 422 with a clear reason and is kept', async () => {
  const r = await post('/api/articles?origin=bad.xml', '<?xml version="1.0"?><rss><channel><item><title>x');
  assert.equal(r.status, 422);
  assert.match(r.body.errors[0].reason, /bad\.xml: malformed XML feed/);
  const errs = (await get('/api/errors')).body;
  assert.ok(errs.some((e: { origin: string; hasRaw: boolean }) => e.origin === 'bad.xml' && e.hasRaw));
  const f = await post('/api/articles?format=pdf', 'x');
  assert.equal(f.status, 400);
});

test('api: unknown routes and stories are 404 with a JSON error', async () => {
  const r = await get('/api/stories/ev-nope');
  assert.equal(r.status, 404);
  assert.match(r.body.error, /no story/);
  assert.equal((await get('/api/nothing')).status, 404);
});

test('web UI page is served', async () => {
  const r = await get('/');
  assert.equal(r.status, 200);
  assert.match(r.type, /text\/html/);
  assert.match(r.body, /<title>newsprov/);
  assert.match(r.body, /\/api\/stories/);
});

// The HTTP server on a real socket (127.0.0.1, in-memory store, analysis in its worker thread).
import { runAnalysis } from '../src/service.ts';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { request as httpRequest } from 'node:http';
import { Store } from '../src/store/store.ts';
import { startServer } from '../src/server/server.ts';
import { SEEDS, articleFromText } from './helpers.ts';
import { renderUi, syntheticArticle } from './server-ui.ts';

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

const get = async (p: string, base = srv.url) => {
  const r = await fetch(base + p);
  return { status: r.status, type: r.headers.get('content-type') ?? '', headers: r.headers, body: r.headers.get('content-type')?.includes('json') ? await r.json() : await r.text() };
};
const post = async (p: string, body: BodyInit, headers: Record<string, string> = {}, base = srv.url) => {
  const r = await fetch(base + p, { method: 'POST', body, headers });
  return { status: r.status, text: await r.text() };
};
const postJson = async (p: string, body: BodyInit, headers: Record<string, string> = {}) => {
  const r = await post(p, body, headers);
  return { status: r.status, body: JSON.parse(r.text) };
};

/** Wait (bounded) until the served analysis covers every stored article and nothing is running. */
async function analysed(base = srv.url): Promise<{ articles: number; analysedArticles: number }> {
  for (let i = 0; i < 1200; i++) {
    const s = (await get('/api/status', base)).body;
    if (s.fresh && !s.analysis.running && !s.analysis.queued) return s;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the analysis did not catch up');
}

/** A raw request, so the Host header can be set to anything. */
function rawGet(path: string, host: string): Promise<number> {
  const u = new URL(srv.url);
  return new Promise((res, rej) => {
    const req = httpRequest({ host: u.hostname, port: u.port, path, headers: { host } }, (r) => {
      r.resume();
      res(r.statusCode!);
    });
    req.on('error', rej);
    req.end();
  });
}

test('api: empty store has no stories', async () => {
  const h = await get('/api/health');
  assert.deepEqual(h.body, { ok: true, storage: 'pglite', articles: 0 });
  assert.deepEqual((await get('/api/stories')).body, []);
});

test('api: articles posted one by one are stored at once and analysed in the background; stories and dossiers come back', async () => {
  for (const f of readdirSync(SEEDS).sort()) {
    const r = await postJson(`/api/articles?origin=${encodeURIComponent(f)}`, readFileSync(join(SEEDS, f), 'utf8'));
    assert.equal(r.status, 201, JSON.stringify(r.body));
    assert.equal(r.body.inserted.length, 1);
  }
  const first = readdirSync(SEEDS).sort()[0];
  const dup = await postJson(`/api/articles?origin=${encodeURIComponent(first)}`, readFileSync(join(SEEDS, first), 'utf8'));
  assert.equal(dup.status, 200);
  assert.equal(dup.body.duplicates.length, 1);
  const st = await analysed();
  assert.equal(st.analysedArticles, 5);
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
  assert.equal((await get('/api/copies')).body.length, 1);
  assert.ok((await get('/api/entities')).body.some((e: { name: string }) => e.name === 'Andrey Belousov'));
  const arts = (await get('/api/articles')).body;
  assert.equal(arts.length, 5);
  assert.ok((await get(`/api/articles/${arts[0].id}`)).body.text.length > 1000);
  const an = await postJson('/api/analyze', '');
  assert.equal(an.status, 200);
  assert.equal(an.body.articles, 5);
});

test('api: bad input is a 422 with a clear reason and is kept', async () => {
  const r = await postJson('/api/articles?origin=bad.xml', '<?xml version="1.0"?><rss><channel><item><title>x');
  assert.equal(r.status, 422);
  assert.match(r.body.errors[0].reason, /bad\.xml: malformed XML feed/);
  const errs = (await get('/api/errors')).body;
  assert.ok(errs.some((e: { origin: string; hasRaw: boolean }) => e.origin === 'bad.xml' && e.hasRaw));
  assert.equal((await post('/api/articles?format=pdf', 'x')).status, 400);
});

test('api: unknown routes and stories are 404 with a JSON error', async () => {
  const r = await get('/api/stories/ev-nope');
  assert.equal(r.status, 404);
  assert.match(r.body.error, /no story/);
  assert.equal((await get('/api/nothing')).status, 404);
});

test('web UI page is served, with its script as a separate file', async () => {
  const r = await get('/');
  assert.equal(r.status, 200);
  assert.match(r.type, /text\/html/);
  assert.match(r.body, /<title>newsprov/);
  assert.match(r.body, /<script src="\/ui\/app\.js"/);
  assert.match((await get('/ui/app.js')).body, /\/api\/stories/);
});

test('hostile probe: cross-origin POST, foreign Host, NUL body, broken escapes; security headers', async () => {
  const before = (await get('/api/articles')).body.length;
  assert.equal((await post('/api/articles?origin=planted.txt', syntheticArticle(900), { origin: 'http://evil.example' })).status, 403);
  assert.equal((await get('/api/articles')).body.length, before, 'the cross-origin post stored nothing');
  assert.equal(await rawGet('/api/stories', 'evil.example'), 421);
  assert.equal(await rawGet('/api/health', `localhost:${new URL(srv.url).port}`), 200);
  const nul = await post('/api/articles?origin=nul.txt', Buffer.from('Title: NULCANARY\n\nsome \u0000 text'));
  assert.equal(nul.status, 422);
  assert.doesNotMatch(nul.text, /\binsert into\b|\bselect\b|NULCANARY|\$\d/i);
  assert.ok((await get('/api/errors')).body.some((e: { origin: string; hasRaw: boolean }) => e.origin === 'nul.txt' && e.hasRaw));
  assert.equal((await get('/api/stories/%E0%A4%A')).status, 400);
  const h = (await get('/')).headers;
  assert.match(h.get('content-security-policy') ?? '', /script-src 'self'/);
  assert.equal(h.get('x-content-type-options'), 'nosniff');
  assert.equal(h.get('x-frame-options'), 'DENY');
});

test('links: a javascript: source URL is inert text in the web UI and the Markdown dossier; http(s) URLs are links', async () => {
  const text = syntheticArticle(500);
  const evil = { ...articleFromText('evil-url', text + ' Officials thanked residents for their patience.', '2024-03-02'), url: 'javascript:alert(document.domain)', title: 'Bridge [click](javascript:alert(1)) <img src=x onerror=alert(2)>' };
  const good = { ...articleFromText('good-url', text, '2024-03-02'), url: 'https://news.example.org/bridge?id=1' };
  assert.ok(await store.insertArticle(evil));
  assert.ok(await store.insertArticle(good));
  assert.equal((await post('/api/analyze', '')).status, 200);
  const story = (await get('/api/stories')).body.find((s: { articles: Array<{ id: string }> }) => s.articles.some((a) => a.id === evil.id));
  assert.ok(story, 'the articles form a story');
  const d = (await get(`/api/stories/${story.id}`)).body;
  assert.ok(d.sources.some((s: { url: string }) => s.url === evil.url), 'the dossier carries the hostile URL as data');

  const view = await renderUi(srv.url, story.id);
  const hrefs = [...view.querySelectorAll('a')].map((a) => a.getAttribute('href') ?? '');
  assert.ok(hrefs.length > 0);
  for (const h of hrefs) assert.match(h, /^(https?:\/\/|\/api\/|\/(stories|articles|entities)\/[^:]*$)/, `link ${h}`);
  assert.ok(hrefs.includes('https://news.example.org/bridge?id=1'));
  assert.ok([...view.querySelectorAll('.inert-url')].some((s) => s.textContent === evil.url), 'the javascript: URL is shown as text');
  assert.equal(view.querySelectorAll('img').length, 0, 'markup in a title stays text');
  assert.ok(view.textContent!.includes(evil.title));

  const md = (await get(`/api/stories/${story.id}/dossier.md`)).body as string;
  assert.match(md, /<https:\/\/news\.example\.org\/bridge\?id=1>/);
  assert.match(md, /`javascript:alert\(document\.domain\)`/);
  assert.doesNotMatch(md, /<javascript:|[^\\]\]\(javascript:|[^\\]<img/i);
  assert.ok(md.includes('\\[click\\](javascript:alert(1)) \\<img src=x onerror=alert(2)\\>'), 'brackets in a title are escaped');
});

test('load: 30 concurrent POSTs are all stored and answered; the analysis then reflects all of them', async () => {
  const n0 = (await get('/api/health')).body.articles;
  const posts = await Promise.all(Array.from({ length: 30 }, (_, i) => post(`/api/articles?origin=burst-${i}.txt`, syntheticArticle(i))));
  assert.deepEqual(
    posts.map((p) => p.status),
    Array(30).fill(201),
  );
  const st = await analysed();
  assert.equal(st.articles, n0 + 30);
  assert.equal(st.analysedArticles, n0 + 30);
  const inStories = new Set((await get('/api/stories')).body.flatMap((s: { articles: Array<{ label: string }> }) => s.articles.map((a) => a.label)));
  for (let i = 0; i < 30; i++) assert.ok(inStories.has(`burst-${i}`), `burst-${i} is in a story`);
});

test('responsiveness: while an analysis runs, POST, health and reads answer from what is stored', async () => {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  let started = 0;
  const other = await Store.open({ location: 'memory://' });
  const s2 = await startServer(other, {
    port: 0,
    host: '127.0.0.1',
    analyze: async (s) => {
      if (started++ > 0) await gate;
      return runAnalysis(s);
    },
  });
  try {
    assert.equal((await post('/api/articles?origin=first.txt', syntheticArticle(700), {}, s2.url)).status, 201);
    await analysed(s2.url);
    assert.equal((await post('/api/articles?origin=second.txt', syntheticArticle(701), {}, s2.url)).status, 201, 'stored while the analysis waits');
    let st = (await get('/api/status', s2.url)).body;
    assert.ok(st.analysis.running || st.analysis.queued, 'the new article is queued for analysis at once');
    // the run starts once the writes pause
    for (let i = 0; i < 100 && !st.analysis.running; i++) st = (await new Promise((r) => setTimeout(r, 20)), await get('/api/status', s2.url)).body;
    assert.equal(st.analysis.running, true);
    assert.equal(st.fresh, false);
    assert.equal((await get('/api/health', s2.url)).body.articles, 2);
    const stories = (await get('/api/stories', s2.url)).body;
    assert.equal(stories.flatMap((x: { articles: unknown[] }) => x.articles).length, 1, 'reads serve the last finished analysis');
    release();
    assert.equal((await analysed(s2.url)).analysedArticles, 2);
  } finally {
    release();
    await s2.close();
    await other.close();
  }
});

test('a burst of posts is analysed once it pauses, not once per post', async () => {
  let runs = 0;
  const other = await Store.open({ location: 'memory://' });
  // a pause longer than the posts take, so the test does not depend on the machine's speed
  const s2 = await startServer(other, { port: 0, host: '127.0.0.1', burstDelay: { quietMs: 3000, maxMs: 20_000 }, analyze: async (s) => (runs++, runAnalysis(s)) });
  try {
    for (let i = 0; i < 10; i++) assert.equal((await post(`/api/articles?origin=burst-${i}.txt`, syntheticArticle(800 + i), {}, s2.url)).status, 201);
    assert.equal((await analysed(s2.url)).analysedArticles, 10);
    assert.equal(runs, 1, 'one analysis run for the 10 posts');
  } finally {
    await s2.close();
    await other.close();
  }
});

// watch: feeds polled on their own schedules with conditional GET, new items stored and analysed,
// per-feed state kept; the CLI (fetch, feeds, watch) and the API routes against a local server.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Store } from '../src/store/store.ts';
import { HttpClient } from '../src/fetch/client.ts';
import { watchFeeds, retryDelaySeconds, type PollResult } from '../src/fetch/watch.ts';
import { createApp } from '../src/server/app.ts';
import { parsePool } from '../src/ingest/pool.ts';
import { ROOT } from './helpers.ts';
import { startServer, send, rss, type TestServer } from './fetch-server.ts';

let srv: TestServer;
let fastItems = [{ guid: 'f1', link: 'https://news.example/f1', title: 'Harbour reopens', topic: 'harbour' }];
const RSS = { 'content-type': 'application/rss+xml' };

before(async () => {
  srv = await startServer({
    '/robots.txt': (_q, r) => send(r, 404, ''),
    '/fast.xml': (q, r) => {
      const etag = `"${fastItems.length}"`;
      if (q.headers['if-none-match'] === etag) return send(r, 304, '');
      send(r, 200, rss('Fast', fastItems), { ...RSS, etag });
    },
    '/slow.xml': (_q, r) => send(r, 200, rss('Slow', [{ guid: 's1', link: 'https://news.example/s1', title: 'Budget passes', topic: 'budget' }]), RSS),
    '/down.xml': (_q, r) => send(r, 503, 'maintenance'),
  });
});
after(async () => {
  await srv.close();
  await parsePool().close();
});

test('watch: each feed on its own schedule; 304 when unchanged; new items stored and analysed; errors kept per feed', async () => {
  const store = await Store.open({ location: 'memory://' });
  const client = new HttpClient({ allowPrivate: true, perHost: { intervalMs: 0, concurrency: 4 }, retries: 0 });
  try {
    await store.feeds.add(`${srv.base}/fast.xml`, 1);
    await store.feeds.add(`${srv.base}/slow.xml`, 3600);
    await store.feeds.add(`${srv.base}/down.xml`, 3600);
    const polls: PollResult[] = [];
    let analyses = 0;
    const sum = await watchFeeds(store, client, {
      rounds: 3,
      analyze: async () => void analyses++,
      onPoll: (r) => {
        polls.push(r);
        // a new item appears in the fast feed after its first poll
        if (r.feed.url.endsWith('/fast.xml') && fastItems.length === 1) fastItems = [...fastItems, { guid: 'f2', link: 'https://news.example/f2', title: 'Ferry strike ends', topic: 'ferry' }];
      },
    });
    assert.equal(sum.rounds, 3);
    assert.equal(srv.hits('/slow.xml'), 1, 'the hourly feed is polled once');
    assert.ok(srv.hits('/fast.xml') >= 2, 'the fast feed is polled again');
    const fast = polls.filter((p) => p.feed.url.endsWith('/fast.xml'));
    assert.deepEqual(fast.slice(0, 3).map((p) => [p.status, p.newItems]), [['ok', 1], ['ok', 1], ['not-modified', 0]].slice(0, fast.length));
    assert.equal(sum.newItems, 3, 'f1, s1, then f2');
    assert.ok(analyses >= 1 && analyses <= 2);
    assert.equal((await store.listArticles()).length, 3);
    const feeds = await store.feeds.list();
    const down = feeds.find((f) => f.url.endsWith('/down.xml'))!;
    assert.equal(down.lastStatus, 'error');
    assert.match(down.lastError!, /down\.xml: HTTP 503/);
    assert.equal(down.errorsInRow, 1);
    assert.ok(Date.parse(down.nextFetchAt) - Date.now() > 3000 * 1000, 'retried no sooner than its interval');
    const fastFeed = feeds.find((f) => f.url.endsWith('/fast.xml'))!;
    assert.equal(fastFeed.totalNewItems, 2);
    assert.equal(fastFeed.etag, '"2"');
    assert.ok(fastFeed.lastFetchAt);
  } finally {
    await client.close();
    await store.close();
  }
});

test('watch: failing feeds wait longer, doubling up to six hours', () => {
  assert.deepEqual([1, 2, 3].map((n) => retryDelaySeconds(60, n)), [60, 120, 240]);
  assert.equal(retryDelaySeconds(900, 30), 6 * 3600);
  assert.equal(retryDelaySeconds(86400, 3), 86400);
});

test('api: feeds listed, added (with interval) and removed; bad input named', async () => {
  const store = await Store.open({ location: 'memory://' });
  const { app, close } = createApp(store, { bindHost: '127.0.0.1', analyze: async () => { throw new Error('not used'); } });
  try {
    const post = (body: string) => app.request('http://127.0.0.1/api/feeds', { method: 'POST', body, headers: { 'content-type': 'application/json' } });
    const r = await post(JSON.stringify({ url: 'https://news.example/feed.xml#x', every: '10m' }));
    assert.equal(r.status, 201);
    const feed = await r.json();
    assert.equal(feed.url, 'https://news.example/feed.xml');
    assert.equal(feed.intervalSeconds, 600);
    assert.equal((await post(JSON.stringify({ url: 'https://news.example/feed.xml' }))).status, 200);
    const bad = await post(JSON.stringify({ url: 'file:///etc/passwd' }));
    assert.equal(bad.status, 400);
    assert.match((await bad.json()).error, /only http and https URLs are fetched, not file/);
    assert.match((await (await post(JSON.stringify({ url: 'https://x.example/', every: 'often' }))).json()).error, /bad polling interval "often"/);
    assert.match((await (await post('nope')).json()).error, /body is not JSON/);
    const list = await (await app.request('http://127.0.0.1/api/feeds')).json();
    assert.equal(list.length, 1);
    const cross = await app.request(`http://127.0.0.1/api/feeds/${feed.id}`, { method: 'DELETE', headers: { origin: 'https://evil.example' } });
    assert.equal(cross.status, 403, 'writes go through the security middleware');
    assert.equal((await app.request(`http://127.0.0.1/api/feeds/${feed.id}`, { method: 'DELETE' })).status, 200);
    assert.equal((await app.request(`http://127.0.0.1/api/feeds/${feed.id}`, { method: 'DELETE' })).status, 404);
  } finally {
    await close();
    await store.close();
  }
});

/** Run the CLI without blocking this process (the local server must keep answering). */
function cli(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((res) => {
    const p = spawn(process.execPath, [join(ROOT, 'bin/newsprov.mjs'), ...args], { env: { ...process.env, NEWSPROV_DB: '' } });
    let out = '';
    let err = '';
    p.stdout.on('data', (d) => (out += d));
    p.stderr.on('data', (d) => (err += d));
    const t = setTimeout(() => p.kill('SIGKILL'), 120_000);
    p.on('close', (code) => {
      clearTimeout(t);
      res({ code, out, err });
    });
  });
}

test('cli: fetch, feeds add|list|remove and watch against the local server', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'newsprov-fetch-'));
  const db = join(dir, 'db');
  const refused = await cli(['fetch', `${srv.base}/slow.xml`, '--db', db, '--no-analyze']);
  assert.equal(refused.code, 1);
  assert.match(refused.err, /slow\.xml: refused to connect to 127\.0\.0\.1, a loopback address; pass --allow-private/);

  const f = await cli(['fetch', `${srv.base}/slow.xml`, '--allow-private', '--db', db]);
  assert.equal(f.code, 0, f.err);
  assert.match(f.err, /fetched 1 URL\(s\): 1 stored/);
  assert.match(f.err, /ingested 1 new article\(s\)/);
  assert.match(f.err, /analysed 1 article\(s\)/);

  assert.equal((await cli(['feeds', 'add', 'gopher://x', '--db', db])).code, 2);
  const list = join(dir, 'feeds.txt');
  writeFileSync(list, `# feeds\n${srv.base}/fast.xml 1s\n${srv.base}/slow.xml\n`);
  const w = await cli(['watch', '--feeds', list, '--rounds', '1', '--allow-private', '--db', db]);
  assert.equal(w.code, 0, w.err);
  assert.match(w.err, /2 feed\(s\) from .*feeds\.txt/);
  assert.match(w.err, /fast\.xml: \d new item\(s\)/);
  assert.match(w.err, /slow\.xml: 0 new item\(s\), 1 already stored/);
  assert.match(w.err, /watch stopped after 1 round\(s\): 2 poll\(s\)/);

  const l = await cli(['feeds', 'list', '--db', db]);
  assert.match(l.out, /1 {2}http:\/\/127\.0\.0\.1:\d+\/fast\.xml {2}every 1s {2}last fetch \d{4}-\d\d-\d\d [\d:]+: \d new item\(s\)/);
  assert.match(l.out, /slow\.xml {2}every 15m/);
  const rm = await cli(['feeds', 'remove', '2', '--db', db]);
  assert.match(rm.out, /removed feed 2 .*slow\.xml/);
  assert.equal((await cli(['feeds', 'remove', '2', '--db', db])).code, 1);
});

// Fetching into the store: feeds, pages, sitemaps (and indexes), feed discovery, charsets declared
// only in the HTTP header, and duplicates: same canonical URL or GUID stored once, every origin kept.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { Store } from '../src/store/store.ts';
import { HttpClient } from '../src/fetch/client.ts';
import { crawl } from '../src/fetch/crawl.ts';
import { canonicalUrl } from '../src/fetch/canonical.ts';
import { pageLinks } from '../src/fetch/discover.ts';
import { parsePool } from '../src/ingest/pool.ts';
import { encodeLegacy } from './fixtures/legacy-encode.ts';
import { startServer, send, rss, page, type TestServer } from './fetch-server.ts';

const RU = 'Президент России Владимир Путин прибыл в Пекин с государственным визитом. Он встретится с председателем КНР и обсудит сотрудничество в области энергетики, торговли и безопасности.';
const JA = '東京都は月曜日、新しい気候変動対策を発表した。 知事は記者会見で、二〇三〇年までに温室効果ガスの排出量を半減させると述べた。';

let srv: TestServer;
let store: Store;
let client: HttpClient;
const XML = { 'content-type': 'application/xml' };
const RSS = { 'content-type': 'application/rss+xml' };

before(async () => {
  srv = await startServer({
    '/robots.txt': (_q, r) => send(r, 200, 'User-agent: *\nDisallow: /forbidden\n'),
    '/a.xml': (_q, r) =>
      send(r, 200, rss('Outlet A', [{ guid: 'urn:story:1', link: 'https://news.example/water?utm_source=rss&utm_medium=feed', title: 'Water plan approved', topic: 'water' }, { guid: 'urn:story:2', link: 'https://news.example/roads', title: 'Road repairs start', topic: 'roads' }]), RSS),
    // story 1 again under another GUID but the same canonical URL; story 2 under its GUID with a new link; one new story
    '/b.xml': (_q, r) =>
      send(r, 200, rss('Outlet B', [{ guid: 'b-77', link: 'https://NEWS.example:443/water?fbclid=abc#comments', title: 'Water plan approved', topic: 'water' }, { guid: 'urn:story:2', link: 'https://mirror.example/roads-copy', title: 'Road repairs start today', topic: 'roads' }, { guid: 'b-78', link: 'https://news.example/schools', title: 'School year', topic: 'school' }]), RSS),
    '/article': (_q, r) => send(r, 200, page('Bridge vote', { canonical: 'https://news.example/bridge', feeds: ['/a.xml'], topic: 'bridge' }), { 'content-type': 'text/html; charset=utf-8' }),
    '/article-amp': (_q, r) => send(r, 200, page('Bridge vote (AMP)', { canonical: 'https://news.example/bridge?utm_campaign=amp', topic: 'bridge harbour' }), { 'content-type': 'text/html' }),
    '/home': (_q, r) => send(r, 200, `<!doctype html><html><head><title>Home</title><link rel="alternate" type="application/rss+xml" href="/b.xml"></head><body><nav><a href="/x">x</a></nav></body></html>`, { 'content-type': 'text/html' }),
    '/sitemap_index.xml': (_q, r) => send(r, 200, `<?xml version="1.0"?><sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>${srv.base}/sitemap-1.xml.gz</loc></sitemap></sitemapindex>`, XML),
    '/sitemap-1.xml.gz': (_q, r) =>
      send(r, 200, gzipSync(`<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>${srv.base}/p1</loc><lastmod>2024-05-14</lastmod></url><url><loc>${srv.base}/p2</loc></url><url><loc>${srv.base}/forbidden</loc></url></urlset>`), { 'content-type': 'application/gzip' }),
    '/p1': (_q, r) => send(r, 200, page('Harbour opens', { topic: 'harbour' }), { 'content-type': 'text/html' }),
    '/p2': (_q, r) => send(r, 200, page('Library closes', { topic: 'library' }), { 'content-type': 'text/html' }),
    '/forbidden': (_q, r) => send(r, 200, page('Secret', { topic: 'secret' })),
    // charsets declared in the Content-Type header only (no <meta>, no XML declaration)
    '/ru.html': (_q, r) => send(r, 200, encodeLegacy(`<html><head><title>Визит</title></head><body><article><p>${RU}</p><p>${RU}</p></article></body></html>`, 'windows-1251'), { 'content-type': 'text/html; charset=windows-1251' }),
    '/ja.rss': (_q, r) =>
      send(r, 200, encodeLegacy(`<rss version="2.0"><channel><title>東京ニュース</title><item><title>気候対策</title><guid>ja-1</guid><description>${JA} ${JA} ${JA}</description></item></channel></rss>`, 'shift_jis'), { 'content-type': 'application/rss+xml; charset=Shift_JIS' }),
    '/broken.xml': (_q, r) => send(r, 200, '<rss version="2.0"><channel><item><title>cut off', RSS),
  });
  store = await Store.open({ location: 'memory://' });
  client = new HttpClient({ allowPrivate: true, perHost: { intervalMs: 0, concurrency: 4 }, backoffMs: 10, retries: 0 });
});
after(async () => {
  await client.close();
  await store.close();
  await srv.close();
  await parsePool().close();
});

test('canonical URLs: tracking parameters, fragments, default ports and case dropped; the rest kept in order', () => {
  assert.equal(canonicalUrl('HTTPS://News.Example:443/a/b?utm_source=x&b=2&fbclid=1&a=1&gclid=z#top'), 'https://news.example/a/b?a=1&b=2');
  assert.equal(canonicalUrl('http://news.example:80?mc_cid=1'), 'http://news.example/');
  assert.equal(canonicalUrl('/x?id=5&utm_term=t', 'https://news.example/feed'), 'https://news.example/x?id=5');
  assert.equal(canonicalUrl('http://news.example:8080/p'), 'http://news.example:8080/p');
  assert.equal(canonicalUrl('javascript:alert(1)'), null);
  assert.equal(canonicalUrl('mailto:a@b.c'), null);
});

test('discovery: feeds and the canonical link from a page head', () => {
  const html = `<head><base href="https://site.example/news/"><link rel="alternate" type="application/atom+xml" href="atom.xml"><link rel="Alternate" type="application/rss+xml" href="/rss?x=1&amp;y=2"><link rel="alternate" hreflang="de" href="/de/"><link rel="canonical" href="https://site.example/story"></head>`;
  assert.deepEqual(pageLinks(html, 'https://other.example/'), { feeds: ['https://site.example/news/atom.xml', 'https://site.example/rss?x=1&y=2'], canonical: 'https://site.example/story' });
});

test('crawl: feeds stored; the same item in two feeds stored once with both origins (canonical URL and GUID)', async () => {
  const a = await crawl(store, client, [`${srv.base}/a.xml`]);
  assert.equal(a.report.inserted.length, 2, JSON.stringify(a.report));
  const b = await crawl(store, client, [`${srv.base}/b.xml`]);
  assert.equal(b.report.inserted.length, 1, 'only the school story is new');
  assert.equal(b.report.duplicates.length, 2);
  assert.equal(b.fetches[0].newItems, 1);
  const origins = await store.feeds.origins();
  const water = origins.filter((o) => o.canonicalUrl === 'https://news.example/water');
  assert.equal(water.length, 2, 'water story: one article, origins in feed A and feed B');
  assert.equal(new Set(water.map((o) => o.articleId)).size, 1);
  assert.deepEqual(water.map((o) => o.source).sort(), [`${srv.base}/a.xml`, `${srv.base}/b.xml`]);
  const roads = origins.filter((o) => o.guid === 'urn:story:2');
  assert.equal(roads.length, 2, 'roads story: known by its GUID in feed B although its link and title differ');
  assert.equal(new Set(roads.map((o) => o.articleId)).size, 1);
  const arts = await store.listArticles();
  assert.equal(arts.length, 3);
  assert.equal(arts.filter((x) => /road/i.test(x.title ?? '')).length, 1);
  // the same feed again: nothing new, no new origins
  const again = await crawl(store, client, [`${srv.base}/a.xml`]);
  assert.equal(again.report.inserted.length, 0);
  assert.equal((await store.feeds.origins()).length, origins.length);
});

test('crawl: a page honours its canonical link; another URL with the same canonical is the same document', async () => {
  const r = await crawl(store, client, [`${srv.base}/article`]);
  assert.equal(r.report.inserted.length, 1);
  const stored = await store.getArticle(r.report.inserted[0].id);
  assert.equal(stored!.url, 'https://news.example/bridge');
  assert.equal(stored!.origin, `${srv.base}/article`);
  assert.deepEqual(r.discoveredFeeds, [`${srv.base}/a.xml`], 'its feed is named, not fetched without --discover');
  assert.equal(r.fetches.length, 1);
  const amp = await crawl(store, client, [`${srv.base}/article-amp`]);
  assert.equal(amp.report.inserted.length, 0, 'different text, same canonical URL: stored once');
  assert.equal(amp.report.duplicates.length, 1);
  const bridge = (await store.feeds.origins()).filter((o) => o.canonicalUrl === 'https://news.example/bridge');
  assert.deepEqual(bridge.map((o) => o.source), [`${srv.base}/article`, `${srv.base}/article-amp`]);
});

test('crawl: a page without an article leads to its feed (discovery); --discover follows feeds of article pages', async () => {
  const home = await crawl(store, client, [`${srv.base}/home`]);
  assert.deepEqual(home.discoveredFeeds, [`${srv.base}/b.xml`]);
  assert.ok(home.fetches.some((f) => f.url === `${srv.base}/b.xml` && f.outcome === 'stored'), JSON.stringify(home.fetches));
  assert.match(home.report.errors[0].reason, /\/home: /, 'the home page itself is rejected with its reason');
  const hitsBefore = srv.hits('/a.xml');
  const d = await crawl(store, client, [`${srv.base}/article`], { discover: true });
  assert.equal(srv.hits('/a.xml'), hitsBefore + 1);
  assert.equal(d.fetches.length, 2);
});

test('crawl: sitemap index → gzip sitemap → pages; robots.txt keeps the disallowed one out', async () => {
  const r = await crawl(store, client, [`${srv.base}/sitemap_index.xml`]);
  const outcomes = Object.fromEntries(r.fetches.map((f) => [new URL(f.url).pathname, f.outcome]));
  assert.deepEqual(outcomes, { '/sitemap_index.xml': 'sitemap', '/sitemap-1.xml.gz': 'sitemap', '/p1': 'stored', '/p2': 'stored', '/forbidden': 'refused' });
  assert.equal(r.report.inserted.length, 2);
  assert.match(r.failures[0].reason, /\/forbidden: not fetched: .*robots\.txt disallows it/);
  assert.equal(srv.hits('/forbidden'), 0);
  assert.match(r.fetches[0].detail!, /sitemap index with 1 entry/);
});

test('crawl: windows-1251 and Shift_JIS declared only in the HTTP header decode exactly', async () => {
  const r = await crawl(store, client, [`${srv.base}/ru.html`, `${srv.base}/ja.rss`]);
  assert.equal(r.report.inserted.length, 2, JSON.stringify(r.report));
  const ru = (await store.listArticles()).find((a) => a.origin === `${srv.base}/ru.html`)!;
  assert.ok(ru.text.includes('Президент России Владимир Путин прибыл в Пекин'), ru.text.slice(0, 80));
  const ja = (await store.listArticles()).find((a) => a.origin === `${srv.base}/ja.rss#item-1`)!;
  assert.ok(ja.text.includes('東京都は月曜日、新しい気候変動対策を発表した。'), ja.text.slice(0, 80));
  assert.equal(ja.outlet, '東京ニュース');
});

test('crawl: bad answers are reported by URL with the reason; the rest goes on', async () => {
  const r = await crawl(store, client, [`${srv.base}/missing`, `${srv.base}/broken.xml`, `${srv.base}/p1`]);
  assert.match(r.failures[0].reason, /\/missing: HTTP 404/);
  assert.match(r.report.errors[0].reason, /broken\.xml: malformed XML feed/);
  assert.equal(r.report.duplicates.length, 1, 'p1 is already stored');
  const log = await store.feeds.fetchLog(5);
  assert.ok(log.some((e) => e.outcome === 'failed' && e.status === 404));
});

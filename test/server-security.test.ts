// Hostile-input checks of the HTTP application, called without a socket (app.request).
import { runAnalysis } from '../src/service.ts';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Store } from '../src/store/store.ts';
import { createApp, type ServerApp } from '../src/server/app.ts';
import { MAX_BODY } from '../src/server/http.ts';
import { analyze } from '../src/analysis/analyze.ts';

let store: Store;
let srv: ServerApp;
const TOKEN = 'test-token-0123456789abcdef';
const opened: ServerApp[] = [];

before(async () => {
  store = await Store.open({ location: 'memory://' });
  srv = open({ bindHost: '127.0.0.1' });
});
after(async () => {
  for (const s of opened) await s.close();
  await store.close();
});

function open(opts: Parameters<typeof createApp>[1]): ServerApp {
  const s = createApp(store, { analyze: (s) => runAnalysis(s), log: () => {}, ...opts });
  opened.push(s);
  return s;
}

const ARTICLE = (n: number) =>
  `Title: Harbour bridge reopens after repairs number ${n}\nDate: 2024-03-0${(n % 9) + 1}\n\n` +
  `The harbour bridge in Portmere reopened on Monday after ${n + 3} months of repairs, the city council said. ` +
  `Mayor Alma Reyes said the works cost ${n + 12} million euros and came in under budget. ` +
  `Traffic engineers expect about ${n + 40} thousand vehicles a day to cross again.`;

const post = (s: ServerApp, body: BodyInit, headers: Record<string, string> = {}, query = '') =>
  s.app.request(`/api/articles${query}`, { method: 'POST', body, headers });

test('security: cross-origin and cross-site writes are refused; same-origin and non-browser writes pass', async () => {
  const evil = await post(srv, ARTICLE(1), { origin: 'http://evil.example' });
  assert.equal(evil.status, 403);
  assert.match((await evil.json()).error, /cross-origin/);
  assert.equal((await post(srv, ARTICLE(1), { origin: 'null' })).status, 403);
  assert.equal((await post(srv, ARTICLE(1), { origin: 'http://localhost:3000', host: 'localhost:8080' })).status, 403, 'another port is another origin');
  assert.equal((await post(srv, ARTICLE(1), { 'sec-fetch-site': 'cross-site' })).status, 403);
  assert.equal((await post(srv, ARTICLE(1), { 'sec-fetch-site': 'same-site' })).status, 403);
  assert.equal((await store.listArticles()).length, 0, 'nothing refused was stored');
  const same = await post(srv, ARTICLE(1), { origin: 'http://localhost:8080', host: 'localhost:8080', 'sec-fetch-site': 'same-origin' });
  assert.equal(same.status, 201);
  assert.equal((await post(srv, ARTICLE(2))).status, 201, 'a client without Origin (curl) on loopback');
});

test('security: a Host that is not this server is refused (DNS rebinding)', async () => {
  for (const host of ['evil.example', 'evil.example:8080', 'localhost.evil.example']) {
    const r = await srv.app.request('/api/articles', { headers: { host } });
    assert.equal(r.status, 421, host);
    assert.match((await r.json()).error, /unknown Host/);
  }
  for (const host of ['localhost:8080', '127.0.0.1:8080', '[::1]:8080', '192.168.1.20:8080', 'LOCALHOST'])
    assert.equal((await srv.app.request('/api/health', { headers: { host } })).status, 200, host);
  const named = open({ bindHost: '127.0.0.1', allowHosts: ['news.example.org'] });
  assert.equal((await named.app.request('/api/health', { headers: { host: 'news.example.org' } })).status, 200);
  assert.equal((await named.app.request('/api/health', { headers: { host: 'evil.example' } })).status, 421);
});

test('security: beyond loopback the server needs a token, and writes need it', async () => {
  assert.throws(() => open({ bindHost: '0.0.0.0' }), /beyond loopback.*--token/);
  assert.throws(() => open({ bindHost: '192.168.1.20', token: '' }), /beyond loopback/);
  assert.throws(() => open({ bindHost: '0.0.0.0', token: 'short' }), /at least 16/);
  const { main } = await import('../src/cli.ts');
  delete process.env.NEWSPROV_API_TOKEN;
  assert.equal(await main(['serve', '--host', '0.0.0.0', '--port', '0', '--db', 'memory://']), 2, 'serve refuses before binding');
  const lan = open({ bindHost: '0.0.0.0', token: TOKEN });
  const none = await post(lan, ARTICLE(3));
  assert.equal(none.status, 401);
  assert.match(none.headers.get('www-authenticate') ?? '', /Bearer/);
  assert.equal((await post(lan, ARTICLE(3), { authorization: `Bearer ${TOKEN}x` })).status, 401);
  assert.equal((await post(lan, ARTICLE(3), { authorization: `Basic ${TOKEN}` })).status, 401);
  assert.equal((await lan.app.request('/api/analyze', { method: 'POST' })).status, 401);
  assert.equal((await post(lan, ARTICLE(3), { authorization: `Bearer ${TOKEN}` })).status, 201);
  assert.equal((await lan.app.request('/api/health')).status, 200, 'reads need no token');
});

test('security: a NUL or UTF-16 body is a 422 kept in ingest_errors, never an echo of SQL or the body', async () => {
  const marker = 'MARKER-' + 'q'.repeat(20);
  const nul = Buffer.concat([Buffer.from(`Title: x\n\n${marker} text`), Buffer.from([0, 1, 2, 0])]);
  const r = await post(srv, nul, {}, '?origin=nul.bin');
  assert.equal(r.status, 422);
  const text = await r.text();
  assert.doesNotMatch(text, /\binsert into\b|\bselect\b|\bvalues\b|\$\d|MARKER/i);
  assert.match(JSON.parse(text).errors[0].reason, /^nul\.bin: .*NUL/);
  assert.ok((await store.listErrors()).some((e) => e.origin === 'nul.bin' && e.hasRaw));

  // UTF-16 may be decoded (201) or rejected (422) by the decoder; either way no 500, no echo, and a rejection is kept
  const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(ARTICLE(4).replace('Portmere', marker), 'utf16le')]);
  const u = await post(srv, utf16, {}, '?origin=utf16.txt');
  assert.ok([201, 422].includes(u.status), `status ${u.status}`);
  const ut = await u.text();
  assert.doesNotMatch(ut, /insert into|MARKER/i);
  if (u.status === 422) assert.ok((await store.listErrors()).some((e) => e.origin === 'utf16.txt' && e.hasRaw));
});

test('security: an unexpected failure is a generic 500 with an error id; the details go to the server log only', async () => {
  const logged: string[] = [];
  const broken = await Store.open({ location: 'memory://' });
  const s = createApp(broken, { bindHost: '127.0.0.1', analyze: (s) => runAnalysis(s), log: (m) => logged.push(m) });
  await broken.close();
  const r = await s.app.request('/api/articles');
  assert.equal(r.status, 500);
  const body = await r.json();
  assert.match(body.error, /^internal error \(id [0-9a-f]+\)/);
  assert.doesNotMatch(JSON.stringify(body), /select|from|articles"|stack|at /i);
  assert.ok(logged.some((l) => l.includes(body.id)), 'the id leads to the logged details');
  await s.close();
});

test('security: malformed percent-escapes in the path are a 400', async () => {
  for (const p of ['/api/stories/%E0%A4%A', '/api/stories/%E0%A4%A/dossier.md', '/api/articles/%', '/%E0%A4%A']) {
    const r = await srv.app.request(p);
    assert.equal(r.status, 400, p);
    assert.match((await r.json()).error, /percent-escape/);
  }
});

test('security: every response carries the security headers', async () => {
  for (const [p, status] of [['/', 200], ['/ui/app.js', 200], ['/api/health', 200], ['/api/nothing', 404], ['/api/stories/%E0%A4%A', 400]] as const) {
    const r = await srv.app.request(p);
    assert.equal(r.status, status, p);
    const csp = r.headers.get('content-security-policy') ?? '';
    assert.match(csp, /script-src 'self'/, p);
    assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, p);
    assert.match(csp, /frame-ancestors 'none'/, p);
    assert.equal(r.headers.get('x-content-type-options'), 'nosniff', p);
    assert.equal(r.headers.get('x-frame-options'), 'DENY', p);
    assert.equal(r.headers.get('referrer-policy'), 'no-referrer', p);
    assert.equal(r.headers.get('cross-origin-resource-policy'), 'same-origin', p);
  }
});

test('security: the page has no inline script; its script and stylesheet are separate files', async () => {
  const html = await (await srv.app.request('/')).text();
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
  assert.ok(scripts.length >= 1);
  for (const [, attrs, body] of scripts) {
    assert.match(attrs, /src="\/ui\/[a-z]+\.js"/);
    assert.equal(body.trim(), '');
  }
  assert.doesNotMatch(html, /<style|\sstyle=|\son[a-z]+=/i);
  for (const [, attrs] of scripts) {
    const js = await srv.app.request(/src="([^"]+)"/.exec(attrs)![1]);
    assert.equal(js.status, 200);
    assert.match(js.headers.get('content-type') ?? '', /javascript/);
  }
  const css = await srv.app.request('/ui/style.css');
  assert.match(css.headers.get('content-type') ?? '', /text\/css/);
});

test('limits: a body over 20 MiB is a 413; an unknown format or a control character in origin is a 400', async () => {
  const big = await post(srv, new Uint8Array(MAX_BODY + 1));
  assert.equal(big.status, 413);
  assert.match((await big.json()).error, /larger than 20 MiB/);
  assert.equal((await post(srv, 'x', {}, '?format=pdf')).status, 400);
  assert.equal((await post(srv, ARTICLE(5), {}, '?origin=a%00b')).status, 400);
  assert.equal((await srv.app.request('/api/articles', { method: 'DELETE' })).status, 405);
});

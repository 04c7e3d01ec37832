// The HTTP client against a local server: conditional GET, redirects, retries with backoff,
// per-host concurrency, robots.txt, User-Agent, and the size and time limits.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { HttpClient, FetchError, USER_AGENT } from '../src/fetch/client.ts';
import { FetchRefused } from '../src/fetch/guard.ts';
import { startServer, send, type TestServer } from './fetch-server.ts';

let srv: TestServer;
let flaky = 0;
let active = 0;
let maxActive = 0;
const timers = new Set<NodeJS.Timeout>();
const later = (ms: number, fn: () => void) => {
  const t = setTimeout(() => {
    timers.delete(t);
    fn();
  }, ms);
  timers.add(t);
};

before(async () => {
  srv = await startServer({
    '/robots.txt': (_q, r) => send(r, 200, 'User-agent: *\nDisallow: /private/\n\nUser-agent: newsprov\nDisallow: /no-newsprov\nAllow: /\n', { 'content-type': 'text/plain' }),
    '/etag': (q, r) => (q.headers['if-none-match'] === '"v1"' ? send(r, 304, '') : send(r, 200, 'body v1', { etag: '"v1"' })),
    '/lastmod': (q, r) => (q.headers['if-modified-since'] === 'Tue, 14 May 2024 10:00:00 GMT' ? send(r, 304, '') : send(r, 200, 'dated', { 'last-modified': 'Tue, 14 May 2024 10:00:00 GMT' })),
    '/r1': (_q, r) => send(r, 301, '', { location: '/r2' }),
    '/r2': (_q, r) => send(r, 302, '', { location: `${srv.base}/final?x=1` }),
    '/final': (_q, r) => send(r, 200, 'arrived'),
    '/loop': (_q, r, u) => send(r, 302, '', { location: `/loop?n=${Number(u.searchParams.get('n') ?? 0) + 1}` }),
    '/flaky': (_q, r) => (++flaky <= 2 ? send(r, 503, 'busy') : send(r, 200, 'finally')),
    '/busy': (_q, r) => send(r, 429, 'slow down', { 'retry-after': '0' }),
    '/gone': (_q, r) => send(r, 410, 'gone'),
    '/slow': (_q, r) => {
      r.writeHead(200, { 'content-type': 'text/plain' });
      r.write('start ');
      later(3000, () => r.end('end'));
    },
    '/huge-declared': (_q, r) => send(r, 200, Buffer.alloc(300_000, 97)),
    '/huge-chunked': (_q, r) => {
      r.writeHead(200, { 'content-type': 'text/plain' });
      const chunk = Buffer.alloc(64 * 1024, 98);
      let n = 0;
      const push = () => {
        while (n < 20 && r.write(chunk)) n++;
        if (n >= 20) r.end();
        else r.once('drain', () => (n++, push()));
      };
      push();
    },
    '/concurrent': (_q, r) => {
      active++;
      maxActive = Math.max(maxActive, active);
      later(60, () => {
        active--;
        send(r, 200, 'ok');
      });
    },
    '/private/page': (_q, r) => send(r, 200, 'hidden'),
    '/no-newsprov': (_q, r) => send(r, 200, 'not for us'),
  });
});
after(async () => {
  for (const t of timers) clearTimeout(t);
  await srv.close();
});

const client = (o: ConstructorParameters<typeof HttpClient>[0] = {}) => new HttpClient({ allowPrivate: true, perHost: { intervalMs: 0 }, backoffMs: 20, ...o });
const text = (b: Uint8Array) => Buffer.from(b).toString();

test('client: conditional GET with ETag and Last-Modified gives 304 (not modified, no body)', async () => {
  const c = client();
  try {
    const first = await c.get(`${srv.base}/etag`);
    assert.equal(first.etag, '"v1"');
    assert.equal(text(first.bytes), 'body v1');
    const again = await c.get(`${srv.base}/etag`, { etag: first.etag });
    assert.equal(again.status, 304);
    assert.equal(again.notModified, true);
    assert.equal(again.bytes.byteLength, 0);
    const dated = await c.get(`${srv.base}/lastmod`);
    const second = await c.get(`${srv.base}/lastmod`, { lastModified: dated.lastModified });
    assert.equal(second.notModified, true);
  } finally {
    await c.close();
  }
});

test('client: redirects followed hop by hop, with a limit', async () => {
  const c = client({ maxRedirects: 3 });
  try {
    const r = await c.get(`${srv.base}/r1`);
    assert.equal(r.finalUrl, `${srv.base}/final?x=1`);
    assert.deepEqual(r.redirects, [`${srv.base}/r1`, `${srv.base}/r2`]);
    assert.equal(text(r.bytes), 'arrived');
    await assert.rejects(c.get(`${srv.base}/loop`), /\/loop: more than 3 redirects \(last to .*\/loop\?n=4\)/);
  } finally {
    await c.close();
  }
});

test('client: retries 5xx and 429 with backoff, then gives up with the status', async () => {
  const c = client({ retries: 2 });
  try {
    const t0 = Date.now();
    assert.equal(text((await c.get(`${srv.base}/flaky`)).bytes), 'finally');
    assert.equal(srv.hits('/flaky'), 3);
    assert.ok(Date.now() - t0 >= 20 + 40, 'waited 20 then 40 ms');
    await assert.rejects(c.get(`${srv.base}/busy`), (e: Error) => e instanceof FetchError && e.status === 429 && /\/busy: HTTP 429/.test(e.message));
    assert.equal(srv.hits('/busy'), 3);
    await assert.rejects(c.get(`${srv.base}/gone`), /\/gone: HTTP 410/);
    assert.equal(srv.hits('/gone'), 1, 'a 4xx is not retried');
  } finally {
    await c.close();
  }
});

test('client: time limit and size limits fail with a clear error', async () => {
  const c = client({ timeoutMs: 400, retries: 0, maxBytes: 200_000 });
  try {
    const t0 = Date.now();
    await assert.rejects(c.get(`${srv.base}/slow`), /\/slow: no complete answer within 0\.4 s \(time limit\)/);
    assert.ok(Date.now() - t0 < 2500, 'stopped at the limit, not when the server finished');
    await assert.rejects(c.get(`${srv.base}/huge-declared`), /\/huge-declared: response of 0\.3 MiB is larger than the 0\.2 MiB limit/);
    await assert.rejects(c.get(`${srv.base}/huge-chunked`), /\/huge-chunked: response is larger than the 0\.2 MiB limit \(stopped reading at/);
  } finally {
    await c.close();
  }
});

test('client: robots.txt honoured for our product token; User-Agent sent', async () => {
  const robotsBefore = srv.hits('/robots.txt');
  const c = client();
  try {
    await assert.rejects(c.get(`${srv.base}/no-newsprov`), (e: Error) => e instanceof FetchRefused && /no-newsprov: not fetched: .*robots\.txt disallows it/.test(e.message));
    // the group for newsprov replaces the * group: /private/ is allowed to us
    assert.equal(text((await c.get(`${srv.base}/private/page`)).bytes), 'hidden');
    assert.equal(srv.hits('/no-newsprov'), 0);
    const ua = srv.requests.find((r) => r.path === '/private/page')!.headers['user-agent'];
    assert.equal(ua, USER_AGENT);
    assert.equal(srv.hits('/robots.txt') - robotsBefore, 1, 'robots.txt read once per origin by one client');
  } finally {
    await c.close();
  }
});

test('client: robots.txt that cannot be read (5xx) means nothing is fetched from that site', async () => {
  const other = await startServer({ '/robots.txt': (_q, r) => send(r, 500, 'oops'), '/a': (_q, r) => send(r, 200, 'a') });
  const c = client({ retries: 0 });
  try {
    await assert.rejects(c.get(`${other.base}/a`), /\/a: not fetched: .*robots\.txt answered HTTP 500; nothing on that site is fetched until it can be read/);
    assert.equal(other.hits('/a'), 0);
  } finally {
    await c.close();
    await other.close();
  }
});

test('client: per-host concurrency and pace', async () => {
  const c = client({ perHost: { concurrency: 2, intervalMs: 0 } });
  try {
    await Promise.all(Array.from({ length: 6 }, () => c.get(`${srv.base}/concurrent`)));
    assert.equal(maxActive, 2, 'never more than 2 requests at once to one host');
  } finally {
    await c.close();
  }
  const paced = client({ perHost: { concurrency: 4, intervalMs: 150 } });
  try {
    await paced.get(`${srv.base}/final`); // robots.txt first
    const t0 = Date.now();
    await Promise.all([1, 2, 3].map(() => paced.get(`${srv.base}/final`)));
    assert.ok(Date.now() - t0 >= 2 * 150 - 20, 'starts spaced by the interval');
  } finally {
    await paced.close();
  }
});

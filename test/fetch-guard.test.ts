// SSRF: private, loopback, link-local, unique-local, CGNAT and metadata addresses are refused by
// default, after DNS resolution, on every redirect and at connect time (no DNS rebinding). Every
// request here goes to 127.0.0.1 or is refused before any connection is made.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { forbiddenReason, checkUrl, FetchRefused } from '../src/fetch/guard.ts';
import { HttpClient } from '../src/fetch/client.ts';
import { startServer, send, type TestServer } from './fetch-server.ts';

let srv: TestServer;
before(async () => {
  srv = await startServer({
    '/robots.txt': (_q, r) => send(r, 404, ''),
    '/ok': (_q, r) => send(r, 200, 'hello', { 'content-type': 'text/plain' }),
    '/to-loopback': (_q, r) => send(r, 302, '', { location: `http://127.0.0.2:${srv.port}/secret` }),
    '/to-metadata': (_q, r) => send(r, 301, '', { location: 'http://169.254.169.254/latest/meta-data/' }),
    '/to-localhost': (_q, r) => send(r, 307, '', { location: `http://localhost:${srv.port}/ok` }),
    '/secret': (_q, r) => send(r, 200, 'internal secret'),
  });
});
after(() => srv.close());

const fast = { perHost: { intervalMs: 0 }, retries: 0 };

test('guard: address classes refused by default', () => {
  const refused = ['127.0.0.1', '127.8.9.10', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '100.100.100.200', '0.0.0.0', '::1', '::', 'fe80::1', 'fd00:ec2::254', 'fc00::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.0.0.1', '224.0.0.1', '255.255.255.255'];
  for (const a of refused) assert.ok(forbiddenReason(a), `${a} must be refused`);
  for (const a of ['93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '2001:4860:4860::8888']) assert.equal(forbiddenReason(a), null, `${a} is public`);
  assert.match(forbiddenReason('169.254.169.254')!, /metadata/);
  assert.match(forbiddenReason('100.64.0.1')!, /carrier-grade NAT/);
  assert.match(forbiddenReason('fd12::1')!, /unique-local/);
});

test('guard: only http and https, no credentials', () => {
  assert.throws(() => checkUrl('file:///etc/passwd'), /only http and https URLs are fetched, not file/);
  assert.throws(() => checkUrl('ftp://example.org/x'), /not ftp/);
  assert.throws(() => checkUrl('http://user:pw@example.org/'), /credentials/);
  assert.throws(() => checkUrl('not a url'), /not a valid URL/);
  assert.equal(checkUrl('https://example.org/a').hostname, 'example.org');
});

test('ssrf: a private address is refused before any connection, naming URL and address', async () => {
  const c = new HttpClient(fast);
  try {
    await assert.rejects(c.get('http://10.0.0.1/admin'), (e: Error) => {
      assert.ok(e instanceof FetchRefused);
      assert.match(e.message, /^http:\/\/10\.0\.0\.1\/admin: refused to connect to 10\.0\.0\.1, a private address; pass --allow-private/);
      return true;
    });
    await assert.rejects(c.get('http://[::1]:9/'), /refused to connect to ::1, a loopback address/);
    await assert.rejects(c.get(`${srv.base}/ok`), /refused to connect to 127\.0\.0\.1, a loopback address/);
    assert.equal(srv.hits('/ok'), 0, 'the local server was never reached');
  } finally {
    await c.close();
  }
});

test('ssrf: a DNS name resolving to 127.0.0.1 is refused (localhost and a made-up name)', async () => {
  const c = new HttpClient({ ...fast, lookup: async (host) => (host === 'news.example.test' ? [{ address: '127.0.0.1', family: 4 }] : Promise.reject(Object.assign(new Error('not found'), { code: 'ENOTFOUND' }))) });
  try {
    await assert.rejects(c.get(`http://news.example.test:${srv.port}/ok`), /news\.example\.test:\d+\/ok: refused to connect to 127\.0\.0\.1 \(news\.example\.test resolves to it\), a loopback address/);
    await assert.rejects(c.get('http://nowhere.example.test/'), /cannot resolve nowhere\.example\.test \(ENOTFOUND\)/);
  } finally {
    await c.close();
  }
  const sys = new HttpClient(fast);
  try {
    await assert.rejects(sys.get(`http://localhost:${srv.port}/ok`), /refused to connect to (127\.0\.0\.1|::1) \(localhost resolves to it\), a loopback address/);
  } finally {
    await sys.close();
  }
  assert.equal(srv.hits('/ok'), 0);
});

test('ssrf: DNS rebinding between check and connect cannot reach the refused address', async () => {
  // the first answer is a public (documentation) address, every later one is loopback: the connection
  // only ever gets checked answers, so it is refused at connect time and nothing reaches the server
  let calls = 0;
  const c = new HttpClient({ ...fast, robots: false, lookup: async () => (calls++ === 0 ? [{ address: '203.0.113.7', family: 4 }] : [{ address: '127.0.0.1', family: 4 }]) });
  try {
    await assert.rejects(c.get(`http://rebind.example.test:${srv.port}/secret`), /refused to connect to 127\.0\.0\.1 \(rebind\.example\.test resolves to it\)/);
    assert.ok(calls >= 2, 'resolved again at connect time');
    assert.equal(srv.hits('/secret'), 0);
  } finally {
    await c.close();
  }
});

test('ssrf: redirects to loopback, metadata and localhost are refused on the hop', async () => {
  // only the test server's exact address is allowed; every redirect target is checked again
  const c = new HttpClient({ ...fast, allowAddresses: ['127.0.0.1'] });
  try {
    assert.equal(Buffer.from((await c.get(`${srv.base}/ok`)).bytes).toString(), 'hello');
    await assert.rejects(c.get(`${srv.base}/to-loopback`), new RegExp(`127\\.0\\.0\\.2:${srv.port}/secret: refused to connect to 127\\.0\\.0\\.2, a loopback address`));
    await assert.rejects(c.get(`${srv.base}/to-metadata`), /169\.254\.169\.254\/latest\/meta-data\/: refused to connect to 169\.254\.169\.254, a link-local \(cloud metadata\) address/);
    assert.equal(srv.hits('/secret'), 0);
  } finally {
    await c.close();
  }
});

test('ssrf: --allow-private (allowPrivate) lets the local server through', async () => {
  const c = new HttpClient({ ...fast, allowPrivate: true });
  try {
    const r = await c.get(`${srv.base}/to-localhost`);
    assert.equal(Buffer.from(r.bytes).toString(), 'hello');
    assert.deepEqual(r.redirects, [`${srv.base}/to-localhost`]);
  } finally {
    await c.close();
  }
});

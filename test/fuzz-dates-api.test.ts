// Property tests (fast-check) for date handling and the HTTP API: no input shifts a date, crashes a
// route, or makes a response echo SQL or the request body.
import { runAnalysis } from '../src/service.ts';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { readDate } from '../src/ingest/metadata.ts';
import { Store } from '../src/store/store.ts';
import { createApp, type ServerApp } from '../src/server/app.ts';
import { analyze } from '../src/analysis/analyze.ts';

const NOW = new Date('2026-01-01T00:00:00Z');
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const p2 = (n: number) => String(n).padStart(2, '0');

test('dates: a real calendar day is read as exactly that day, whatever its offset; an impossible one is refused, never shifted', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1990, max: 2025 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 31 }), fc.integer({ min: -12, max: 14 }), (y, m, d, off) => {
      const zone = off === 0 ? 'Z' : `${off < 0 ? '-' : '+'}${p2(Math.abs(off))}:00`;
      const r = readDate(`${y}-${p2(m)}-${p2(d)}T23:30:00${zone}`, NOW);
      if (d <= daysIn(y, m)) {
        assert.ok(r && 'timestamp' in r, JSON.stringify(r));
        assert.equal(r.timestamp.slice(0, 10), `${y}-${p2(m)}-${p2(d)}`);
      } else assert.ok(r && 'invalid' in r, `${y}-${m}-${d} accepted as ${JSON.stringify(r)}`);
    }),
    { numRuns: 300 },
  );
});

test('dates: any string gives a timestamp, a reason, or nothing; never an exception', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string({ maxLength: 60 }), fc.stringMatching(/^-?\d{1,5}-\d{1,2}-\d{1,2}( \d\d:\d\d)?$/)), (s) => {
      const r = readDate(s, NOW);
      if (r && 'timestamp' in r) assert.ok(!Number.isNaN(Date.parse(r.timestamp)), r.timestamp);
    }),
    { numRuns: 500 },
  );
});

let store: Store;
let srv: ServerApp;
before(async () => {
  store = await Store.open({ location: 'memory://' });
  srv = createApp(store, { bindHost: '127.0.0.1', analyze: (s) => runAnalysis(s), log: () => {} });
});
after(async () => {
  await srv.close();
  await store.close();
});

const MARK = 'zq9SECRETzq9';

test('API: any path, query and body give a status below 500 and never echo SQL or the body', async () => {
  const segment = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('%', '%E0%A4%A', '..', 'stories', 'articles', 'dossier.md', '%00'));
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'),
      fc.array(segment, { minLength: 1, maxLength: 3 }),
      fc.constantFrom('', '?format=html', '?format=bogus', '?origin=%00x', '?format=rss'),
      fc.uint8Array({ maxLength: 400 }),
      async (method, segs, query, bytes) => {
        const path = '/api/' + segs.map((s) => s.replace(/[/?#\s]/g, '')).join('/') + query;
        const body = method === 'GET' ? undefined : Buffer.concat([Buffer.from(MARK), Buffer.from(bytes)]);
        const res = await srv.app.request(path, { method, body });
        const text = await res.text();
        assert.ok(res.status < 500, `${method} ${path} -> ${res.status} ${text.slice(0, 200)}`);
        assert.ok(!text.includes(MARK), `${method} ${path} echoed the body`);
        assert.doesNotMatch(text, /insert into|select .* from|Failed query/i);
      },
    ),
    { numRuns: 150 },
  );
});

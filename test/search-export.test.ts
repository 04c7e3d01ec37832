// Search (the same answers on embedded PGlite and on PostgreSQL), exports (RFC 4180 CSV, formula-safe, and JSON),
// and their API routes, on the example corpus plus the wire report and its republication.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Store } from '../src/store/store.ts';
import { ingestPaths } from '../src/ingest/ingest.ts';
import { runAnalysis } from '../src/service.ts';
import { createApp, type ServerApp } from '../src/server/app.ts';
import { makeExport } from '../src/export/run.ts';
import { csvField, toCsv } from '../src/export/csv.ts';
import { parseSearchQuery } from '../src/search/query.ts';
import { InvalidQuery, type SearchResult } from '../src/model/search.ts';
import { FIXTURES, SEEDS, freshPgDatabase } from './helpers.ts';
import type { Analysis } from '../src/model/analysis.ts';

const PG_URL = process.env.NEWSPROV_TEST_PG_URL;
const backends: Array<[string, () => Promise<string>]> = [['pglite', async () => 'memory://']];
if (PG_URL) backends.push(['postgres', () => freshPgDatabase(PG_URL, 'newsprov_search')]);

const QUERIES: Array<Record<string, string>> = [
  { q: 'Putin Beijing' },
  { q: '"state visit"' },
  { q: 'Putin -Reuters' },
  { q: 'Beijing', outlet: 'metro daily' },
  { q: 'Putin', from: '2024-05-16', to: '2024-05-16' },
  { q: 'Belousov', entity: 'Xi Jinping' },
  { q: 'Putin', story: '1' },
];

/** label-level view of a result, comparable across backends (article and fact ids are the same on both). */
const view = (r: SearchResult) => ({ articles: r.articles.map((a) => [a.id, a.rank, a.storyId, a.snippet]), facts: r.facts.map((f) => [f.id, f.rank, f.articleIds]) });
const seen = new Map<string, unknown[]>();

/** A minimal RFC 4180 reader, to read back what the exporter wrote. */
function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (cell += '"'), i++;
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') row.push(cell), (cell = '');
    else if (ch === '\r' && text[i + 1] === '\n') row.push(cell), rows.push(row), (row = []), (cell = ''), i++;
    else cell += ch;
  }
  return rows;
}

for (const [name, location] of backends) {
  describe(`search and export on ${name}`, () => {
    let store: Store;
    let an: Analysis;
    before(async () => {
      store = await Store.open({ location: await location() });
      await ingestPaths(store, [SEEDS, join(FIXTURES, 'propagation')], { progress: false });
      an = await runAnalysis(store);
    });
    after(async () => store?.close());

    test('finds articles and facts, ranked, with filters', async () => {
      const results: unknown[] = [];
      for (const q of QUERIES) results.push(view(await store.search.search(parseSearchQuery(q))));
      seen.set(name, results);
      const r = await store.search.search(parseSearchQuery({ q: 'Putin Beijing' }));
      assert.ok(r.articles.length >= 5, `${r.articles.length} articles`);
      assert.ok(r.facts.length > 0);
      for (let i = 1; i < r.articles.length; i++) assert.ok(r.articles[i - 1].rank >= r.articles[i].rank);
      const metro = await store.search.search(parseSearchQuery({ q: 'Beijing', outlet: 'Metro Daily' }));
      assert.deepEqual(metro.articles.map((a) => a.label), ['101-metrodaily-republished']);
      const day = await store.search.search(parseSearchQuery({ q: 'Putin', from: '2024-05-16', to: '2024-05-16' }));
      assert.deepEqual(day.articles.map((a) => a.label).sort(), ['100-reuters-wire', '101-metrodaily-republished']);
      const excluded = await store.search.search(parseSearchQuery({ q: 'Putin -Reuters' }));
      assert.ok(!excluded.articles.some((a) => a.label.startsWith('10')), 'the Reuters texts are excluded');
      const inStory = await store.search.search(parseSearchQuery({ q: 'Putin', story: '1' }));
      const story1 = an.events.find((e) => e.number === 1)!;
      assert.ok(inStory.articles.length > 0 && inStory.articles.every((a) => story1.articleIds.includes(a.id)));
      assert.ok(inStory.facts.every((f) => f.storyId === story1.id));
      const { snippet, marks } = r.articles[0];
      assert.ok(marks.length > 0 && marks.every(([a, b]) => /^(putin|beijing)/i.test(snippet.slice(a, b))), JSON.stringify({ snippet, marks }));
      assert.doesNotMatch(snippet, /[\uE000\uE001]/, 'no marker characters are left in the text');
    });

    test('bad queries get clear errors', async () => {
      await assert.rejects(store.search.search(parseSearchQuery({ q: 'the of' })), /q: "the of" has no searchable words/);
      await assert.rejects(store.search.search(parseSearchQuery({ q: 'Putin', story: '99' })), /story: no story "99"/);
      await assert.rejects(store.search.search(parseSearchQuery({ q: 'Putin', entity: 'Nobody Atall' })), /entity: no entity "Nobody Atall"/);
      assert.throws(() => parseSearchQuery({ q: '  ' }), InvalidQuery);
      assert.throws(() => parseSearchQuery({ q: 'x', from: 'yesterday' }), /from: "yesterday" is not a date/);
      assert.throws(() => parseSearchQuery({ q: 'x', from: '2024-05-20', to: '2024-05-01' }), /from 2024-05-20 is after to 2024-05-01/);
      assert.throws(() => parseSearchQuery({ q: 'x', limit: '0' }), /limit: "0" must be a whole number/);
    });

    test('exports: CSV reads back to the JSON rows, per story and for the collection', async () => {
      for (const table of ['articles', 'copies', 'facts']) {
        const csv = await makeExport(store, table, 'csv');
        const json = JSON.parse((await makeExport(store, table, 'json')).body) as Array<Record<string, unknown>>;
        const rows = readCsv(csv.body);
        assert.equal(rows.length - 1, json.length, table);
        assert.deepEqual(rows[0], Object.keys(json[0]));
        assert.ok(csv.body.endsWith('\r\n'));
        const idCol = rows[0][0];
        assert.deepEqual(rows.slice(1).map((r) => r[0]), json.map((r) => String(r[idCol])));
      }
      const arts = JSON.parse((await makeExport(store, 'articles', 'json')).body) as Array<Record<string, unknown>>;
      assert.equal(arts.length, 7, 'every stored article, the republication included');
      const repub = arts.find((a) => a.label === '101-metrodaily-republished')!;
      const wire = arts.find((a) => a.label === '100-reuters-wire')!;
      assert.equal(repub.independence_group, 'org:Reuters');
      assert.equal(repub.publication_kind, 'verbatim-copy');
      assert.equal(repub.copy_of, wire.id);
      assert.equal(repub.lineage_first_report, wire.id);
      assert.equal(repub.url, 'https://metrodaily.example/world/2024/05/16/putin-arrives-beijing');
      const copies = JSON.parse((await makeExport(store, 'copies', 'json')).body) as Array<Record<string, unknown>>;
      assert.ok(copies.some((c) => c.copy_id === repub.id && c.source_id === wire.id && c.kind === 'verbatim' && c.lag_seconds === 12600));
      const one = an.events.find((e) => e.articleIds.includes(wire.id as string))!;
      const storyFacts = JSON.parse((await makeExport(store, 'facts', 'json', String(one.number))).body) as Array<{ story_id: string; source_groups: Array<{ group: string }> }>;
      assert.ok(storyFacts.length > 0 && storyFacts.every((f) => f.story_id === one.id));
      assert.equal(one.facts.length, storyFacts.length);
      await assert.rejects(makeExport(store, 'people', 'csv'), /unknown table "people": export articles, copies, facts/);
      await assert.rejects(makeExport(store, 'facts', 'xlsx'), /unknown format "xlsx": use csv or json/);
      await assert.rejects(makeExport(store, 'facts', 'csv', 'ev-nothing'), /story: no story "ev-nothing"/);
    });
  });
}

test('search answers the same on PGlite and PostgreSQL', { skip: !PG_URL && 'no PostgreSQL server ($NEWSPROV_TEST_PG_URL)' }, () => {
  assert.ok(seen.has('pglite') && seen.has('postgres'));
  assert.deepEqual(seen.get('postgres'), seen.get('pglite'));
});

test('CSV: RFC 4180 quoting, and cells a spreadsheet would run as formulas are defused', () => {
  assert.equal(csvField('plain'), 'plain');
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('say "hi"'), '"say ""hi"""');
  assert.equal(csvField('two\nlines'), '"two\nlines"');
  assert.equal(csvField('=HYPERLINK("http://evil","x")'), `"'=HYPERLINK(""http://evil"",""x"")"`);
  for (const bad of ['+1+1', '-2+3', '@SUM(A1)', '\tcmd', '\r=1']) assert.ok(csvField(bad).replace(/^"/, '').startsWith("'"), bad);
  assert.equal(csvField(-5), '-5', 'numbers stay numbers');
  assert.equal(csvField(['a', 'b']), 'a; b');
  assert.equal(csvField(null), '');
  assert.equal(toCsv(['x', 'y'], [{ x: 1, y: '=1+1' }]), "x,y\r\n1,'=1+1\r\n");
});

describe('search, export and story redirects over HTTP', () => {
  let store: Store;
  let srv: ServerApp;
  const get = (path: string) => srv.app.request(path);
  before(async () => {
    store = await Store.open({ location: 'memory://' });
    srv = createApp(store, { bindHost: '127.0.0.1', log: () => {}, analyze: (s) => runAnalysis(s) });
    await ingestPaths(store, [SEEDS, join(FIXTURES, 'propagation')], { progress: false });
    await srv.analysis.runNow();
  });
  after(async () => {
    await srv.close();
    await store.close();
  });

  test('GET /api/search answers hits and names a bad parameter', async () => {
    const r = await get('/api/search?q=Putin%20Beijing&outlet=Reuters');
    assert.equal(r.status, 200);
    const body = (await r.json()) as SearchResult;
    assert.deepEqual(body.articles.map((a) => a.label), ['100-reuters-wire']);
    const bad = await get('/api/search?q=Putin&from=soon');
    assert.equal(bad.status, 400);
    assert.match(((await bad.json()) as { error: string }).error, /from: "soon" is not a date/);
    assert.equal((await get('/api/search?q=Putin&colour=red')).status, 400);
  });

  test('GET /api/export/<table>.<format> downloads CSV and JSON; bad names are refused', async () => {
    const r = await get('/api/export/articles.csv');
    assert.equal(r.status, 200);
    assert.match(r.headers.get('content-type')!, /text\/csv/);
    assert.match(r.headers.get('content-disposition')!, /attachment; filename="newsprov-articles.csv"/);
    assert.equal(readCsv(await r.text()).length, 8);
    const j = await get('/api/export/copies.json?story=1');
    assert.equal(j.status, 200);
    assert.ok(Array.isArray(await j.json()));
    assert.equal((await get('/api/export/articles.xml')).status, 400);
    assert.equal((await get('/api/export/facts.csv?story=404')).status, 404);
  });

  test('GET /api/stories/<merged id> answers 308 to the surviving story; unknown ids 404', async () => {
    const an = (await store.loadAnalysis())!;
    const live = an.events[0];
    // merge: re-save the analysis with the first two stories joined into one, as a later grouping might
    const [a, b] = an.events;
    const merged = { ...an, events: [{ ...a, articleIds: [...a.articleIds, ...b.articleIds].sort() }, ...an.events.slice(2)] };
    await store.saveAnalysis(merged);
    const after = (await store.loadAnalysis())!;
    const idx = after.stories!;
    const absorbed = b.id;
    assert.equal(idx.redirects[absorbed], live.id);
    assert.ok(idx.history.some((h) => h.kind === 'merge' && h.storyId === live.id && h.otherId === absorbed));
    // a server opened now serves the stored analysis
    await srv.close();
    srv = createApp(store, { bindHost: '127.0.0.1', log: () => {}, analyze: (s) => runAnalysis(s) });
    const r = await get(`/api/stories/${absorbed}`);
    assert.equal(r.status, 308);
    assert.equal(r.headers.get('location'), `/api/stories/${live.id}`);
    assert.deepEqual(await r.json(), { redirectedFrom: absorbed, id: live.id, number: live.number, location: `/api/stories/${live.id}` });
    const byNumber = await get(`/api/stories/${b.number}/dossier.md`);
    assert.equal(byNumber.status, 308);
    assert.equal(byNumber.headers.get('location'), `/api/stories/${live.id}/dossier.md`);
    const d = (await (await get(`/api/stories/${live.id}`)).json()) as { number: number; history: Array<{ kind: string }> };
    assert.equal(d.number, live.number);
    assert.ok(d.history.some((h) => h.kind === 'merge'));
    assert.equal((await get('/api/stories/ev-never')).status, 404);
  });
});

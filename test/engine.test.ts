// The incremental engine: analysing a stream a few articles at a time gives what a rebuild (every stored
// article analysed again, in arrival order) gives, on the benchmark corpus and on the copy fixtures; and a
// new article only re-analyses the stories it touches.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { readdirSync, readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { Store } from '../src/store/store.ts';
import { emptyReport, ingestContent } from '../src/ingest/ingest.ts';
import { engineOf, updateAnalysis } from '../src/service.ts';
import type { Analysis } from '../src/model/analysis.ts';
import { buildCorpus, useVocabulary } from '../bench/corpus.ts';
import { collectOverBudget } from '../src/engine/memory.ts';
import { shortId } from '../src/nlp/text.ts';
import { freshPgDatabase, seedArticles } from './helpers.ts';

const SEEDS = resolve(import.meta.dirname, '../../shared/corpus/seeds');
const FIXTURES = resolve(import.meta.dirname, 'fixtures/provenance');
const PG_URL = process.env.NEWSPROV_TEST_PG_URL;

/** What a reader sees, by article labels (ids and story numbers aside). */
function snapshot(an: Analysis) {
  const label = new Map(an.articles.map((a) => [a.id, a.label]));
  const l = (id: string) => label.get(id)!;
  return {
    stories: an.events
      .map((e) => ({
        members: e.articleIds.map(l).sort().join(' '),
        sources: e.independentSources,
        title: e.title,
        dates: `${e.dateFrom}..${e.dateTo}`,
        facts: e.facts.map((f) => `${f.status} ${f.independentSources} ${f.text}`).sort(),
        contradictions: e.contradictions.map((c) => c.topic).sort(),
      }))
      .sort((a, b) => a.members.localeCompare(b.members)),
    copies: an.copies.map((c) => `${l(c.copyId)} < ${l(c.sourceId)} ${c.kind}`).sort(),
    entities: an.entities.map((e) => `${e.name} ${e.type} ${e.articleIds.length}`).sort(),
  };
}

async function ingestInChunks(store: Store, docs: Array<{ origin: string; content: string }>, sizes: number[]): Promise<void> {
  let at = 0;
  for (let k = 0; at < docs.length; k++) {
    const n = sizes[k % sizes.length];
    for (const d of docs.slice(at, at + n)) await ingestContent(store, d.content, d.origin, emptyReport());
    at += n;
    assert.ok(await updateAnalysis(store));
  }
}

const count = async (store: Store, q: string) => Number(((await store.db.execute(sql.raw(q))) as unknown as { rows: Array<{ n: number | string }> }).rows[0].n);

async function incrementalEqualsRebuild(docs: Array<{ origin: string; content: string }>, sizes: number[], check?: (store: Store) => Promise<void>): Promise<Analysis> {
  const store = await Store.open({ location: 'memory://' });
  try {
    await ingestInChunks(store, docs, sizes);
    await check?.(store);
    const incremental = (await store.loadAnalysis())!;
    assert.equal(incremental.articles.length, docs.length, 'every article analysed');
    await engineOf(store).rebuild();
    const rebuilt = (await store.loadAnalysis())!;
    assert.deepEqual(snapshot(incremental), snapshot(rebuilt));
    return rebuilt;
  } finally {
    await store.close();
  }
}

test('engine: the bench corpus analysed in uneven chunks as it arrives equals its rebuild', { timeout: 300_000 }, async () => {
  useVocabulary(SEEDS);
  const docs = buildCorpus(240);
  const an = await incrementalEqualsRebuild(docs, [1, 17, 60, 2, 100], async (store) => {
    // the embedded database has no autovacuum: the engine refreshed the statistics once the collection passed a chunk
    assert.ok((await count(store, `SELECT count(*) AS n FROM pg_stats WHERE tablename = 'article_keys'`)) > 0, 'article_keys has statistics');
  });
  // and it found what the generator put in: one story per generated story, copies within stories only
  const story = (id: string) => an.articles.find((a) => a.id === id)!.label.split('-')[0];
  assert.equal(an.events.length, new Set(docs.map((d) => d.origin.split('-')[0])).size);
  for (const e of an.events) assert.equal(new Set(e.articleIds.map(story)).size, 1, `story ${e.id} holds one generated story`);
  assert.ok(an.copies.length > 0 && an.copies.every((c) => story(c.copyId) === story(c.sourceId)));
});

test('engine: the copy fixtures one article at a time equal their rebuild', { timeout: 120_000 }, async () => {
  const docs = readdirSync(FIXTURES)
    .sort()
    .map((f) => ({ origin: f, content: readFileSync(resolve(FIXTURES, f), 'utf8') }));
  const an = await incrementalEqualsRebuild(docs, [1]);
  const bridge = an.events.find((e) => e.articleIds.length === 10)!;
  assert.equal(bridge.independentSources, 5);
});

test('engine: a new article re-analyses only the stories it touches', { timeout: 120_000 }, async () => {
  useVocabulary(SEEDS);
  const docs = buildCorpus(60);
  const store = await Store.open({ location: 'memory://' });
  try {
    for (const d of docs.slice(0, 59)) await ingestContent(store, d.content, d.origin, emptyReport());
    await updateAnalysis(store);
    const before = (await store.results.counts()).stories;
    await ingestContent(store, docs[59].content, docs[59].origin, emptyReport());
    const r = (await updateAnalysis(store))!;
    assert.equal(r.articles, 1);
    assert.ok(r.stories <= 2, `${r.stories} stories written for one article (of ${before})`);
    assert.equal(await store.analysisIsFresh(), true);
  } finally {
    await store.close();
  }
});

test('engine: articles a writer stored without features get them and are analysed, before and after a first run', { timeout: 120_000 }, async () => {
  const [a, b, c] = seedArticles();
  const store = await Store.open({ location: 'memory://' });
  try {
    await store.insertArticle(a);
    assert.equal((await updateAnalysis(store))!.articles, 1);
    // a second run finds nothing to do; an article stored without features after it is still found
    assert.equal((await updateAnalysis(store))!.articles, 0);
    await store.insertArticle(b);
    await store.insertArticle(c);
    assert.equal((await updateAnalysis(store))!.articles, 2);
    assert.equal(await count(store, 'SELECT count(*) AS n FROM article_features WHERE analysed'), 3);
  } finally {
    await store.close();
  }
});

test("engine: an article's story keys are written with its analysis, not while it waits", async () => {
  useVocabulary(SEEDS);
  const docs = buildCorpus(12);
  const store = await Store.open({ location: 'memory://' });
  try {
    for (const d of docs) await ingestContent(store, d.content, d.origin, emptyReport());
    assert.equal(await count(store, 'SELECT count(*) AS n FROM article_keys'), 0, 'no keys before the analysis');
    await updateAnalysis(store);
    assert.ok((await count(store, 'SELECT count(DISTINCT article_id) AS n FROM article_keys')) === docs.length, 'every analysed article has keys');
    await engineOf(store).rebuild();
    assert.equal(await count(store, 'SELECT count(*) AS n FROM (SELECT key, article_id FROM article_keys GROUP BY 1, 2 HAVING count(*) > 1) d'), 0, 'a rebuild writes them once');
  } finally {
    await store.close();
  }
});

test('engine: a text holding half an emoji (a lone surrogate) is stored with a warning, analysed and its story written, on each database', { timeout: 120_000 }, async () => {
  const text = readFileSync(resolve(SEEDS, readdirSync(SEEDS).sort()[0]), 'utf8');
  // half of "😀" in a sentence with a figure, which becomes a fact
  const broken = text.replace(/\.\s/, '. Officials said 77 people from twelve regions \ud83d attended the opening ceremony in Harbin. ');
  for (const location of ['memory://', ...(PG_URL ? [await freshPgDatabase(PG_URL, 'newsprov_engine')] : [])]) {
    const store = await Store.open({ location });
    try {
      const report = emptyReport();
      await ingestContent(store, broken, 'broken-emoji.txt', report);
      assert.deepEqual(report.errors, []);
      assert.ok(report.warnings.some((w) => w.origin === 'broken-emoji.txt' && /1 unpaired UTF-16 surrogate/.test(w.warning)), JSON.stringify(report.warnings));
      assert.equal((await updateAnalysis(store))!.articles, 1, location);
      const an = (await store.loadAnalysis())!;
      assert.equal(an.events.length, 1);
      assert.ok(an.events[0].facts.some((f) => f.text.includes('regions \ufffd attended')), 'the half emoji is kept as U+FFFD');
    } finally {
      await store.close();
    }
  }
});

test('engine: a book-length text is stored whole and analysed on its first 50,000 words', async () => {
  const { articleFeatures, MAX_ANALYSED_WORDS } = await import('../src/analysis/features.ts');
  const { articleFromText } = await import('./helpers.ts');
  const para = 'The committee met again on Monday to discuss the harbour budget and the new ferry timetable for the winter.';
  const text = Array.from({ length: 3500 }, (_, i) => `${para} Item ${i}.`).join('\n\n');
  const a = articleFromText('book', text);
  const f = articleFeatures(a);
  const analysed = f.sentences.reduce((n, s) => n + s.text.split(/\s+/).length, 0);
  assert.ok(a.text.split(/\s+/).length > MAX_ANALYSED_WORDS, 'the stored text is whole');
  assert.ok(analysed <= MAX_ANALYSED_WORDS && analysed > MAX_ANALYSED_WORDS * 0.9, `${analysed} words analysed`);
});

test('engine memory: a heap over its budget is collected, one under it is left alone', () => {
  // arrays made and dropped in here are garbage once it returns
  const litter = () => Array.from({ length: 200 }, (_, i) => new Array(1e5).fill(i + 0.5)).length;
  assert.equal(litter(), 200);
  const before = process.memoryUsage().heapUsed;
  assert.equal(collectOverBudget(before * 2), false);
  assert.equal(collectOverBudget(before / 4), true);
  const after = process.memoryUsage().heapUsed;
  assert.ok(after < before / 2, `heap in use ${after} after collecting, ${before} before`);
});

test('ids: 300,000 distinct keys get 300,000 distinct ids (the former 32 bits of hash gave 6 collisions)', () => {
  const ids = new Set<string>();
  for (let i = 0; i < 300_000; i++) ids.add(shortId('fa-', `ev-${i % 997}|claim ${i}`));
  assert.equal(ids.size, 300_000);
});

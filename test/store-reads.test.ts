// The per-request reads of the stored analysis give what the whole analysis gives: the story list, every story's
// dossier, an article's place, an entity's page, the copies and the exports. Run on embedded PGlite and on a
// PostgreSQL server (NEWSPROV_TEST_PG_URL), over an analysis written by the incremental engine and one saved whole.
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Store } from '../src/store/store.ts';
import { ingestPaths } from '../src/ingest/ingest.ts';
import { updateAnalysis, storySummaries, labelledCopies } from '../src/service.ts';
import { buildDossier } from '../src/dossier/dossier.ts';
import { resolveStory } from '../src/dossier/resolve.ts';
import type { Analysis } from '../src/model/analysis.ts';
import { FIXTURES, SEEDS, freshPgDatabase, seedAnalysis, seedArticles } from './helpers.ts';

const PG_URL = process.env.NEWSPROV_TEST_PG_URL;
if (!PG_URL && process.env.CI) throw new Error('CI must run the storage suite on PostgreSQL too: set NEWSPROV_TEST_PG_URL (see .ci/run)');
const backends: Array<[string, () => Promise<string>]> = [['pglite', async () => 'memory://']];
if (PG_URL) backends.push(['postgres', () => freshPgDatabase(PG_URL, 'newsprov_reads')]);

const collect = async <X>(pages: AsyncIterable<X[]>) => {
  const out: X[] = [];
  for await (const p of pages) out.push(...p);
  return out;
};

/** What the reads must agree with, computed from the whole analysis. */
async function checkAgainstWhole(store: Store, an: Analysis) {
  const byId = new Map(an.articles.map((a) => [a.id, a]));
  const copyOf = new Map(an.copies.map((c) => [c.copyId, c.sourceId]));
  const list = await collect(storySummaries(store));
  assert.deepEqual(
    list,
    an.events.map((e) => ({
      number: e.number, id: e.id, title: e.title, dateFrom: e.dateFrom, dateTo: e.dateTo, keyTerms: e.keyTerms,
      articles: e.articleIds.map((id) => ({ id, label: byId.get(id)!.label, outlet: byId.get(id)!.outlet, title: byId.get(id)!.title, copyOf: copyOf.get(id) ?? null })),
      independentSources: e.independentSources, corroboratedFacts: e.facts.filter((f) => f.status === 'corroborated').length, contradictions: e.contradictions.length,
    })),
  );
  assert.deepEqual(await collect(store.reads.storyPages({ offset: 1, limit: 1 })).then((x) => x.map((e) => e.id)), an.events.slice(1, 2).map((e) => e.id));
  for (const ev of an.events) {
    const found = await store.reads.resolveStory(String(ev.number));
    assert.equal(found?.id, ev.id);
    const slice = await store.slices.slice([ev.id]);
    assert.deepEqual(buildDossier(slice.analysis, slice.stories[0]), buildDossier(an, ev), `dossier of ${ev.id}`);
    assert.equal((await store.reads.resolveStory(ev.id.slice(0, ev.id.length - 1)))?.id, resolveStory(an, ev.id.slice(0, ev.id.length - 1))?.event.id);
  }
  assert.equal(await store.reads.resolveStory('ev-never'), null);
  assert.equal(await store.reads.resolveStory('99999'), null);
  for (const a of an.articles) {
    const v = await store.reads.articleView(a.id);
    assert.deepEqual(v.sentences, a.sentences);
    assert.equal(v.sourceGroup, an.sourceGroup[a.id] ?? null);
    assert.equal(v.story?.id, an.events.find((e) => e.articleIds.includes(a.id))?.id);
    assert.deepEqual(v.copies.map((c) => `${c.copyId} ${c.sourceId}`).sort(), an.copies.filter((c) => c.copyId === a.id || c.sourceId === a.id).map((c) => `${c.copyId} ${c.sourceId}`).sort());
  }
  const entities = await store.reads.entities();
  assert.deepEqual(entities, an.entities.map(({ mentions, ...e }) => ({ ...e, mentionCount: mentions.length })));
  for (const e of an.entities.slice(0, 5)) {
    const v = (await store.reads.entityView(e.id))!;
    assert.deepEqual(v.stories.map((s) => s.id), an.events.filter((ev) => ev.entityIds.includes(e.id)).map((ev) => ev.id));
  }
  assert.equal(await store.reads.entityView('en-none'), null);
  const copies = await collect(labelledCopies(store));
  assert.deepEqual(copies.map((c) => `${c.copyId} ${c.sourceId}`).sort(), an.copies.map((c) => `${c.copyId} ${c.sourceId}`).sort());
  assert.equal(await store.reads.analysedCount(), an.articles.length);
}

for (const [name, location] of backends) {
  describe(`reads on ${name}`, () => {
    let store: Store;
    before(async () => {
      store = await Store.open({ location: await location() });
    });
    after(async () => {
      await store?.close();
    });

    test('an analysis written by the incremental engine reads back story by story as the whole one does', async () => {
      await ingestPaths(store, [SEEDS, join(FIXTURES, 'propagation')], { progress: false });
      await updateAnalysis(store);
      const an = (await store.loadAnalysis())!;
      assert.ok(an.events.length >= 2 && an.copies.length >= 1);
      await checkAgainstWhole(store, an);
    });

    test('an analysis saved whole (entities without a story) reads back the same way', async () => {
      const other = await Store.open({ location: name === 'pglite' ? 'memory://' : await location() });
      try {
        for (const a of seedArticles()) await other.insertArticle(a);
        await other.saveAnalysis(seedAnalysis());
        await checkAgainstWhole(other, (await other.loadAnalysis())!);
      } finally {
        await other.close();
      }
    });
  });
}

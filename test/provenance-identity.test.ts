// Issue 12 acceptance: on the example corpus plus a dated wire report (Reuters) and its verbatim republication by
// a second outlet (test/fixtures/propagation), the republication is stored as its own article, shown in the wire
// lineage and not counted as an independent source, the timeline names the first report, and story ids and
// numbers stay the same after more articles are added. Runs through the real store, ingest and analysis.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { Store } from '../src/store/store.ts';
import { ingestPaths } from '../src/ingest/ingest.ts';
import { runAnalysis } from '../src/service.ts';
import { buildDossier, renderMarkdown } from '../src/dossier/dossier.ts';
import { resolveStory } from '../src/dossier/resolve.ts';
import { matchStories } from '../src/identity/stories.ts';
import { matchEntities } from '../src/identity/entities.ts';
import type { Analysis } from '../src/model/analysis.ts';
import { FIXTURES, SEEDS, articleFromText, seedArticles } from './helpers.ts';
import { analyze } from '../src/analysis/analyze.ts';
import { sql } from 'drizzle-orm';

const WIRE = join(FIXTURES, 'propagation');
let store: Store;
let before5: Analysis;
let after7: Analysis;

before(async () => {
  store = await Store.open({ location: 'memory://' });
  await ingestPaths(store, [SEEDS], { progress: false });
  before5 = structuredClone(await runAnalysis(store));
  const report = await ingestPaths(store, [WIRE], { progress: false });
  assert.equal(report.inserted.length, 2, 'the wire report and its republication are both stored');
  after7 = await runAnalysis(store);
});
after(async () => store?.close());

const byLabel = (an: Analysis, prefix: string) => an.articles.find((a) => a.label.startsWith(prefix))!;
const storyOf = (an: Analysis, articleId: string) => an.events.find((e) => e.articleIds.includes(articleId))!;

test('the verbatim republication is its own article, a verbatim copy of the wire report, in the wire lineage', () => {
  const wire = byLabel(after7, '100-');
  const repub = byLabel(after7, '101-');
  assert.notEqual(wire.id, repub.id);
  assert.equal(repub.outlet, 'Metro Daily');
  const rel = after7.copies.find((c) => c.copyId === repub.id && c.sourceId === wire.id);
  assert.ok(rel, 'linked as a copy of the wire report');
  assert.equal(rel.kind, 'verbatim');
  assert.equal(after7.sourceGroup[repub.id], 'org:Reuters');
  assert.equal(after7.sourceGroup[wire.id], 'org:Reuters');
});

test('the republication is not counted as an independent source', () => {
  const wire = byLabel(after7, '100-');
  const repub = byLabel(after7, '101-');
  const ev = storyOf(after7, repub.id);
  assert.equal(storyOf(after7, wire.id).id, ev.id);
  const groups = new Set(ev.articleIds.map((id) => after7.sourceGroup[id]));
  assert.equal(ev.independentSources, groups.size);
  const without = new Set(ev.articleIds.filter((id) => id !== repub.id).map((id) => after7.sourceGroup[id]));
  assert.equal(groups.size, without.size, 'the republication adds no source');
  const d = buildDossier(after7, ev);
  const reuters = d.sourceGroups.find((g) => g.key === 'org:Reuters')!;
  assert.deepEqual(reuters.articleIds.sort(), [wire.id, repub.id].sort());
  assert.equal(reuters.description, 'Reuters, via Metro Daily');
});

test('the propagation timeline names the first report, the lineage and the copy with its lag', () => {
  const wire = byLabel(after7, '100-');
  const repub = byLabel(after7, '101-');
  const d = buildDossier(after7, storyOf(after7, wire.id));
  const p = d.propagation;
  assert.equal(p.firstReport?.articleId, wire.id);
  const tw = p.timeline.find((t) => t.articleId === wire.id)!;
  const tr = p.timeline.find((t) => t.articleId === repub.id)!;
  assert.equal(tw.kind, 'wire');
  assert.equal(tw.firstInLineage, true);
  assert.equal(tr.kind, 'verbatim-copy');
  assert.equal(tr.copyOf, wire.id);
  assert.equal(tr.secondsAfterFirst, 3.5 * 3600);
  const lineage = p.lineages.find((l) => l.key === 'org:Reuters')!;
  assert.equal(lineage.wire, true);
  assert.equal(lineage.firstReport.articleId, wire.id);
  assert.deepEqual(p.edges.find((e) => e.copyId === repub.id), { sourceId: wire.id, copyId: repub.id, sourceRef: tw.ref, copyRef: tr.ref, kind: 'verbatim-copy', lagSeconds: 12600, directionConfidence: 'high' });
  const md = renderMarkdown(d);
  assert.match(md, /First report: \[\d+\] 100-reuters-wire, Reuters, 2024-05-16 06:00 \(Reuters\)/);
  assert.match(md, /101-metrodaily-republished, Metro Daily — verbatim copy of \[\d+\] 100-reuters-wire, Reuters \(\+3 h 30 min after the first report\)/);
});

test('the machine-translated seed 001 is shown as a translation of 000', () => {
  const src = byLabel(after7, '000_');
  const tr = byLabel(after7, '001_');
  const t = buildDossier(after7, storyOf(after7, tr.id)).propagation.timeline.find((x) => x.articleId === tr.id)!;
  assert.equal(t.kind, 'translation');
  assert.equal(t.copyOf, src.id);
});

test('story ids and numbers stay the same after more articles are added', () => {
  assert.ok(before5.events.length > 0);
  for (const old of before5.events) {
    const now = resolveStory(after7, String(old.number));
    assert.ok(now, `story ${old.number} still answers`);
    const kept = now.event.articleIds.filter((id) => old.articleIds.includes(id));
    // the story keeps its id and number, and still holds articles it had
    assert.equal(now.event.number, old.number);
    assert.ok(kept.length > 0, `story ${old.number} keeps some of its articles`);
    if (!now.redirectedFrom) assert.equal(now.event.id, old.id);
    assert.equal(resolveStory(after7, old.id)!.event.id, now.event.id, 'its id leads to the same story as its number');
  }
  // the story with the first seed is the same story (same id, same number) before and after
  const seed0 = byLabel(before5, '000_').id;
  assert.equal(storyOf(after7, seed0).id, storyOf(before5, seed0).id);
  assert.equal(storyOf(after7, seed0).number, storyOf(before5, seed0).number);
  // numbers are unique and never reused
  const numbers = after7.events.map((e) => e.number);
  assert.equal(new Set(numbers).size, numbers.length);
  // entities keep their ids: the same person has the same id in both analyses
  const id = (an: Analysis, name: string) => an.entities.find((e) => e.name === name)?.id;
  for (const name of ['Xi Jinping', 'Andrey Belousov']) {
    const was = id(before5, name);
    if (was) assert.equal(id(after7, name) ?? after7.entities.find((e) => e.aliases.some((a) => a.form === name))?.id, was, name);
  }
});

test('re-ingesting the same document is skipped and its new origin recorded; the history records the changes', async () => {
  const again = await ingestPaths(store, [join(WIRE, '101-metrodaily-republished.txt')], { progress: false });
  assert.equal(again.inserted.length, 0);
  assert.equal(again.duplicates.length, 1);
  const repub = byLabel(after7, '101-');
  assert.deepEqual((await store.articles.origins(repub.id)).map((o) => o.origin), [join(WIRE, '101-metrodaily-republished.txt')]);
  const idx = await store.identity.index();
  assert.ok(idx.history.filter((h) => h.kind === 'created').length >= before5.events.length);
  for (const e of after7.events) assert.equal(idx.numbers[e.id], e.number);
});

test('story matching: a merge keeps the larger (then older) id and redirects the other; a split keeps the id with most members', () => {
  const prior = [
    { id: 's1', number: 1, members: ['a', 'b', 'c'] },
    { id: 's2', number: 2, members: ['d'] },
    { id: 's3', number: 3, members: ['e', 'f', 'g'] },
  ];
  const m = matchStories(prior, [
    { id: 'n1', articleIds: ['a', 'b', 'c', 'd'] },
    { id: 'n2', articleIds: ['e', 'f'] },
    { id: 'n3', articleIds: ['g', 'h'] },
    { id: 'n4', articleIds: ['z'] },
  ]);
  assert.deepEqual([...m.kept], [['n1', 's1'], ['n2', 's3']]);
  assert.deepEqual(m.merges, [{ survivor: 'n1', absorbed: 's2', articleIds: ['d'] }]);
  assert.deepEqual(m.splits, [{ id: 'n3', from: 's3', articleIds: ['g'] }]);
  assert.deepEqual(m.created, ['n4']);
  // equal shares: the oldest story keeps its id
  const tie = matchStories([{ id: 'old', number: 1, members: ['a'] }, { id: 'new', number: 7, members: ['b'] }], [{ id: 'x', articleIds: ['a', 'b'] }]);
  assert.deepEqual([...tie.kept], [['x', 'old']]);
  assert.deepEqual(tie.merges.map((x) => x.absorbed), ['new']);
});

test('entity matching follows the written forms; an id is given to one entity only', () => {
  const ids = matchEntities(
    [{ id: 'en-putin', name: 'Vladimir Putin', type: 'person', forms: ['Vladimir Putin', 'Putin'] }],
    [
      { id: 'en-new', name: 'President Putin', type: 'person', aliases: [{ form: 'Putin' }, { form: 'Vladimir Putin' }] },
      { id: 'en-putin', name: 'Putin', type: 'place', aliases: [{ form: 'Putin' }] },
    ],
  );
  assert.equal(ids.get('en-new'), 'en-putin');
  assert.equal(ids.get('en-putin'), 'en-putin-2');
});

test('a database from before story numbers: its stories are numbered by position, and new stories come after them', async () => {
  const s = await Store.open({ location: 'memory://' });
  try {
    const seeds = seedArticles();
    for (const a of seeds) await s.insertArticle(a);
    await s.saveAnalysis(analyze(seeds));
    // as stored before the registry was kept
    await s.db.execute(sql`DELETE FROM story_ids`);
    await s.db.execute(sql`DELETE FROM story_history`);
    await s.db.execute(sql`UPDATE events SET number = NULL`);
    const stored = (await s.loadAnalysis())!.events.length;
    const other = articleFromText('other', 'Title: Harbour fire\nDate: 2025-03-02\n\nA fire broke out in the harbour warehouses of Valparaiso on Sunday night. Firefighters from three towns fought it until morning, and nobody was hurt, the port authority said.');
    await s.insertArticle(other);
    await s.saveAnalysis(analyze([...seeds, other]));
    const an = (await s.loadAnalysis())!;
    const numbers = an.events.map((e) => e.number!).sort((a, b) => a - b);
    assert.equal(new Set(numbers).size, numbers.length, 'numbers are unique');
    assert.ok(an.events.length > stored);
    // the seeded numbers are 1..stored (position + 1); the new stories take the next ones
    assert.deepEqual(numbers, Array.from({ length: an.events.length }, (_, i) => i + 1));
    assert.ok(storyOf(an, other.id).number! > stored);
  } finally {
    await s.close();
  }
});

// Outlet templates learned from repetition: furniture goes, reporting stays.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { learnTemplates, removeTemplates, siteOf } from '../src/ingest/templates.ts';
import { analyze } from '../src/analysis/analyze.ts';
import { articleFromText } from './helpers.ts';

const BOX =
  'Get the morning briefing delivered to your inbox every weekday before seven. Our editors pick the five stories that matter and explain what they mean for you. Sign up now and read the first week free of charge.';

const STORIES = [
  'The city council voted on Tuesday to close the old harbour bridge for repairs lasting eight months. Engineers found corrosion in three of the main supports during an inspection in March. Traffic will be diverted through the northern ring road, adding about twelve minutes to the average commute.',
  'A regional hospital opened a new maternity ward after two years of construction work costing 14 million euros. The ward has 40 beds and a neonatal unit staffed around the clock. Doctors said waiting times for planned births should fall by half.',
  'Farmers in the valley reported the lowest apple harvest in a decade after a late frost destroyed the blossoms in April. Prices at the weekly market rose by a third. The agriculture ministry promised emergency aid for orchards that lost more than half their crop.',
  'The national football team named a new coach on Friday, ending a search that lasted four months. The coach, who led two clubs to league titles, signed a contract until the next world cup. Fans greeted the decision with cautious optimism.',
];

function outletArticles(outlet: string, bodies: string[], withBox: boolean) {
  return bodies.map((b, i) => articleFromText(`${outlet.replace(/\W+/g, '-')}-${i}`, withBox ? `${b}\n\n${BOX}` : b, `2024-05-0${i + 1}T10:00:00Z`, outlet));
}

test('a paragraph repeated across different articles of one outlet is template; elsewhere it is text', () => {
  const arts = [...outletArticles('Daily Example', STORIES, true), articleFromText('other', `${STORIES[0]}\n\n${BOX}`, null, 'Other Paper')];
  const t = learnTemplates(arts);
  assert.deepEqual([...t.keys()], ['daily example']);
  const cleaned = removeTemplates(arts[1], t);
  assert.ok(!cleaned.text.includes('morning briefing'));
  assert.deepEqual(cleaned.removed.filter((r) => r.kind === 'template').map((r) => r.text), [BOX]);
  assert.equal(removeTemplates(arts[4], t), arts[4], 'another outlet keeps its text');
});

test('versions of one developing story are not each other’s template', () => {
  const update = (n: number) => `${STORIES[0]}\n\nUpdate ${n}: officials said the closure could start in ${['June', 'July', 'August', 'September'][n]}.`;
  const arts = [0, 1, 2, 3].map((n) => articleFromText(`v${n}`, update(n), null, 'Daily Example'));
  assert.equal(learnTemplates(arts).size, 0);
});

test('outlet furniture no longer makes unrelated articles of one outlet copies of each other', () => {
  const an = analyze(outletArticles('Daily Example', STORIES, true));
  assert.deepEqual(an.copies, []);
  assert.ok(an.articles.every((a) => a.templates.length === 1));
  assert.equal(siteOf({ outlet: null, url: 'https://www.example.org/a' }), 'example.org');
});

/** The outlet's boxed stories stored and analysed one at a time, as a stream brings them. */
async function outletStream() {
  const { Store } = await import('../src/store/store.ts');
  const { updateAnalysis } = await import('../src/service.ts');
  const store = await Store.open({ location: 'memory://' });
  const arts = outletArticles('Daily Example', STORIES, true);
  for (const a of arts) {
    assert.ok(await store.insertArticle(a));
    await updateAnalysis(store);
  }
  return { store, arts };
}

test('stream: an outlet paragraph becomes template once two earlier, different articles of the outlet carried it', async () => {
  const { store, arts } = await outletStream();
  try {
    const an = (await store.loadAnalysis())!;
    const templates = arts.map((a) => an.articles.find((x) => x.id === a.id)!.templates);
    assert.deepEqual(templates, [[], [], [BOX], [BOX]], 'the first two carriers could not know yet; the third and fourth do');
    assert.ok(!an.articles.find((x) => x.id === arts[3].id)!.sentences.some((s) => s.includes('morning briefing')));
  } finally {
    await store.close();
  }
});

test('stream: versions of one developing story are not each other’s template', async () => {
  const { templateParagraphs } = await import('../src/ingest/templates.ts');
  const { copyKeys } = await import('../src/copy/keys.ts');
  const { contentTokens, paragraphs } = await import('../src/nlp/text.ts');
  const { paragraphKey } = await import('../src/ingest/templates.ts');
  const carrier = (text: string) => ({ keys: paragraphs(text).map(paragraphKey), shingles: copyKeys(contentTokens(text)).shingles });
  // the story's paragraph is shared, each version adds a one-line update
  const versions = [1, 2, 3].map((n) => carrier(`${STORIES[0]}\n\nUpdate ${n}: officials said the closure could start in ${['June', 'July', 'August'][n - 1]}.`));
  assert.equal(templateParagraphs(versions[2], new Map([[versions[2].keys[0], versions.slice(0, 2)]])).size, 0);
  // a box shared by three different stories is template
  const boxed = STORIES.slice(0, 3).map((s) => carrier(`${s}\n\n${BOX}`));
  assert.deepEqual([...templateParagraphs(boxed[2], new Map([[boxed[2].keys[1], boxed.slice(0, 2)]]))], [1]);
});

test('stream: a copy candidate read without its tags (and kept by the engine) is the article the analysis read', async () => {
  const { fromFeatures } = await import('../src/analysis/features.ts');
  const { CopyCache, entryOfPrepared } = await import('../src/engine/copycache.ts');
  const { store, arts } = await outletStream();
  try {
    const ids = arts.map((a) => a.id);
    const full = await store.features.load(ids);
    const cache = new CopyCache(2);
    const read = await cache.fetch(store.features, ids);
    for (const id of ids) {
      const x = full.get(id)!;
      const expected = entryOfPrepared(fromFeatures(x.article, x.features, new Set(x.templateParas)).prepared, Int32Array.from(x.features.shingles));
      const got = read.get(id)!;
      assert.deepEqual(got.units.map((u) => ({ ...u, plain: [...u.plain] })), expected.units.map((u) => ({ ...u, plain: [...u.plain] })), id);
      assert.deepEqual(got.shingles, expected.shingles);
      assert.deepEqual(got.article, expected.article);
    }
    assert.ok(read.get(ids[3])!.units.every((u) => !u.text.includes('morning briefing')), 'the template paragraph is left out');
    assert.equal(cache.get(ids[0]), undefined, 'at most two are kept');
    assert.equal(cache.get(ids[3]), read.get(ids[3]));
  } finally {
    await store.close();
  }
});

test('stream: an engine cache size that is not a whole number of articles is refused, naming the setting', async () => {
  const { cacheSize } = await import('../src/engine/copycache.ts');
  const before = process.env.NEWSPROV_ENGINE_CACHE;
  try {
    for (const bad of ['0', 'lots', '2.5']) {
      process.env.NEWSPROV_ENGINE_CACHE = bad;
      assert.throws(() => cacheSize(), new RegExp(`NEWSPROV_ENGINE_CACHE must be a whole number of articles, at least 1 \\(got ${bad.replace('.', '\\.')}\\)`));
    }
    process.env.NEWSPROV_ENGINE_CACHE = '250';
    assert.equal(cacheSize(), 250);
  } finally {
    if (before === undefined) delete process.env.NEWSPROV_ENGINE_CACHE;
    else process.env.NEWSPROV_ENGINE_CACHE = before;
  }
});

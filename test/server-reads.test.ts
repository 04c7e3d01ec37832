// Reads serve the stored analysis; only when none exists do they wait for one, and then all share it.
import { runAnalysis } from '../src/service.ts';
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { Store } from '../src/store/store.ts';
import { createApp, type ServerApp } from '../src/server/app.ts';
import { analyze } from '../src/analysis/analyze.ts';
import { articleFromText } from './helpers.ts';
import { syntheticArticle } from './server-ui.ts';

let store: Store;
let srv: ServerApp;
let runs = 0;

before(async () => {
  store = await Store.open({ location: 'memory://' });
  srv = createApp(store, {
    bindHost: '127.0.0.1',
    log: () => {},
    analyze: async (s) => {
      runs++;
      return runAnalysis(s);
    },
  });
});
after(async () => {
  await srv.close();
  await store.close();
});

const stories = async () => (await (await srv.app.request('/api/stories')).json()) as Array<{ articles: Array<{ label: string }> }>;
const labels = (s: Awaited<ReturnType<typeof stories>>) => s.flatMap((x) => x.articles.map((a) => a.label)).sort();

test('reads: with no analysis stored, concurrent first reads share one run', async () => {
  await store.insertArticle(articleFromText('one', syntheticArticle(1)));
  const all = await Promise.all(Array.from({ length: 5 }, () => stories()));
  assert.equal(runs, 1);
  for (const s of all) assert.deepEqual(labels(s), ['one']);
});

test('reads: articles stored behind the server are served stale at once and analysed in the background', async () => {
  await store.insertArticle(articleFromText('two', syntheticArticle(2)));
  assert.deepEqual(labels(await stories()), ['one'], 'the stored analysis, without waiting');
  await srv.analysis.idle();
  const st = await (await srv.app.request('/api/status')).json();
  assert.deepEqual([st.articles, st.analysedArticles, st.fresh], [2, 2, true]);
  assert.deepEqual(labels(await stories()), ['one', 'two']);
  assert.equal(runs, 2, 'the stale read scheduled exactly one run');
});

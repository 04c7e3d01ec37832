// Distributed ingest: files claimed by a worker that died are taken over once its lease runs out.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Store } from '../src/store/store.ts';
import { runWorker } from '../src/ingest/distributed.ts';
import { SEEDS, freshPgDatabase } from './helpers.ts';

const backends: Array<[string, () => Promise<string>]> = [['pglite', async () => 'memory://']];
if (process.env.NEWSPROV_TEST_PG_URL) backends.push(['postgres', () => freshPgDatabase(process.env.NEWSPROV_TEST_PG_URL!, 'newsprov_jobs')]);

for (const [name, location] of backends) {
  test(`${name}: jobs of a killed worker are finished by the next one, and a missing file ends in ingest_errors`, async () => {
    process.env.NEWSPROV_JOB_LEASE_SECONDS = '0.3';
    const store = await Store.open({ location: await location() });
    delete process.env.NEWSPROV_JOB_LEASE_SECONDS;
    try {
      const files = readdirSync(SEEDS).sort().slice(0, 2).map((f) => resolve(join(SEEDS, f)));
      const ids = await store.jobs.enqueue([...files, '/nonexistent/newsprov-missing.txt']);
      // a worker claims everything, then dies without finishing or renewing
      assert.equal((await store.jobs.claim('killed-worker', 10)).length, 3);
      const n = await runWorker(store, { until: [Math.min(...ids), Math.max(...ids)] });
      assert.equal(n, 3);
      assert.equal(await store.countArticles(), 2);
      assert.deepEqual(await store.jobs.counts(), { done: 3 });
      const errors = await store.listErrors();
      assert.equal(errors.length, 1);
      assert.match(errors[0].reason, /newsprov-missing\.txt: cannot read \(ENOENT\)/);
    } finally {
      await store.close();
    }
  });
}

test('postgres: two daemon workers (--follow --analyze) take queued files as they come and give the stories one process gives', { skip: process.env.NEWSPROV_TEST_PG_URL ? false : 'needs a PostgreSQL server ($NEWSPROV_TEST_PG_URL)' }, async () => {
  const { spawn } = await import('node:child_process');
  const { analyze } = await import('../src/analysis/analyze.ts');
  const { ROOT, seedArticles } = await import('./helpers.ts');
  const url = await freshPgDatabase(process.env.NEWSPROV_TEST_PG_URL!, 'newsprov_daemon');
  const store = await Store.open({ location: url });
  const daemons = [0, 1].map(() => spawn(process.execPath, [join(ROOT, 'bin/newsprov.mjs'), 'worker', '--follow', '--poll', '0.2', '--analyze', '--db', url], { stdio: ['ignore', 'ignore', 'pipe'] }));
  try {
    // files arrive after the workers started: they wait for them
    await new Promise((r) => setTimeout(r, 1500));
    await store.jobs.enqueue(readdirSync(SEEDS).sort().map((f) => resolve(join(SEEDS, f))));
    for (let i = 0; i < 300 && !((await store.countArticles()) === 5 && (await store.analysisIsFresh())); i++) await new Promise((r) => setTimeout(r, 200));
    assert.equal(await store.countArticles(), 5);
    assert.ok(await store.analysisIsFresh(), 'the daemons brought the analysis up to date');
    const stored = (await store.loadAnalysis())!;
    const alone = analyze(seedArticles());
    const label = (an: { articles: Array<{ id: string; label: string }> }) => new Map(an.articles.map((a) => [a.id, a.label]));
    const stories = (an: typeof alone) => an.events.map((e) => e.articleIds.map((id) => label(an).get(id)!).sort().join(',')).sort();
    assert.deepEqual(stories(stored), stories(alone));
  } finally {
    const exits = daemons.map((d) => new Promise<number | null>((r) => d.once('exit', (code) => r(code))));
    for (const d of daemons) d.kill('SIGTERM');
    assert.deepEqual(await Promise.all(exits), [0, 0], 'SIGTERM stops a daemon cleanly');
    await store.close();
  }
});

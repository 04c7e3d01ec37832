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

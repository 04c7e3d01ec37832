// One storage suite, run on embedded PGlite and on a PostgreSQL server (NEWSPROV_TEST_PG_URL).
import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'drizzle-orm';
import { Store } from '../src/store/store.ts';
import { JobQueue } from '../src/store/jobs.ts';
import { seedArticles, seedAnalysis, freshPgDatabase } from './helpers.ts';
import { safeFeatures } from '../src/analysis/features.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PG_URL = process.env.NEWSPROV_TEST_PG_URL;
if (!PG_URL && process.env.CI) throw new Error('CI must run the storage suite on PostgreSQL too: set NEWSPROV_TEST_PG_URL (see .ci/run)');

const backends: Array<[string, () => Promise<string>]> = [['pglite', async () => 'memory://']];
if (PG_URL) backends.push(['postgres', () => freshPgDatabase(PG_URL)]);

for (const [name, location] of backends) {
  describe(`storage on ${name}`, () => {
    let store: Store;
    let loc: string;
    before(async () => {
      loc = await location();
      store = await Store.open({ location: loc });
    });
    after(async () => {
      await store?.close();
    });

    test('reports its backend', () => {
      assert.equal(store.kind, name);
    });

    if (name === 'postgres')
      test('server sessions run with JIT off, keeping the options the URL gives', async () => {
        const setting = async (s: Store, key: string) => ((await s.db.execute(sql.raw(`SHOW ${key}`))) as unknown as { rows: Array<Record<string, string>> }).rows[0][key];
        assert.equal(await setting(store, 'jit'), 'off');
        const u = new URL(loc);
        u.searchParams.set('options', '-c application_name=newsprov-test');
        const own = await Store.open({ location: u.toString() });
        try {
          assert.equal(await setting(own, 'application_name'), 'newsprov-test');
          assert.equal(await setting(own, 'jit'), 'off');
        } finally {
          await own.close();
        }
      });

    test('articles round-trip and a re-ingest of the same document is refused', async () => {
      const arts = seedArticles();
      for (const a of arts) assert.equal(await store.insertArticle(a), true);
      assert.equal(await store.insertArticle({ ...arts[0] }), false, 'same document again');
      assert.equal(await store.countArticles(), 5);
      const back = await store.listArticles();
      assert.deepEqual(back.map((a) => a.label), arts.map((a) => a.label).sort());
      const a1 = back.find((a) => a.label.startsWith('001_'))!;
      const o1 = arts.find((a) => a.label.startsWith('001_'))!;
      assert.equal(a1.publishedAt, '2024-05-21T00:00:00.000Z');
      assert.equal(a1.text, o1.text);
      assert.deepEqual(a1.removed, o1.removed);
      assert.equal(a1.raw, o1.raw);
      assert.equal((await store.getArticle(o1.label))?.id, o1.id);
      assert.equal((await store.getArticle(o1.id))?.label, o1.label);
      assert.equal(await store.getArticle('nope'), null);
    });

    test('the same text from another origin and URL is its own article; a re-ingest by URL records its origin', async () => {
      const other = await Store.open({ location: await location() });
      try {
        const [a] = seedArticles();
        assert.equal(await other.insertArticle({ ...a }), true);
        const elsewhere = { ...a, origin: 'elsewhere.txt', label: 'elsewhere', url: 'https://other.example/story' };
        assert.equal(await other.insertArticle(elsewhere), true, 'same text from another file and URL');
        assert.notEqual(elsewhere.id, a.id, 'stored under its own id');
        assert.equal(await other.insertArticle({ ...seedArticles()[1], origin: 'mirror.txt', url: 'https://other.example/story' }), false, 'same URL');
        assert.equal(await other.insertArticle({ ...elsewhere, id: a.id }), false, 'same origin, same text');
        assert.deepEqual((await other.articles.origins(elsewhere.id)).map((o) => o.origin), ['elsewhere.txt', 'mirror.txt']);
        assert.deepEqual((await other.listArticles()).map((x) => x.id).sort(), [a.id, elsewhere.id].sort());
      } finally {
        await other.close();
      }
    });

    test('rejected input is kept with its raw content', async () => {
      await store.recordError('bad.rss', 'bad.rss: malformed XML feed', '<rss><channel>');
      await store.recordError('gone.txt', 'gone.txt: cannot read (ENOENT)', null);
      const errs = await store.listErrors();
      assert.equal(errs.length, 2);
      assert.deepEqual(errs.map((e) => [e.origin, e.hasRaw]), [['bad.rss', true], ['gone.txt', false]]);
    });

    test('analysis is saved, reloaded identically, and goes stale when articles change', async () => {
      const an = seedAnalysis();
      await store.saveAnalysis(an);
      assert.equal(await store.analysisIsFresh(), true);
      const back = (await store.loadAnalysis())!;
      assert.deepEqual(back.events.map((e) => e.id), an.events.map((e) => e.id));
      assert.deepEqual(back.events.map((e) => e.articleIds), an.events.map((e) => [...e.articleIds].sort()));
      assert.deepEqual(back.copies, an.copies.map((c) => ({ ...c })));
      assert.deepEqual(back.events[0].facts.map((f) => f.id), an.events[0].facts.map((f) => f.id));
      assert.deepEqual(back.events[0].facts[0], an.events[0].facts[0]);
      assert.deepEqual(back.events[0].contradictions, an.events[0].contradictions);
      assert.deepEqual(back.entities.map((e) => e.name), an.entities.map((e) => e.name));
      assert.deepEqual(back.sourceGroup, an.sourceGroup);
      assert.deepEqual(back.articles.find((a) => a.label.startsWith('003'))!.eventDate, an.articles.find((a) => a.label.startsWith('003'))!.eventDate);
      // saving again replaces, never duplicates
      await store.saveAnalysis(an);
      assert.equal((await store.loadAnalysis())!.events.length, an.events.length);
      const extra = { ...seedArticles()[0], id: 'aextra', contentHash: 'x'.repeat(64), label: 'extra', text: seedArticles()[0].text + ' Extra sentence here.' };
      await store.insertArticle(extra);
      assert.equal(await store.analysisIsFresh(), false);
    });

    test('an article stored with its features in one statement reads back as one whose features were saved after it', async () => {
      const [a, b] = [0, 1].map((i) => ({ ...seedArticles()[0], id: `with-features-${i}`, contentHash: String(i + 7).repeat(64), label: `with-features-${i}`, origin: `with-features-${i}.txt`, url: null }));
      const fb = safeFeatures(b);
      fb.site = 'outlet.example';
      assert.equal(await store.insertArticle(a), true);
      await store.features.save([{ ...safeFeatures(a), site: 'outlet.example' }]);
      assert.equal(await store.insertArticle(b, (id) => ({ ...fb, articleId: id })), true);
      const loaded = await store.features.load([a.id, b.id]);
      const [sa, sb] = [loaded.get(a.id)!, loaded.get(b.id)!];
      assert.ok(sb.seq > sa.seq);
      // shingles come back as the signed 32-bit integers they are packed as, as from save()
      assert.deepEqual(sb.features, { ...fb, shingles: [...new Int32Array(fb.shingles)], bandKeys: [...new Set(fb.bandKeys)] });
      assert.deepEqual(sa.features.shingles, [...new Int32Array(safeFeatures(a).shingles)]);
      assert.deepEqual(await store.getArticle(b.id), b);
      const holders = await store.features.bucketHolders(fb.bandKeys, Number.MAX_SAFE_INTEGER, 10);
      // the same text: every key of b is held by a too; and b's rows carry b's seq
      assert.equal(holders.size, new Set(fb.bandKeys).size);
      for (const seqs of holders.values()) assert.deepEqual(seqs, [sa.seq, sb.seq]);
      const paras = await store.features.paragraphCarriers('outlet.example', fb.paragraphKeys, sb.seq + 1);
      assert.equal(paras.size, new Set(fb.paragraphKeys).size);
      // a re-ingest of the same document stores nothing and records where it came from again
      assert.equal(await store.insertArticle({ ...b, id: b.id }, (id) => ({ ...fb, articleId: id })), false);
      assert.equal((await store.features.load([b.id])).get(b.id)!.seq, sb.seq);
    });

    test('a copy check reads the same sentences of a candidate stored with or before its [paragraph, text] pairs', async () => {
      const articles = seedArticles().map((a, i) => ({ ...a, id: `copy-src-${i}`, contentHash: String(i).repeat(64), label: `copy-src-${i}` }));
      for (const a of articles) await store.insertArticle(a);
      await store.features.save(articles.map(safeFeatures));
      const ids = articles.map((a) => a.id);
      const stored = await store.features.load(ids);
      const kept = await store.features.copySources(ids);
      await store.db.execute(sql`UPDATE article_features SET copy_text = NULL WHERE article_id = ANY(${`{${ids.join(',')}}`}::text[])`);
      const older = await store.features.copySources(ids);
      assert.equal(kept.size, articles.length);
      for (const id of ids) {
        const want = stored.get(id)!.features.sentences.map(({ idx, para, text }) => ({ idx, para, text }));
        assert.ok(want.length > 0);
        assert.deepEqual(kept.get(id)!.sentences, want);
        assert.deepEqual(older.get(id)!, kept.get(id)!);
        // no template was taken out: the text, read only for its paragraph count then, is left unread
        assert.equal(kept.get(id)!.article.text, '');
      }
      // with a template paragraph taken out, its paragraph count matters: the text is read
      await store.db.execute(sql`INSERT INTO article_analysis (article_id, words, sentences, template_paras) VALUES (${ids[0]}, 0, '[]'::jsonb, '[0]'::jsonb)`);
      const withTemplate = (await store.features.copySources([ids[0]])).get(ids[0])!;
      assert.equal(withTemplate.article.text, articles[0].text);
      assert.deepEqual(withTemplate.templateParas, [0]);
    });

    test('copy buckets: holders found by key, rows replaced when features are saved again, and an older table migrated', async () => {
      const dir = name === 'pglite' ? join(mkdtempSync(join(tmpdir(), 'newsprov-bands-')), 'db') : await location();
      const base = seedArticles()[0];
      // the same text under three ids: every bucket key is shared
      const arts = [0, 1, 2].map((i) => ({ ...base, id: `band-${i}`, contentHash: String(i + 5).repeat(64), label: `band-${i}`, origin: `band-${i}.txt` }));
      let s = await Store.open({ location: dir });
      const keysAndHolders = async (st: Store) => {
        const f = (await st.features.load([arts[0].id])).get(arts[0].id)!;
        const holders = await st.features.bucketHolders(f.features.bandKeys, Number.MAX_SAFE_INTEGER, 10);
        return { keys: [...new Set(f.features.bandKeys)].sort((a, b) => a - b), holders };
      };
      try {
        for (const a of arts) await s.insertArticle(a);
        await s.features.save(arts.map(safeFeatures));
        await s.features.save([safeFeatures(arts[1])]);
        const { keys, holders } = await keysAndHolders(s);
        assert.ok(keys.length > 10);
        const seqs = [...(await s.features.load(arts.map((a) => a.id))).values()].sort((a, b) => a.seq - b.seq).map((x) => ({ id: x.article.id, seq: x.seq }));
        assert.deepEqual([...holders.keys()].sort((a, b) => a - b), keys);
        for (const k of keys) assert.deepEqual(holders.get(k), seqs.map((x) => x.seq), `bucket ${k}: each article once, in seq order`);
        assert.deepEqual(await s.features.idsOfSeqs(seqs.map((x) => x.seq)), new Map(seqs.map((x) => [x.seq, x.id])));
        const rows = async (st: Store) => ((await st.db.execute(sql`SELECT count(*)::int AS n FROM article_bands`)) as unknown as { rows: Array<{ n: number }> }).rows[0].n;
        assert.equal(await rows(s), 3 * keys.length, 'saving again replaced the rows');
        // as stored before rows carried the holder's seq and while they carried its id
        await s.db.execute(sql`DROP TABLE article_bands`);
        await s.db.execute(sql`CREATE TABLE article_bands (key bigint NOT NULL, article_id text NOT NULL)`);
        for (const x of seqs) await s.db.execute(sql`INSERT INTO article_bands (key, article_id) SELECT unnest(${'{' + keys.join(',') + '}'}::bigint[]), ${x.id}`);
        await s.close();
        s = await Store.open({ location: dir });
        assert.deepEqual((await keysAndHolders(s)).holders, holders);
        assert.equal(await rows(s), 3 * keys.length);
      } finally {
        await s.close();
      }
    });

    test('job queue: concurrent claims never hand out the same job', async () => {
      await store.jobs.enqueue(['a.txt', 'b.txt', 'c.txt', 'd.txt']);
      // on PostgreSQL a second connection pool competes, as a second worker process would
      const second = store.kind === 'postgres' ? await Store.open({ location: loc }) : store;
      try {
        const claims = await Promise.all(['w1', 'w2', 'w3', 'w4', 'w5'].map((w, i) => (i % 2 ? second : store).jobs.claim(w, 1)));
        const got = claims.flat().map((c) => c.origin).sort();
        assert.deepEqual(got, ['a.txt', 'b.txt', 'c.txt', 'd.txt']);
        assert.equal(claims.filter((c) => c.length === 0).length, 1);
        for (const c of claims.flat()) await store.jobs.finish(c.id, 'done', { ok: true });
        assert.deepEqual(await store.jobs.counts(), { done: 4 });
      } finally {
        if (second !== store) await second.close();
      }
    });

    test("job queue: a dead worker's claim returns to the queue when its lease runs out; renewed leases hold", async () => {
      const q = new JobQueue(store.db, { leaseMs: 300, maxAttempts: 2 });
      const [id] = await q.enqueue(['lost.txt']);
      const [held] = await q.enqueue(['held.txt']);
      const first = await q.claim('dead-worker', 2);
      assert.deepEqual(first.map((j) => j.id), [id, held]);
      assert.deepEqual(await q.claim('other', 2), [], 'leases still valid');
      for (let i = 0; i < 4; i++) {
        await sleep(100);
        await q.renew('dead-worker', [held]); // only this one is still being worked on
      }
      const again = await q.claim('other', 2);
      assert.deepEqual(again.map((j) => [j.id, j.attempts]), [[id, 2]]);
      await sleep(400);
      assert.deepEqual(await q.claim('third', 2), [{ id: held, origin: 'held.txt', attempts: 2 }], 'the held lease lapsed once renewals stopped');
      await sleep(400);
      const abandoned = await q.abandonExpired();
      assert.deepEqual(abandoned.map((j) => j.origin).sort(), ['held.txt', 'lost.txt'], 'no attempts left: failed, not claimed again');
      assert.deepEqual(await q.claim('fourth', 2), []);
    });

    test('job queue: a failing job is retried, then fails for good', async () => {
      const q = new JobQueue(store.db, { leaseMs: 10_000, maxAttempts: 2 });
      await q.enqueue(['poison.txt']);
      const [j1] = await q.claim('w', 1);
      assert.equal(await q.retryOrFail(j1, { errors: ['boom'] }), true);
      const [j2] = await q.claim('w', 1);
      assert.equal(j2.attempts, 2);
      assert.equal(await q.retryOrFail(j2, { errors: ['boom'] }), false);
      assert.deepEqual(await q.claim('w', 1), []);
      const [row] = (await q.list()).filter((j) => j.origin === 'poison.txt');
      assert.equal(row.status, 'failed');
    });
  });
}

test('a PostgreSQL URL that cannot be reached gives a clear error', async () => {
  await assert.rejects(Store.open({ location: 'postgres://nobody@127.0.0.1:1/none' }), /cannot open PostgreSQL database postgres:\/\/\*\*\*@127\.0\.0\.1:1\/none/);
});

test('the embedded database refuses a second process while one has it open', async () => {
  const { mkdtempSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const { spawn } = await import('node:child_process');
  const dir = join(mkdtempSync(join(tmpdir(), 'newsprov-lock-')), 'db');
  const a = await Store.open({ location: dir });
  await a.close();
  // a live foreign process holds the lock: simulate with a sleeping child's pid
  const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)']);
  try {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'newsprov.lock'), String(child.pid));
    await assert.rejects(Store.open({ location: dir }), new RegExp(`in use by process ${child.pid}`));
  } finally {
    child.kill();
  }
  await new Promise((r) => child.once('exit', r));
  // the holder is gone: its stale lock is taken over
  const b = await Store.open({ location: dir });
  assert.equal(await b.countArticles(), 0);
  await b.close();
});

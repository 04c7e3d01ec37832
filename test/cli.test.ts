import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readFileSync, readdirSync, copyFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { ROOT, SEEDS, FIXTURES, freshPgDatabase } from './helpers.ts';

const BIN = join(ROOT, 'bin/newsprov.mjs');

function cli(args: string[], input?: string) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', input, env: { ...process.env, NEWSPROV_DB: '' }, timeout: 120_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

test('cli: ingest the seeds plus bad files; good ones are stored, bad ones reported and kept', () => {
  const dir = mkdtempSync(join(tmpdir(), 'newsprov-cli-'));
  const db = join(dir, 'db');
  const input = join(dir, 'in');
  mkdirSync(input);
  for (const f of readdirSync(SEEDS)) copyFileSync(join(SEEDS, f), join(input, f));
  copyFileSync(join(FIXTURES, 'image.gif'), join(input, 'image.gif'));
  copyFileSync(join(FIXTURES, 'broken.rss'), join(input, 'broken.rss'));
  const r = cli(['ingest', input, join(dir, 'missing.txt'), '--db', db]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /ingested 5 new article\(s\) from 7 file\(s\); 0 already stored; 3 rejected/);
  assert.match(r.err, /image\.gif: looks like a binary file/);
  assert.match(r.err, /broken\.rss: malformed XML feed/);
  assert.match(r.err, /missing\.txt: cannot read \(ENOENT\)/);
  assert.match(r.err, /analysed 5 article\(s\): 2 stor/);

  const again = cli(['ingest', join(input, '000_ce08b16c3fe969d8.txt'), '--db', db]);
  assert.match(again.err, /0 new article\(s\) from 1 file\(s\); 1 already stored/);

  const errs = cli(['errors', '--db', db, '--json']);
  const list = JSON.parse(errs.out);
  assert.equal(list.length, 3);
  assert.deepEqual(list.map((e: { hasRaw: boolean }) => e.hasRaw), [false, true, true], "missing file first, then the two unreadable ones with content");

  const stories = JSON.parse(cli(['stories', '--json', '--db', db]).out);
  assert.equal(stories.length, 2);
  assert.equal(stories[0].articles.length, 4);
  assert.equal(stories[0].independentSources, 3);
  assert.ok(stories[1].articles[0].startsWith('003_'));

  const md = cli(['dossier', '1', '--db', db]);
  assert.equal(md.code, 0, md.err);
  for (const h of ['## Contradictions', '## Corroborated by independent sources', '## Reported by one source only', '## Copies and rewrites', '## How each outlet frames it', '## Sources'])
    assert.ok(md.out.includes(h), h);
  assert.match(md.out, /rewritten copy/);
  assert.match(md.out, /who is Defense Minister/);

  const js = JSON.parse(cli(['dossier', stories[0].id, '--json', '--db', db]).out);
  assert.equal(js.id, stories[0].id);
  assert.equal(js.sources.length, 4);
  assert.ok(js.sources.find((s: { label: string; copyOf: string | null }) => s.label.startsWith('001_')).copyOf);

  const copies = cli(['copies', '--db', db]);
  assert.match(copies.out, /001_42380ed7f2d08458 is a rewritten copy of 000_ce08b16c3fe969d8/);

  const all = cli(['dossier', '--all', '--out', join(dir, 'dossiers'), '--db', db]);
  assert.equal(all.code, 0, all.err);
  assert.equal(readdirSync(join(dir, 'dossiers')).length, 4);
});

test('cli: stdin ingest, usage errors and unknown stories', () => {
  const dir = mkdtempSync(join(tmpdir(), 'newsprov-cli-'));
  const db = join(dir, 'db');
  const text = readFileSync(join(SEEDS, '002_eb399c74c11f952e.txt'), 'utf8');
  const r = cli(['ingest', '-', '--db', db], text);
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /ingested 1 new article/);
  const bad = cli(['ingest', '-', '--db', db], 'too short');
  assert.equal(bad.code, 1);
  assert.match(bad.err, /stdin: only 2 words of article text/);
  assert.equal(cli(['frobnicate']).code, 2);
  assert.match(cli(['ingest', '--db', db]).err, /ingest needs at least one file/);
  assert.match(cli(['ingest', SEEDS, '--workers', '2', '--db', db]).err, /--workers needs a PostgreSQL server/);
  const nos = cli(['dossier', '99', '--db', db]);
  assert.equal(nos.code, 2);
  assert.match(nos.err, /no story "99"/);
  assert.match(cli(['--help']).out, /Usage: newsprov <command>/);
});

test('cli: ingest with worker processes on PostgreSQL', { skip: process.env.NEWSPROV_TEST_PG_URL ? false : 'needs NEWSPROV_TEST_PG_URL' }, async () => {
  const base = process.env.NEWSPROV_TEST_PG_URL!;
  const u = new URL(await freshPgDatabase(base, 'newsprov_cli'));
  const dir = mkdtempSync(join(tmpdir(), 'newsprov-cli-'));
  for (const f of readdirSync(SEEDS)) copyFileSync(join(SEEDS, f), join(dir, f));
  writeFileSync(join(dir, 'empty.txt'), '');
  const r = cli(['ingest', dir, '--workers', '3', '--db', u.toString()]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /ingested 5 new article\(s\) from 6 file\(s\); 0 already stored; 1 rejected/);
  assert.match(r.err, /empty\.txt: empty input/);
  const stories = JSON.parse(cli(['stories', '--json', '--db', u.toString()]).out);
  assert.equal(stories.length, 2);
  const c = new pg.Client({ connectionString: u.toString() });
  await c.connect();
  const w = await c.query(`SELECT count(DISTINCT worker) AS n, count(*) FILTER (WHERE status = 'done') AS done FROM jobs`);
  await c.end();
  assert.equal(Number(w.rows[0].done), 6);
  assert.ok(Number(w.rows[0].n) >= 1);
});

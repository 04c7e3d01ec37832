// A full disk, for real: a small tmpfs (needs root to mount; skipped with the reason where that is refused).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync, statfsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT, SEEDS } from './helpers.ts';

const BIN = join(ROOT, 'bin/newsprov.mjs');
const cli = (args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NEWSPROV_DB: '' }, timeout: 120_000 });
  return { code: r.status, err: r.stderr };
};

function mountSmallDisk(): string | null {
  const dir = mkdtempSync(join(tmpdir(), 'newsprov-full-'));
  const r = spawnSync('mount', ['-t', 'tmpfs', '-o', 'size=64m', 'tmpfs', dir]);
  return r.status === 0 ? dir : null;
}

function fill(dir: string, leave: number): string {
  const s = statfsSync(dir);
  const filler = join(dir, 'filler');
  spawnSync('fallocate', ['-l', String(Math.max(0, s.bavail * s.bsize - leave)), filler]);
  return filler;
}

const disk = mountSmallDisk();

test('a full disk is named as such, echoes no SQL or article text, and the next run works', { skip: disk ? false : 'cannot mount a tmpfs here (needs root)' }, () => {
  const dir = disk!;
  try {
    const db = join(dir, 'db');
    assert.equal(cli(['ingest', SEEDS, '--db', db, '--no-analyze']).code, 0);
    const big = join(tmpdir(), `newsprov-big-${process.pid}.txt`);
    const words = Array.from({ length: 300_000 }, (_, i) => `word${(i * 7919) % 100_003}`);
    writeFileSync(big, `Title: A long report\n\n${words.join(' ')}\n`);
    const filler = fill(dir, 512 * 1024);
    const r = cli(['ingest', big, '--db', db, '--no-analyze']);
    assert.equal(r.code, 1);
    assert.match(r.err, /disk holding .* is full/);
    assert.doesNotMatch(r.err, /insert into|word1\b/i);
    assert.ok(r.err.length < 2000, `error output is ${r.err.length} characters`);
    rmSync(filler);
    const again = cli(['ingest', big, '--db', db, '--no-analyze']);
    assert.equal(again.code, 0, again.err);
    assert.match(again.err, /ingested 1 new article/);
    rmSync(big);
  } finally {
    spawnSync('umount', [dir]);
    rmSync(dir, { recursive: true, force: true });
  }
});

// npm run stress: a reproducible hostile-world run against the real CLI and server on this machine.
// Phases: concurrent posts (with hostile bodies) while health is polled; kill -9 during a CLI ingest and
// re-ingest; a killed queue worker (PostgreSQL); deep nesting and a huge feed. Prints what was sent, stored,
// rejected and lost, and the slowest request. Sizes: STRESS_POSTS, STRESS_FILES, STRESS_FEED_ITEMS.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const ROOT = resolve(import.meta.dirname, '..');
const BIN = join(ROOT, 'bin/newsprov.mjs');
const env = (k: string, d: number) => Number(process.env[k] ?? d);
const WORDS = 'council river harbour minister budget school hospital bridge election court police weather farmers market station museum'.split(' ');

interface Row {
  phase: string;
  sent: number;
  stored: number;
  rejected: number;
  lost: number;
  slowestMs: number;
  note: string;
}
const rows: Row[] = [];

function article(n: number): string {
  const w = (i: number) => WORDS[(n * 7 + i * 13) % WORDS.length];
  const sentences = Array.from({ length: 8 }, (_, i) => `Report ${n} says the ${w(i)} and the ${w(i + 1)} met ${n % 97} times near ${w(i + 2)} square, item ${n}-${i}.`);
  return `Title: Stress article ${n}\nDate: 2024-05-${String((n % 28) + 1).padStart(2, '0')}\n\n${sentences.join(' ')}\n`;
}

const deepPage = (depth: number) => `<!doctype html><html><body>${'<div>'.repeat(depth)}<p>${article(1).replace(/\n/g, ' ')}</p>${'</div>'.repeat(depth)}</body></html>`;
const brokenFeed = (items: number) => `<?xml version="1.0"?><rss version="2.0"><channel><title>Broken</title>${'<item><title>x</title><description>a &lt; b'.repeat(items)}`;
const feed = (items: number) =>
  `<?xml version="1.0"?><rss version="2.0"><channel><title>Huge feed</title><link>https://feed.example/</link>${Array.from({ length: items }, (_, i) => `<item><title>Item ${i}</title><link>https://feed.example/${i}</link><description>${article(i + 100_000).split('\n\n')[1]}</description></item>`).join('')}</channel></rss>`;

function cli(args: string[], opts: { env?: Record<string, string> } = {}) {
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...process.env, NEWSPROV_DB: '', ...opts.env }, maxBuffer: 64 << 20 });
}

function startCli(args: string[], extraEnv: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], { env: { ...process.env, NEWSPROV_DB: '', ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
}

async function startServer(db: string): Promise<{ url: string; child: ChildProcess }> {
  const child = startCli(['serve', '--port', '0', '--db', db]);
  let err = '';
  for (let i = 0; i < 600; i++) {
    const m = /serving on (http:\/\/\S+)/.exec(err);
    if (m) return { url: m[1], child };
    await new Promise<void>((res) => child.stderr!.once('data', (d) => ((err += String(d)), res())));
  }
  throw new Error(`server did not start: ${err}`);
}

async function timed<X>(fn: () => Promise<X>): Promise<[X, number]> {
  const t0 = performance.now();
  const x = await fn();
  return [x, performance.now() - t0];
}

async function json(url: string): Promise<any> {
  return (await fetch(url)).json();
}

async function phasePosts(): Promise<void> {
  const n = env('STRESS_POSTS', 220);
  const dir = mkdtempSync(join(tmpdir(), 'newsprov-stress-'));
  const { url, child } = await startServer(join(dir, 'db'));
  const hostile: Array<[string, BodyInit]> = [
    ['2,500 nested divs', deepPage(2500)],
    ['100,000 nested divs', deepPage(100_000)],
    ['180 KB malformed feed', brokenFeed(4000)],
    ['NUL byte', `${article(9)}\u0000tail`],
    ['UTF-16 without BOM', Buffer.from(article(10), 'utf16le')],
    ['random binary', Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 73 + 11) % 256))],
  ];
  const bodies: Array<[string, BodyInit]> = [...hostile, ...Array.from({ length: n }, (_, i) => [`article ${i}`, article(i)] as [string, BodyInit])];
  let polling = true;
  const health: number[] = [];
  const poller = (async () => {
    while (polling) {
      const [, ms] = await timed(() => fetch(`${url}/api/health`).then((r) => r.text(), () => ''));
      health.push(ms);
      await sleep(100);
    }
  })();
  const post = async (name: string, body: BodyInit) => {
    try {
      return { name, status: (await fetch(`${url}/api/articles?origin=${encodeURIComponent(name)}`, { method: 'POST', body })).status as number | string };
    } catch (e) {
      return { name, status: `${(e as Error).message} (${String((e as { cause?: Error }).cause?.message ?? '')})` as number | string };
    }
  };
  let serverErr = '';
  child.stderr!.on('data', (d) => (serverErr += String(d)));
  const results = await Promise.all(bodies.map(([name, body]) => timed(() => post(name, body))));
  polling = false;
  await poller;
  const stored = results.filter(([r]) => r.status === 201).length;
  const rejected = results.filter(([r]) => r.status === 422).length;
  const articles = (await json(`${url}/api/articles`)).length;
  const errors = (await json(`${url}/api/errors`)).length;
  child.kill('SIGTERM');
  const slowest = Math.max(...results.map(([, ms]) => ms), ...health);
  const failed = results.filter(([r]) => ![201, 200, 422].includes(r.status as number)).map(([r]) => `${r.name}: ${r.status}`);
  if (failed.length) process.stderr.write(`server log:\n${serverErr.slice(-3000)}\n`);
  const answered = stored + rejected + results.filter(([r]) => r.status === 200).length;
  const lost = bodies.length - answered + Math.max(0, stored - articles) + Math.max(0, rejected - errors);
  rows.push({ phase: 'concurrent posts + hostile bodies', sent: bodies.length, stored: articles, rejected: errors, lost, slowestMs: slowest, note: `slowest: ${[...results].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([r, ms]) => `${r.name} ${Math.round(ms)} ms`).join(', ')}; health polled ${health.length}×, max ${Math.round(Math.max(...health))} ms${failed.length ? `; unexpected: ${failed.join(', ')}` : ''}` });
}

function writeFiles(dir: string, n: number, offset = 0): void {
  mkdirSync(dir, { recursive: true });
  for (let i = 0; i < n; i++) writeFileSync(join(dir, `a${String(i).padStart(5, '0')}.txt`), article(i + offset));
}

async function phaseKillIngest(): Promise<void> {
  const n = env('STRESS_FILES', 300);
  const dir = mkdtempSync(join(tmpdir(), 'newsprov-stress-'));
  writeFiles(join(dir, 'in'), n, 10_000);
  const db = join(dir, 'db');
  const child = startCli(['ingest', join(dir, 'in'), '--db', db, '--no-analyze']);
  await sleep(env('STRESS_KILL_AFTER_MS', 6000));
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));
  const [again, ms] = await timed(async () => cli(['ingest', join(dir, 'in'), '--db', db, '--no-analyze']));
  const m = /ingested (\d+) new article\(s\) from (\d+) file\(s\); (\d+) already stored; (\d+) rejected/.exec(again.stderr);
  const count = JSON.parse(cli(['stories', '--json', '--db', db]).stdout || '[]').reduce((s: number, e: { articles: unknown[] }) => s + e.articles.length, 0);
  rows.push({ phase: 'kill -9 during CLI ingest, then re-ingest', sent: n, stored: count, rejected: Number(m?.[4] ?? 0), lost: n - count - Number(m?.[4] ?? 0), slowestMs: NaN, note: `re-ingest took ${Math.round(ms)} ms: ${m?.[1] ?? '?'} new, ${m?.[3] ?? '?'} already stored` });
}

async function phaseWorkerKill(): Promise<void> {
  let pgUrl = process.env.NEWSPROV_STRESS_PG_URL ?? process.env.NEWSPROV_TEST_PG_URL;
  let stop = () => {};
  if (!pgUrl) {
    const pgDir = mkdtempSync(join(tmpdir(), 'newsprov-stress-pg-'));
    const r = spawnSync('bash', [join(ROOT, 'scripts/pg-test-server.sh'), 'start'], { encoding: 'utf8', env: { ...process.env, NEWSPROV_PG_DIR: pgDir } });
    if (r.status !== 0) return void rows.push({ phase: 'killed queue worker (PostgreSQL)', sent: 0, stored: 0, rejected: 0, lost: 0, slowestMs: 0, note: `skipped: no PostgreSQL server (${r.stderr.trim().split('\n').pop()})` });
    pgUrl = r.stdout.trim();
    stop = () => void spawnSync('bash', [join(ROOT, 'scripts/pg-test-server.sh'), 'stop'], { env: { ...process.env, NEWSPROV_PG_DIR: pgDir } });
  }
  try {
    const u = new URL(pgUrl);
    u.pathname = `/newsprov_stress_${process.pid}`;
    const admin = new URL(pgUrl);
    spawnSync('psql', [admin.toString(), '-c', `CREATE DATABASE newsprov_stress_${process.pid}`], { encoding: 'utf8' });
    const n = env('STRESS_FILES', 300);
    const dir = mkdtempSync(join(tmpdir(), 'newsprov-stress-'));
    writeFiles(join(dir, 'in'), n, 20_000);
    const lease = { NEWSPROV_JOB_LEASE_SECONDS: '2' };
    const ingest = startCli(['ingest', join(dir, 'in'), '--workers', '2', '--db', u.toString(), '--no-analyze'], lease);
    let killed = 0;
    for (let i = 0; i < 200 && !killed; i++) {
      await sleep(100);
      const kids = spawnSync('pgrep', ['-P', String(ingest.pid)], { encoding: 'utf8' }).stdout.trim().split('\n').filter(Boolean);
      if (kids.length && i >= 20) {
        process.kill(Number(kids[0]), 'SIGKILL');
        killed = Number(kids[0]);
      }
    }
    const [code, ms] = await timed(() => new Promise<number>((r) => ingest.once('exit', (c) => r(c ?? -1))));
    const count = Number(spawnSync('psql', [u.toString(), '-Atc', 'SELECT count(*) FROM articles'], { encoding: 'utf8' }).stdout.trim());
    const stuck = Number(spawnSync('psql', [u.toString(), '-Atc', "SELECT count(*) FROM jobs WHERE status NOT IN ('done','failed')"], { encoding: 'utf8' }).stdout.trim());
    rows.push({ phase: 'kill -9 of one of 2 queue workers (PostgreSQL)', sent: n, stored: count, rejected: 0, lost: n - count, slowestMs: NaN, note: `took ${Math.round(ms)} ms; ${killed ? `killed worker ${killed}` : 'no worker seen to kill'}; ingest exit ${code}; jobs left unfinished: ${stuck}` });
  } finally {
    stop();
  }
}

async function phaseHugeFeed(): Promise<void> {
  const items = env('STRESS_FEED_ITEMS', 5000);
  const dir = mkdtempSync(join(tmpdir(), 'newsprov-stress-'));
  const input = join(dir, 'in');
  mkdirSync(input);
  writeFileSync(join(input, 'huge.rss'), feed(items));
  writeFileSync(join(input, 'deep.html'), deepPage(100_000));
  const db = join(dir, 'db');
  const [r, ms] = await timed(async () => cli(['ingest', input, '--db', db]));
  const m = /ingested (\d+) new article\(s\) from (\d+) file\(s\); (\d+) already stored; (\d+) rejected/.exec(r.stderr);
  const stored = Number(m?.[1] ?? 0);
  const rejected = Number(m?.[4] ?? 0);
  const crashed = /RangeError|Maximum call stack|heap out of memory/.test(r.stderr);
  rows.push({ phase: `huge feed (${items} items) + page nested 100,000 deep, with analysis`, sent: items + 1, stored, rejected, lost: items + 1 - stored - rejected, slowestMs: NaN, note: `took ${Math.round(ms)} ms; exit ${r.status}${crashed ? '; CRASHED' : ''}` });
}

function print(): void {
  const head = ['phase', 'sent', 'stored', 'rejected', 'lost', 'slowest request (ms)', 'note'];
  const lines = rows.map((r) => [r.phase, r.sent, r.stored, r.rejected, r.lost, Number.isNaN(r.slowestMs) ? '–' : Math.round(r.slowestMs), r.note].map(String));
  console.log(`| ${head.join(' | ')} |\n|${head.map(() => ' --- ').join('|')}|`);
  for (const l of lines) console.log(`| ${l.join(' | ')} |`);
  const lost = rows.reduce((s, r) => s + r.lost, 0);
  console.log(`\ntotal lost: ${lost}`);
}

const phases: Record<string, () => Promise<void>> = { posts: phasePosts, kill: phaseKillIngest, worker: phaseWorkerKill, feed: phaseHugeFeed };
const only = process.argv.slice(2);
for (const [name, run] of Object.entries(phases)) {
  if (only.length && !only.includes(name)) continue;
  process.stderr.write(`stress: ${name}…\n`);
  await run();
}
print();
process.exitCode = rows.some((r) => r.lost > 0) ? 1 : 0;

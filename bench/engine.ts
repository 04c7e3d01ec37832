// The incremental engine at collection sizes (part of `npm run bench`): for each size N of
// NEWSPROV_BENCH_ENGINE_SIZES (default 1000,10000), into a fresh PostgreSQL database:
//   - ingest N articles (parsing and per-article features in the parser threads), articles/s
//   - bulk analysis of the N stored articles, articles/s
//   - then, with the process running, NEWSPROV_BENCH_ENGINE_NEW (default 20) new articles one at a time:
//     time from handing the article to ingest to its story being updated (ingest + analysis), median and slowest
//   - peak resident memory of this process
// Printed as one table. Needs NEWSPROV_BENCH_PG_URL (a server this bench may create databases on).
// NEWSPROV_BENCH_ENGINE_KEEP=1 keeps each size's database (newsprov_engine_keep_N) and, when one is already there
// with its N articles stored, measures only the new articles on it (the next ones of the corpus), analysing first
// what an interrupted run left waiting (that rate is printed as the bulk rate); one with fewer is loaded again. Loading is slow (50,000 articles: 19 minutes of ingest, then analysis at ~27/s), and the
// per-article time of a changed engine can then be measured on the same data in minutes.
import pg from 'pg';
import { Store } from '../src/store/store.ts';
import { emptyReport, ingestContent } from '../src/ingest/ingest.ts';
import { Engine } from '../src/engine/update.ts';
import { buildCorpus } from './corpus.ts';
import { parsePool } from '../src/ingest/pool.ts';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));

export interface EngineRow {
  stored: number;
  ingestRate: number;
  bulkRate: number;
  medianMs: number;
  slowestMs: number;
  analysisMedianMs: number;
  /** peak RSS of this process: ingest with its parser threads, then the new articles one at a time */
  peakRss: number;
  /** peak RSS of the process that ran the bulk analysis */
  analysisRss: number;
}

/** An empty database `name` on the server at `base` (dropped first if it exists); returns its URL. */
export async function freshDatabase(base: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${name}`);
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  return databaseUrl(base, name);
}

function databaseUrl(base: string, name: string): string {
  const u = new URL(base);
  u.pathname = '/' + name;
  return u.toString();
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/** The URL of database `name` on the server at `base`, how many articles it stores (0 when it does not exist) and how
 * many of them wait for their analysis. */
async function keptDatabase(base: string, name: string): Promise<{ url: string; stored: number; pending: number }> {
  const url = databaseUrl(base, name);
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  const exists = (await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount;
  await admin.end();
  if (!exists) return { url, stored: 0, pending: 0 };
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    const r = await c.query('SELECT count(*)::int AS n, count(*) FILTER (WHERE NOT analysed)::int AS pending FROM article_features');
    return { url, stored: r.rows[0].n, pending: r.rows[0].pending };
  } catch {
    // a database from before features were kept
    return { url, stored: 0, pending: 0 };
  } finally {
    await c.end();
  }
}

export async function engineBench(base: string, sizes: number[], fresh: number): Promise<EngineRow[]> {
  const rows: EngineRow[] = [];
  const keep = process.env.NEWSPROV_BENCH_ENGINE_KEEP === '1';
  for (const n of sizes) {
    let peak = process.memoryUsage().rss;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const kept = keep ? await keptDatabase(base, `newsprov_engine_keep_${n}`) : { url: '', stored: 0, pending: 0 };
    if (kept.stored >= n) {
      const rest = kept.pending ? bulkAnalysis(kept.url) : null;
      const store = await Store.open({ location: kept.url });
      try {
        const extra = buildCorpus(kept.stored + fresh).slice(kept.stored);
        const r = await newArticles(store, extra);
        clearInterval(timer);
        rows.push({ stored: kept.stored, ingestRate: NaN, bulkRate: rest?.rate ?? NaN, ...r, peakRss: peak, analysisRss: rest?.maxRssBytes ?? NaN });
        console.log(formatRow(rows.at(-1)!));
      } finally {
        clearInterval(timer);
        await store.close();
      }
      continue;
    }
    const corpus = buildCorpus(n + fresh);
    const extra = corpus.slice(n);
    const url = await freshDatabase(base, keep ? `newsprov_engine_keep_${n}` : `newsprov_engine_${process.pid}_${n}`);
    const store = await Store.open({ location: url });
    try {
      const t0 = performance.now();
      // a few documents in flight, so both parser threads are busy while one is stored
      const inFlight: Array<Promise<void>> = [];
      for (const d of corpus.slice(0, n)) {
        inFlight.push(ingestContent(store, d.content, d.origin, emptyReport()));
        if (inFlight.length >= 4) await inFlight.shift();
      }
      await Promise.all(inFlight);
      const ingestRate = n / ((performance.now() - t0) / 1000);
      const bulk = bulkAnalysis(url);
      const r = await newArticles(store, extra);
      clearInterval(timer);
      rows.push({ stored: n, ingestRate, bulkRate: bulk.rate, ...r, peakRss: peak, analysisRss: bulk.maxRssBytes });
      console.log(formatRow(rows.at(-1)!));
    } finally {
      clearInterval(timer);
      await store.close();
    }
  }
  return rows;
}

/** The analysis of every waiting article in a process of its own, as `newsprov analyze` or a worker runs it (so its
 * peak memory is its own): articles/s and that process's peak RSS. */
function bulkAnalysis(url: string): { rate: number; maxRssBytes: number } {
  const child = spawnSync(process.execPath, ['--import', 'tsx', join(HERE, 'analyse-once.ts'), url], { encoding: 'utf8', maxBuffer: 1 << 24 });
  if (child.status !== 0) throw new Error(child.stderr);
  const bulk = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { articles: number; ms: number; maxRssBytes: number };
  return { rate: bulk.articles / (bulk.ms / 1000), maxRssBytes: bulk.maxRssBytes };
}

/** With the process running, each of `docs` ingested and analysed in turn: the time to its updated story. */
async function newArticles(store: Store, docs: Array<{ origin: string; content: string }>): Promise<{ medianMs: number; slowestMs: number; analysisMedianMs: number }> {
  const engine = new Engine(store);
  // a running process: its parser threads have their language model, its engine the collection's frequencies
  await Promise.all(docs.slice(0, 4).map((d) => parsePool().parse(d.content, d.origin)));
  await engine.update();
  const total: number[] = [];
  const analysis: number[] = [];
  for (const d of docs) {
    const s = performance.now();
    await ingestContent(store, d.content, d.origin, emptyReport());
    const a = performance.now();
    await engine.update();
    total.push(performance.now() - s);
    analysis.push(performance.now() - a);
  }
  return { medianMs: median(total), slowestMs: Math.max(...total), analysisMedianMs: median(analysis) };
}

const mib = (x: number) => `${(x / 1048576).toFixed(0)} MiB`;

const rate = (x: number) => (Number.isNaN(x) ? 'kept' : `${x.toFixed(0)}/s`);

export function formatRow(r: EngineRow): string {
  return `| ${r.stored} | ${rate(r.ingestRate)} | ${rate(r.bulkRate)} | ${r.medianMs.toFixed(0)} ms (analysis ${r.analysisMedianMs.toFixed(0)} ms) | ${r.slowestMs.toFixed(0)} ms | ${Number.isNaN(r.analysisRss) ? 'kept' : mib(r.analysisRss)} | ${mib(r.peakRss)} |`;
}

export const HEADER = '| stored articles | ingest (parse + features + store) | bulk analysis | one new article: ingest to updated story, median | slowest | peak RSS, bulk analysis process | peak RSS, ingesting process |\n| --- | --- | --- | --- | --- | --- | --- |';

// The incremental engine at collection sizes (part of `npm run bench`): for each size N of
// NEWSPROV_BENCH_ENGINE_SIZES (default 1000,10000), into a fresh PostgreSQL database:
//   - ingest N articles (parsing and per-article features in the parser threads), articles/s
//   - bulk analysis of the N stored articles, articles/s
//   - then, with the process running, NEWSPROV_BENCH_ENGINE_NEW (default 20) new articles one at a time:
//     time from handing the article to ingest to its story being updated (ingest + analysis), median and slowest
//   - peak resident memory of this process
// Printed as one table. Needs NEWSPROV_BENCH_PG_URL (a server this bench may create databases on).
import pg from 'pg';
import { Store } from '../src/store/store.ts';
import { emptyReport, ingestContent } from '../src/ingest/ingest.ts';
import { Engine } from '../src/engine/update.ts';
import { buildCorpus } from './corpus.ts';
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
  const u = new URL(base);
  u.pathname = '/' + name;
  return u.toString();
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function engineBench(base: string, sizes: number[], fresh: number): Promise<EngineRow[]> {
  const rows: EngineRow[] = [];
  const largest = Math.max(...sizes);
  const corpus = buildCorpus(largest + fresh);
  const extra = corpus.slice(largest);
  for (const n of sizes) {
    let peak = process.memoryUsage().rss;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const url = await freshDatabase(base, `newsprov_engine_${process.pid}_${n}`);
    const store = await Store.open({ location: url });
    try {
      let t0 = performance.now();
      // a few documents in flight, so both parser threads are busy while one is stored
      const inFlight: Array<Promise<void>> = [];
      for (const d of corpus.slice(0, n)) {
        inFlight.push(ingestContent(store, d.content, d.origin, emptyReport()));
        if (inFlight.length >= 4) await inFlight.shift();
      }
      await Promise.all(inFlight);
      const ingestRate = n / ((performance.now() - t0) / 1000);
      // the bulk analysis in a process of its own, as `newsprov analyze` or a worker runs it: its own peak memory
      const child = spawnSync(process.execPath, ['--import', 'tsx', join(HERE, 'analyse-once.ts'), url], { encoding: 'utf8', maxBuffer: 1 << 24 });
      if (child.status !== 0) throw new Error(child.stderr);
      const bulk = JSON.parse(child.stdout.trim().split('\n').at(-1)!) as { articles: number; ms: number; maxRssBytes: number };
      const bulkRate = bulk.articles / (bulk.ms / 1000);
      const engine = new Engine(store);
      const total: number[] = [];
      const analysis: number[] = [];
      for (const d of extra) {
        const s = performance.now();
        await ingestContent(store, d.content, d.origin, emptyReport());
        const a = performance.now();
        await engine.update();
        total.push(performance.now() - s);
        analysis.push(performance.now() - a);
      }
      // back to N stored articles for the next size's comparison
      clearInterval(timer);
      rows.push({ stored: n, ingestRate, bulkRate, medianMs: median(total), slowestMs: Math.max(...total), analysisMedianMs: median(analysis), peakRss: peak, analysisRss: bulk.maxRssBytes });
      console.log(formatRow(rows.at(-1)!));
    } finally {
      clearInterval(timer);
      await store.close();
    }
  }
  return rows;
}

const mib = (x: number) => `${(x / 1048576).toFixed(0)} MiB`;

export function formatRow(r: EngineRow): string {
  return `| ${r.stored} | ${r.ingestRate.toFixed(0)}/s | ${r.bulkRate.toFixed(0)}/s | ${r.medianMs.toFixed(0)} ms (analysis ${r.analysisMedianMs.toFixed(0)} ms) | ${r.slowestMs.toFixed(0)} ms | ${mib(r.analysisRss)} | ${mib(r.peakRss)} |`;
}

export const HEADER = '| stored articles | ingest (parse + features + store) | bulk analysis | one new article: ingest to updated story, median | slowest | peak RSS, bulk analysis process | peak RSS, ingesting process |\n| --- | --- | --- | --- | --- | --- | --- |';

// Throughput and memory benchmark: `npm run bench` (sizes: NEWSPROV_BENCH_SIZES=200,1000). With
// NEWSPROV_BENCH_PG_URL, first the incremental engine at NEWSPROV_BENCH_ENGINE_SIZES (bench/engine.ts).
// Builds a synthetic corpus from the example articles (stories with originals, verbatim copies,
// word-level rewrites and independent reports, on different dates), then measures
//   - parse + clean (articles/s)
//   - ingest into the embedded store (articles/s)  [and PostgreSQL when NEWSPROV_BENCH_PG_URL is set]
//   - the full analysis: copies, events, entities, facts (articles/s)
//   - the web UI with NEWSPROV_BENCH_UI_SIZE stored articles (default 2,000): story page render, search latency
// and the peak resident memory.
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from '../src/ingest/parse.ts';
import { toArticle } from '../src/ingest/article.ts';
import { analyze } from '../src/analysis/analyze.ts';
import { Store } from '../src/store/store.ts';
import type { Article } from '../src/model/article.ts';
import { sql } from 'drizzle-orm';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { workspaceBench } from './workspace.ts';
import { buildCorpus, useVocabulary } from './corpus.ts';
import { engineBench, freshDatabase, HEADER } from './engine.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const SEEDS = resolve(HERE, '../../shared/corpus/seeds');

function mb(x: number) {
  return (x / 1048576).toFixed(0) + ' MiB';
}

async function ingestBench(location: string, articles: Article[]): Promise<number> {
  const store = await Store.open({ location });
  const t0 = performance.now();
  for (const a of articles) await store.insertArticle(a);
  const s = (performance.now() - t0) / 1000;
  await store.close();
  return articles.length / s;
}

async function main() {
  useVocabulary(SEEDS);
  const pgBase = process.env.NEWSPROV_BENCH_PG_URL;
  if (pgBase) {
    const sizes = (process.env.NEWSPROV_BENCH_ENGINE_SIZES ?? '1000,10000').split(',').map(Number);
    console.log('incremental engine on PostgreSQL\n' + HEADER);
    await engineBench(pgBase, sizes, Number(process.env.NEWSPROV_BENCH_ENGINE_NEW ?? 20));
    useVocabulary(SEEDS);
  }
  if (process.env.NEWSPROV_BENCH_ONLY === 'engine') return;
  const sizes = (process.env.NEWSPROV_BENCH_SIZES ?? '200,1000').split(',').map(Number);
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const rows: string[] = [];
  for (const n of sizes) {
    const corpus = buildCorpus(n);
    let t0 = performance.now();
    const articles = corpus.map((c) => toArticle(parseDocument(c.content, c.origin).articles[0]));
    const parseRate = n / ((performance.now() - t0) / 1000);
    const ingestRate = await ingestBench('memory://', articles);
    const pgUrl = process.env.NEWSPROV_BENCH_PG_URL;
    let pgRate: number | null = null;
    if (pgUrl) {
      const s = await Store.open({ location: pgUrl });
      await s.db.execute(sql`TRUNCATE articles`);
      await s.close();
      pgRate = await ingestBench(pgUrl, articles);
    }
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    peak = rssBefore;
    t0 = performance.now();
    const an = analyze(articles);
    const secs = (performance.now() - t0) / 1000;
    if (process.env.NEWSPROV_BENCH_DEBUG) {
      const lab = new Map(articles.map((a) => [a.id, a.label]));
      const cross = an.copies.filter((c) => lab.get(c.copyId)!.split('-')[0] !== lab.get(c.sourceId)!.split('-')[0]);
      console.log(`cross-story copies: ${cross.length} of ${an.copies.length}`);
      const byId = new Map(an.articles.map((a) => [a.id, a]));
      for (const c of cross.slice(0, 1)) for (const sp of c.sentencePairs.slice(0, 4)) console.log(sp.similarity, '|', byId.get(c.sourceId)!.sentences[sp.source], '||', byId.get(c.copyId)!.sentences[sp.copy]);
      for (const c of cross.slice(0, 2)) console.log(lab.get(c.copyId), lab.get(c.sourceId), c.kind, c.copyCoverage, c.sentencePairs.length, c.passages[0].sourceText.slice(0, 200), '||', c.passages[0].copyText.slice(0, 200));
    }
    peak = Math.max(peak, process.memoryUsage().rss);
    // grouping quality against the generator's ground truth (pairwise precision / recall)
    const story = new Map(articles.map((a) => [a.id, a.label.split('-')[0]]));
    const evOf = new Map<string, string>();
    for (const e of an.events) for (const id of e.articleIds) evOf.set(id, e.id);
    let tp = 0, fp = 0, fn = 0;
    for (let i = 0; i < articles.length; i++)
      for (let j = i + 1; j < articles.length; j++) {
        const same = story.get(articles[i].id) === story.get(articles[j].id);
        const grouped = evOf.get(articles[i].id) === evOf.get(articles[j].id);
        if (same && grouped) tp++;
        else if (grouped) fp++;
        else if (same) fn++;
      }
    // copy detection against the truth: every pair within a story's original/copy family, nothing else
    const family = new Map<string, number>();
    for (const a of articles) if (!a.label.endsWith('-ind')) family.set(story.get(a.id)!, (family.get(story.get(a.id)!) ?? 0) + 1);
    const expected = [...family.values()].reduce((x, k) => x + (k * (k - 1)) / 2, 0);
    const byLabel = new Map(articles.map((a) => [a.id, a.label]));
    const correct = an.copies.filter((c) => story.get(c.copyId) === story.get(c.sourceId) && !byLabel.get(c.copyId)!.endsWith('-ind') && !byLabel.get(c.sourceId)!.endsWith('-ind')).length;
    const copyQuality = `copies P ${(correct / Math.max(1, an.copies.length)).toFixed(2)} R ${(correct / Math.max(1, expected)).toFixed(2)}`;
    const quality = `events P ${(tp / Math.max(1, tp + fp)).toFixed(2)} R ${(tp / Math.max(1, tp + fn)).toFixed(2)} (${new Set(story.values()).size} true)`;
    rows.push(
      `${String(n).padStart(6)} articles | parse+clean ${parseRate.toFixed(0).padStart(5)}/s | store (pglite) ${ingestRate.toFixed(0).padStart(5)}/s` +
        (pgRate !== null ? ` | store (postgres) ${pgRate.toFixed(0)}/s` : '') +
        ` | analysis ${(n / secs).toFixed(1).padStart(6)}/s (${secs.toFixed(1)} s: ${Object.entries(an.timings).map(([k, v]) => `${k} ${v}ms`).join(', ')})` +
        ` | ${an.events.length} events, ${quality}, ${an.copies.length} copies, ${copyQuality}, ${an.entities.length} entities | RSS before analysis ${mb(rssBefore)}, after ${mb(process.memoryUsage().rss)}, process peak ${mb(process.resourceUsage().maxRSS * 1024)}`,
    );
    console.log(rows[rows.length - 1]);
  }
  clearInterval(timer);
  const uiSize = Number(process.env.NEWSPROV_BENCH_UI_SIZE ?? 2000);
  if (uiSize > 0) console.log(await workspaceBench(buildCorpus(uiSize).map((c) => toArticle(parseDocument(c.content, c.origin).articles[0]))));
  const pgUrl = process.env.NEWSPROV_BENCH_PG_URL;
  if (pgUrl) await workerBench(pgUrl, Number(process.env.NEWSPROV_BENCH_WORKER_SIZE ?? 1000));
}

/** End-to-end `newsprov ingest --workers N` into PostgreSQL (files on disk, separate processes). */
async function workerBench(base: string, n: number) {
  const dir = mkdtempSync(join(tmpdir(), 'newsprov-bench-'));
  buildCorpus(n).forEach((c) => writeFileSync(join(dir, c.origin), c.content));
  for (const workers of [1, 2, 4]) {
    const url = await freshDatabase(base, `newsprov_bench_${process.pid}_${workers}`);
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [resolve(HERE, '../bin/newsprov.mjs'), 'ingest', dir, '--workers', String(workers), '--no-analyze', '--db', url], { encoding: 'utf8' });
    const secs = (performance.now() - t0) / 1000;
    if (r.status !== 0) throw new Error(r.stderr);
    console.log(`${String(n).padStart(6)} files  | newsprov ingest --workers ${workers} into PostgreSQL: ${(n / secs).toFixed(0)} articles/s (${secs.toFixed(1)} s wall, process start included)`);
  }
  rmSync(dir, { recursive: true, force: true });
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});

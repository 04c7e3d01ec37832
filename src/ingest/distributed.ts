// Ingest through the PostgreSQL work queue: worker processes (here or on other machines) claim files,
// parse and store them. A worker that dies loses nothing: its leases run out and the files are claimed again.
import { fork } from 'node:child_process';
import { hostname } from 'node:os';
import { resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Store } from '../store/store.ts';
import type { Job } from '../store/jobs.ts';
import { emptyReport, expandPaths, ingestFile, type IngestReport } from './ingest.ts';
import { ProgressBar } from '../progress.ts';

export interface WorkerOptions {
  batch?: number;
  /** keep going until every job with an id in this range is finished, waiting out the leases of dead workers */
  until?: [number, number];
}

/** Take jobs from the queue until it is empty; returns how many this worker processed. */
export async function runWorker(store: Store, opts: WorkerOptions = {}): Promise<number> {
  const me = `${hostname()}:${process.pid}`;
  let processed = 0;
  for (;;) {
    await recordAbandoned(store);
    const batch = await store.jobs.claim(me, opts.batch ?? 8);
    if (batch.length) {
      processed += await processBatch(store, me, batch);
      continue;
    }
    const wait = opts.until ? await store.jobs.nextLeaseExpiry(...opts.until) : null;
    if (wait === null) return processed;
    await sleep(Math.min(wait + 50, 1000));
  }
}

export interface FollowOptions {
  /** how long to wait between looks at an empty queue */
  pollMs: number;
  /** stops the worker (after the batch in hand) */
  signal: AbortSignal;
  /**
   * Run when the queue has run dry after this worker stored something (the analysis); false when it could not
   * run now (another worker held it), so it is tried again after the next wait.
   */
  afterWork?: () => Promise<boolean>;
}

/** A long-lived worker: take jobs whenever there are some, until the signal says stop; returns how many it processed. */
export async function followQueue(store: Store, opts: FollowOptions): Promise<number> {
  let total = 0;
  let owed = false;
  while (!opts.signal.aborted) {
    const n = await runWorker(store);
    total += n;
    owed ||= n > 0;
    if (owed && opts.afterWork && !opts.signal.aborted) owed = !(await opts.afterWork());
    await sleep(opts.pollMs, undefined, { signal: opts.signal }).catch(() => {});
  }
  return total;
}

async function processBatch(store: Store, me: string, batch: Job[]): Promise<number> {
  const pending = new Set(batch.map((j) => j.id));
  const renewal = setInterval(() => void store.jobs.renew(me, [...pending]).catch(() => {}), store.jobs.opts.leaseMs / 3);
  try {
    for (const job of batch) {
      await processJob(store, job);
      pending.delete(job.id);
    }
  } finally {
    clearInterval(renewal);
  }
  return batch.length;
}

async function processJob(store: Store, job: Job): Promise<void> {
  const report = emptyReport();
  try {
    await ingestFile(store, job.origin, report);
    await store.jobs.finish(job.id, 'done', report);
  } catch (e) {
    const reason = `${job.origin}: ${(e as Error).message} (attempt ${job.attempts} of ${store.jobs.opts.maxAttempts})`;
    report.errors.push({ origin: job.origin, reason });
    if (!(await store.jobs.retryOrFail(job, report))) await store.recordError(job.origin, reason, null);
  }
}

/** Jobs whose workers died on every attempt: failed, with the reason kept in ingest_errors. */
async function recordAbandoned(store: Store): Promise<void> {
  for (const job of await store.jobs.abandonExpired()) {
    const reason = `${job.origin}: given up after ${job.attempts} attempts: the worker processing it stopped each time (killed or crashed)`;
    await store.jobs.finish(job.id, 'failed', { errors: [{ origin: job.origin, reason }] });
    await store.recordError(job.origin, reason, null);
  }
}

/**
 * Queue the files, start `workers` worker processes, and finish in this process whatever dead workers left.
 * `failed` counts files that could not be processed (faults, not bad input).
 */
export async function ingestWithWorkers(store: Store, cliPath: string, db: string, paths: string[], workers: number): Promise<{ report: IngestReport; failed: number }> {
  const { files, missing, skipped } = expandPaths(paths);
  const report = emptyReport();
  for (const dir of skipped) report.warnings.push({ origin: dir, warning: 'a database directory, not articles: skipped' });
  for (const m of missing) {
    report.errors.push(m);
    await store.recordError(m.origin, m.reason, null);
  }
  const jobIds = await store.jobs.enqueue(files.map((f) => resolve(f)));
  if (!jobIds.length) return { report, failed: 0 };
  const range: [number, number] = [Math.min(...jobIds), Math.max(...jobIds)];
  const bar = new ProgressBar(`ingest (${workers} workers)`, files.length);
  const timer = setInterval(() => void store.jobs.countFinished(...range).then((n) => bar.update(n), () => {}), 500);
  try {
    const children = Array.from({ length: workers }, () => fork(cliPath, ['worker', '--db', db], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] }));
    await Promise.all(children.map((c) => new Promise<void>((res) => c.on('exit', () => res()))));
    await runWorker(store, { until: range });
  } finally {
    clearInterval(timer);
    bar.done();
  }
  let failed = 0;
  for (const j of await store.jobs.list(jobIds)) {
    const r = (j.result ?? {}) as Partial<IngestReport>;
    report.files++;
    report.inserted.push(...(r.inserted ?? []));
    report.duplicates.push(...(r.duplicates ?? []));
    report.errors.push(...(r.errors ?? []));
    report.warnings.push(...(r.warnings ?? []));
    if (j.status !== 'done') failed++;
  }
  return { report, failed };
}

// The work queue shared by worker processes (on any number of machines) through PostgreSQL.
// A claimed job holds a lease; a worker renews it while it works. A job whose lease runs out (its worker was
// killed or lost) goes back to the queue, and a job that has used up its attempts ends in ingest_errors.
import { asc, count, eq, inArray, sql } from 'drizzle-orm';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import * as T from './schema.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = PgDatabase<any, any, any>;

export interface Job {
  id: number;
  origin: string;
  attempts: number;
}

export interface QueueOptions {
  /** how long a claim lasts without renewal */
  leaseMs: number;
  /** claims (including ones lost with a dead worker) before a job is given up */
  maxAttempts: number;
}

export function queueOptionsFromEnv(env = process.env): QueueOptions {
  const lease = Number(env.NEWSPROV_JOB_LEASE_SECONDS);
  return { leaseMs: lease > 0 ? lease * 1000 : 60_000, maxAttempts: 3 };
}

type Rows<R> = { rows: R[] };

export class JobQueue {
  constructor(
    private readonly db: Db,
    readonly opts: QueueOptions = queueOptionsFromEnv(),
  ) {}

  /** Queue inputs; returns the new job ids. */
  async enqueue(origins: string[]): Promise<number[]> {
    const now = new Date().toISOString();
    const ids: number[] = [];
    for (let i = 0; i < origins.length; i += 500) {
      const values = origins.slice(i, i + 500).map((origin) => ({ origin, status: 'queued', attempts: 0, updatedAt: now }));
      ids.push(...(await this.db.insert(T.jobs).values(values).returning({ id: T.jobs.id })).map((r) => r.id));
    }
    return ids;
  }

  /** Claim up to `n` jobs, queued or with an expired lease; concurrent workers never get the same one. */
  async claim(worker: string, n: number): Promise<Job[]> {
    const res = (await this.db.execute(sql`
      UPDATE jobs SET status = 'running', worker = ${worker}, attempts = attempts + 1, updated_at = now(),
        lease_until = now() + ${this.opts.leaseMs} * interval '1 millisecond'
      WHERE id IN (SELECT id FROM jobs
        WHERE (status = 'queued' OR (status = 'running' AND lease_until < now())) AND attempts < ${this.opts.maxAttempts}
        ORDER BY id FOR UPDATE SKIP LOCKED LIMIT ${n})
      RETURNING id, origin, attempts`)) as unknown as Rows<Job>;
    return res.rows.map((r) => ({ id: Number(r.id), origin: r.origin, attempts: Number(r.attempts) })).sort((a, b) => a.id - b.id);
  }

  /** Extend the leases of jobs this worker still holds. */
  async renew(worker: string, ids: number[]): Promise<void> {
    if (!ids.length) return;
    await this.db.execute(sql`UPDATE jobs SET lease_until = now() + ${this.opts.leaseMs} * interval '1 millisecond'
      WHERE worker = ${worker} AND status = 'running' AND id IN (${sql.join(ids.map((i) => sql`${i}`), sql`, `)})`);
  }

  async finish(id: number, status: 'done' | 'failed', result: unknown): Promise<void> {
    await this.db.update(T.jobs).set({ status, result, leaseUntil: null, updatedAt: new Date().toISOString() }).where(eq(T.jobs.id, id));
  }

  /** A job whose processing failed: back to the queue while it has attempts left; returns true if it was requeued. */
  async retryOrFail(job: Job, result: unknown): Promise<boolean> {
    const retry = job.attempts < this.opts.maxAttempts;
    await this.db.update(T.jobs).set({ status: retry ? 'queued' : 'failed', result, leaseUntil: null, updatedAt: new Date().toISOString() }).where(eq(T.jobs.id, job.id));
    return retry;
  }

  /** Jobs whose lease ran out on their last attempt: marked failed and returned, so the caller records why. */
  async abandonExpired(): Promise<Job[]> {
    const res = (await this.db.execute(sql`
      UPDATE jobs SET status = 'failed', lease_until = NULL, updated_at = now()
      WHERE status = 'running' AND lease_until < now() AND attempts >= ${this.opts.maxAttempts}
      RETURNING id, origin, attempts`)) as unknown as Rows<Job>;
    return res.rows.map((r) => ({ id: Number(r.id), origin: r.origin, attempts: Number(r.attempts) }));
  }

  /** Milliseconds until the earliest lease of a running job in [from, to] runs out, or null when none runs. */
  async nextLeaseExpiry(from: number, to: number): Promise<number | null> {
    const res = (await this.db.execute(sql`SELECT extract(epoch FROM min(lease_until) - now()) * 1000 AS ms FROM jobs
      WHERE id BETWEEN ${from} AND ${to} AND status = 'running'`)) as unknown as Rows<{ ms: number | string | null }>;
    const ms = res.rows[0]?.ms;
    return ms === null || ms === undefined ? null : Math.max(0, Number(ms));
  }

  /** Jobs with ids in [from, to] that are finished (done or failed). */
  async countFinished(from: number, to: number): Promise<number> {
    const res = (await this.db.execute(sql`SELECT count(*)::int AS n FROM jobs WHERE id BETWEEN ${from} AND ${to} AND status IN ('done', 'failed')`)) as unknown as Rows<{ n: number }>;
    return Number(res.rows[0]?.n ?? 0);
  }

  async counts(): Promise<Record<string, number>> {
    const rows = await this.db.select({ status: T.jobs.status, n: count() }).from(T.jobs).groupBy(T.jobs.status);
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }

  async list(ids?: number[]): Promise<Array<typeof T.jobs.$inferSelect>> {
    const q = this.db.select().from(T.jobs);
    return ids ? q.where(inArray(T.jobs.id, ids)).orderBy(asc(T.jobs.id)) : q.orderBy(asc(T.jobs.id));
  }
}

// The server's view of the analysis: reads get the last stored one at once, writes schedule a
// background recompute (coalesced), and the freshness of what is served is visible in status().
import type { Analysis } from '../model/analysis.ts';
import type { Store } from '../store/store.ts';
import { CoalescingRunner, type RunState } from './background.ts';

/** Bring the stored analysis up to date and return it. */
export type AnalyzeFn = (store: Store) => Promise<Analysis>;

/** A burst of writes is analysed once it pauses `quietMs`, or `maxMs` after its first write, whichever comes first. */
export interface BurstDelay {
  quietMs: number;
  maxMs: number;
}

export const DEFAULT_BURST_DELAY: BurstDelay = { quietMs: 300, maxMs: 5000 };

export interface AnalysisStatus {
  articles: number;
  /** articles covered by the analysis being served (null: none exists yet) */
  analysedArticles: number | null;
  /** the served analysis covers every stored article */
  fresh: boolean;
  analysedAt: string | null;
  analysis: RunState;
}

export class ServerAnalysis {
  private latest: Analysis | null = null;
  /** the stored analysis being read, once: concurrent first requests share one read */
  private loading: Promise<Analysis | null> | null = null;
  /** a scheduled run waiting for the writes to pause, and when the first of those writes came */
  private deferred: { timer: NodeJS.Timeout; since: number; done: Promise<void>; fire: () => void } | null = null;
  private readonly runner: CoalescingRunner<Analysis>;

  constructor(
    private readonly store: Store,
    private readonly compute: AnalyzeFn,
    log: (msg: string) => void,
    private readonly delay: BurstDelay = DEFAULT_BURST_DELAY,
  ) {
    this.runner = new CoalescingRunner(
      () => this.recompute(),
      (e) => log(`analysis failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`),
    );
  }

  /**
   * Recompute in the background (after articles were added); never waits. Writes that come in a burst share one
   * run, started when they pause (so parsing and storing them is not slowed by analyses of a half-stored burst).
   */
  schedule(): void {
    const now = Date.now();
    const since = this.deferred?.since ?? now;
    let fire = this.deferred?.fire;
    let done = this.deferred?.done;
    if (this.deferred) clearTimeout(this.deferred.timer);
    else done = new Promise<void>((res) => (fire = () => void this.runner.request().then(() => res(), () => res())));
    const timer = setTimeout(() => {
      this.deferred = null;
      fire!();
    }, Math.max(0, Math.min(this.delay.quietMs, since + this.delay.maxMs - now)));
    timer.unref();
    this.deferred = { timer, since, done: done!, fire: fire! };
  }

  /** Recompute now (joined with any queued run) and wait for the result. */
  runNow(): Promise<Analysis> {
    return this.runner.request();
  }

  /** Read the stored analysis ahead of the first request (the server calls this when it starts). */
  warm(): Promise<Analysis | null> {
    this.loading ??= this.store.loadAnalysis().then((an) => (this.latest ??= an));
    return this.loading;
  }

  /** The last analysis, without waiting for a recompute; only when none exists yet is one run. */
  async current(): Promise<Analysis> {
    this.latest ??= await this.warm();
    if (!this.latest) return this.runner.join();
    // articles added by another process (PostgreSQL) are noticed here and analysed in the background
    if (!this.runner.busy && (await this.store.countArticles()) !== this.latest.articles.length) this.schedule();
    return this.latest;
  }

  async status(): Promise<AnalysisStatus> {
    const articles = await this.store.countArticles();
    if (!this.latest && !this.runner.busy) await this.warm();
    const analysed = this.latest ? this.latest.articles.length : null;
    const run = this.runner.state();
    return { articles, analysedArticles: analysed, fresh: (analysed ?? 0) === articles, analysedAt: this.latest?.generatedAt ?? null, analysis: { ...run, queued: run.queued || this.deferred !== null } };
  }

  /** Resolves when no analysis is running, queued or waiting for writes to pause. */
  async idle(): Promise<void> {
    while (this.deferred) await this.deferred.done;
    return this.runner.idle();
  }

  /** Stop scheduling: a run still waiting for writes to pause starts now; wait for it to be saved. */
  close(): Promise<void> {
    if (this.deferred) clearTimeout(this.deferred.timer);
    this.deferred?.fire();
    this.deferred = null;
    return this.runner.stop();
  }

  private async recompute(): Promise<Analysis> {
    const an = await this.compute(this.store);
    this.latest = an;
    return an;
  }
}

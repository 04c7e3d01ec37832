// The server's view of the analysis: reads are answered from what is stored at once (routes read the store a
// request at a time, never the whole analysis), writes schedule a background update (coalesced), and the
// freshness of what is served is visible in status(), from counts of stored and analysed articles.
import type { Store } from '../store/store.ts';
import { CoalescingRunner, type RunState } from './background.ts';

/** Bring the stored analysis up to date (what it returns is not used: reads go to the store). */
export type AnalyzeFn = (store: Store) => Promise<unknown>;

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
  /** an analysis is stored (once true, it stays so: results are replaced, never dropped, while serving) */
  private stored = false;
  /** a scheduled run waiting for the writes to pause, and when the first of those writes came */
  private deferred: { timer: NodeJS.Timeout; since: number; done: Promise<void>; fire: () => void } | null = null;
  private readonly runner: CoalescingRunner<unknown>;

  constructor(
    private readonly store: Store,
    private readonly compute: AnalyzeFn,
    log: (msg: string) => void,
    private readonly delay: BurstDelay = DEFAULT_BURST_DELAY,
  ) {
    this.runner = new CoalescingRunner(
      () => this.compute(this.store),
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

  /** Recompute now (joined with any queued run) and wait for it. */
  async runNow(): Promise<void> {
    await this.runner.request();
  }

  /** Whether an analysis is stored (the server asks when it starts, so the first request need not). */
  async warm(): Promise<boolean> {
    this.stored ||= (await this.store.reads.run()) !== null;
    return this.stored;
  }

  /**
   * Before a read: only when no analysis is stored yet is one run (and waited for); articles stored since the
   * stored one (by another process, say) are analysed in the background while the read answers from the store.
   */
  async current(): Promise<void> {
    if (!(await this.warm())) {
      await this.runner.join();
      return;
    }
    if (!this.runner.busy && !(await this.counts()).fresh) this.schedule();
  }

  async status(): Promise<AnalysisStatus> {
    const stored = await this.warm();
    const { articles, analysed } = await this.counts();
    const run = stored ? await this.store.reads.run() : null;
    const analysedArticles = run ? analysed : null;
    const state = this.runner.state();
    return { articles, analysedArticles, fresh: (analysedArticles ?? 0) === articles, analysedAt: run?.generatedAt ?? null, analysis: { ...state, queued: state.queued || this.deferred !== null } };
  }

  private async counts(): Promise<{ articles: number; analysed: number; fresh: boolean }> {
    const [articles, analysed] = await Promise.all([this.store.countArticles(), this.store.reads.analysedCount()]);
    return { articles, analysed, fresh: articles === analysed };
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
}

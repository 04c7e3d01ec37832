// The server's view of the analysis: reads get the last stored one at once, writes schedule a
// background recompute (coalesced), and the freshness of what is served is visible in status().
import type { Analysis } from '../model/analysis.ts';
import type { Article } from '../model/article.ts';
import type { Store } from '../store/store.ts';
import { CoalescingRunner, type RunState } from './background.ts';

export type AnalyzeFn = (articles: Article[]) => Promise<Analysis>;

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
  private readonly runner: CoalescingRunner<Analysis>;

  constructor(
    private readonly store: Store,
    private readonly compute: AnalyzeFn,
    log: (msg: string) => void,
  ) {
    this.runner = new CoalescingRunner(
      () => this.recompute(),
      (e) => log(`analysis failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`),
    );
  }

  /** Recompute in the background (after articles were added); never waits. */
  schedule(): void {
    void this.runner.request();
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
    return { articles, analysedArticles: analysed, fresh: (analysed ?? 0) === articles, analysedAt: this.latest?.generatedAt ?? null, analysis: this.runner.state() };
  }

  /** Resolves when no analysis is running or queued. */
  idle(): Promise<void> {
    return this.runner.idle();
  }

  /** Stop scheduling and wait for a running analysis to be saved. */
  close(): Promise<void> {
    return this.runner.stop();
  }

  private async recompute(): Promise<Analysis> {
    const an = await this.compute(await this.store.listArticles());
    await this.store.saveAnalysis(an);
    this.latest = an;
    return an;
  }
}

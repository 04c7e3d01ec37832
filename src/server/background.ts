// One background job at a time, coalescing: requests that arrive while a run is going
// share a single follow-up run, so a burst of N requests costs at most two runs, not N.

export interface RunState {
  running: boolean;
  /** a follow-up run is requested and will start when the current one ends */
  queued: boolean;
  runs: number;
  lastStartedAt: string | null;
  lastFinishedAt: string | null;
  lastDurationMs: number | null;
  lastError: string | null;
}

interface Deferred<T> {
  promise: Promise<T>;
  resolve: (v: T) => void;
  reject: (e: unknown) => void;
}

function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // callers that only schedule never await; a failed run must not become an unhandled rejection
  promise.catch(() => {});
  return { promise, resolve, reject };
}

export class CoalescingRunner<T> {
  private current: Promise<void> | null = null;
  private inFlight: Deferred<T> | null = null;
  private next: Deferred<T> | null = null;
  private stopped = false;
  private readonly info: RunState = { running: false, queued: false, runs: 0, lastStartedAt: null, lastFinishedAt: null, lastDurationMs: null, lastError: null };

  constructor(
    private readonly job: () => Promise<T>,
    private readonly onError: (e: unknown) => void = () => {},
  ) {}

  /** Ask for a run that starts after this call; resolves with that run's result. */
  request(): Promise<T> {
    if (this.stopped) return Promise.reject(new Error('the background runner is stopped'));
    this.next ??= deferred<T>();
    const p = this.next.promise;
    if (!this.current) this.startNext();
    return p;
  }

  /** The result of the run going on now, if any; otherwise of a new run. For callers that need any result, not a newer one. */
  join(): Promise<T> {
    return this.inFlight ? this.inFlight.promise : this.request();
  }

  get busy(): boolean {
    return this.current !== null;
  }

  state(): RunState {
    return { ...this.info, queued: this.next !== null };
  }

  /** Resolves once no run is going and none is queued. */
  async idle(): Promise<void> {
    while (this.current) await this.current;
  }

  /** Drop queued runs, refuse new ones, and wait for the running one to end. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.next?.reject(new Error('the server is shutting down'));
    this.next = null;
    await this.idle();
  }

  private startNext(): void {
    const d = this.next!;
    this.next = null;
    this.inFlight = d;
    const t0 = performance.now();
    this.info.running = true;
    this.info.lastStartedAt = new Date().toISOString();
    this.current = (async () => {
      try {
        d.resolve(await this.job());
        this.info.lastError = null;
      } catch (e) {
        this.info.lastError = e instanceof Error ? e.message : String(e);
        this.onError(e);
        d.reject(e);
      } finally {
        this.info.runs++;
        this.info.running = false;
        this.info.lastFinishedAt = new Date().toISOString();
        this.info.lastDurationMs = Math.round(performance.now() - t0);
        this.current = null;
        this.inFlight = null;
        if (this.next && !this.stopped) this.startNext();
      }
    })();
  }
}

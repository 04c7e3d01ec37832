// Politeness per host: at most `concurrency` requests at once to one host, and at least
// `intervalMs` between the starts of two requests to it (raised by a robots.txt Crawl-delay).

export interface HostLimits {
  /** requests in flight to one host */
  concurrency: number;
  /** minimum time between two request starts to one host */
  intervalMs: number;
}

interface HostState {
  active: number;
  nextStart: number;
  intervalMs: number;
  waiting: Array<() => void>;
}

export class HostLimiter {
  private hosts = new Map<string, HostState>();

  constructor(private readonly limits: HostLimits) {}

  private state(host: string): HostState {
    let s = this.hosts.get(host);
    if (!s) {
      s = { active: 0, nextStart: 0, intervalMs: this.limits.intervalMs, waiting: [] };
      this.hosts.set(host, s);
    }
    return s;
  }

  /** A slower pace for one host (robots.txt Crawl-delay), never faster than the configured one. */
  slowDown(host: string, intervalMs: number): void {
    const s = this.state(host);
    s.intervalMs = Math.max(s.intervalMs, this.limits.intervalMs, intervalMs);
  }

  /** Run `fn` when the host has a free slot and its interval has passed. */
  async run<X>(host: string, fn: () => Promise<X>): Promise<X> {
    const s = this.state(host);
    while (s.active >= this.limits.concurrency) await new Promise<void>((r) => s.waiting.push(r));
    s.active++;
    try {
      const wait = s.nextStart - Date.now();
      s.nextStart = Math.max(Date.now(), s.nextStart) + s.intervalMs;
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      return await fn();
    } finally {
      s.active--;
      s.waiting.shift()?.();
    }
  }
}

// HTTP GET as a well-kept crawler does it: only http(s) to checked addresses (guard.ts), robots.txt
// honoured, a clear User-Agent, conditional requests (ETag, Last-Modified), redirects followed one
// by one (each hop checked) up to a limit, retries with exponential backoff on network errors, 429
// and 5xx, per-host concurrency and pace, and limits on time and size that fail with a clear error.
import { Agent, fetch as undiciFetch, type Response as UndiciResponse } from 'undici';
import { FetchRefused, checkUrl, guardedLookup, hostOfUrl, resolveChecked, type GuardOptions } from './guard.ts';
import { HostLimiter, type HostLimits } from './hosts.ts';
import { RobotsCache, MAX_ROBOTS_BYTES } from './robots.ts';

export const USER_AGENT = 'newsprov/0.1 (news provenance crawler; honours robots.txt)';
/** The product token robots.txt User-agent lines are matched against. */
export const ROBOTS_TOKEN = 'newsprov';

export interface ClientOptions extends GuardOptions {
  userAgent?: string;
  /** time for one request, headers and body (ms) */
  timeoutMs?: number;
  /** largest body accepted (bytes, after decompression) */
  maxBytes?: number;
  maxRedirects?: number;
  /** further attempts after a failed one (network error, 429, 5xx) */
  retries?: number;
  /** wait before the first retry; doubled for each further one (ms) */
  backoffMs?: number;
  perHost?: Partial<HostLimits>;
  /** honour robots.txt (default true) */
  robots?: boolean;
}

export interface Conditional {
  etag?: string | null;
  lastModified?: string | null;
}

export interface Fetched {
  /** the URL asked for */
  url: string;
  /** the URL that answered, after redirects */
  finalUrl: string;
  status: number;
  notModified: boolean;
  contentType: string | null;
  etag: string | null;
  lastModified: string | null;
  bytes: Uint8Array;
  redirects: string[];
}

/** A fetch that got no usable answer: HTTP error status, too large, too slow, too many redirects, network failure. */
export class FetchError extends Error {
  constructor(
    message: string,
    readonly url: string,
    readonly status: number | null = null,
    readonly retryable = false,
  ) {
    super(message);
    this.name = 'FetchError';
  }
}

const DEFAULTS = { timeoutMs: 20_000, maxBytes: 20 * 1024 * 1024, maxRedirects: 5, retries: 2, backoffMs: 1000 };
const MAX_RETRY_AFTER_MS = 60_000;

interface Hop {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
}

export class HttpClient {
  readonly opts: Required<Pick<ClientOptions, 'timeoutMs' | 'maxBytes' | 'maxRedirects' | 'retries' | 'backoffMs'>> & ClientOptions;
  private readonly agent: Agent;
  private readonly limiter: HostLimiter;
  private readonly robots: RobotsCache;

  constructor(opts: ClientOptions = {}) {
    this.opts = { ...DEFAULTS, ...opts };
    this.agent = new Agent({ connect: { lookup: guardedLookup(opts, (host) => `a request to ${host}`) }, connections: 8 });
    this.limiter = new HostLimiter({ concurrency: opts.perHost?.concurrency ?? 2, intervalMs: opts.perHost?.intervalMs ?? 1000 });
    this.robots = new RobotsCache((url) => this.robotsTxt(url), ROBOTS_TOKEN);
  }

  get userAgent(): string {
    return this.opts.userAgent ?? USER_AGENT;
  }

  async close(): Promise<void> {
    await this.agent.close();
  }

  /** GET a URL: redirects followed, robots.txt honoured, retried with backoff; throws FetchRefused or FetchError. */
  async get(url: string, cond: Conditional = {}): Promise<Fetched> {
    return this.follow(url, cond, this.opts.robots !== false, this.opts.maxBytes);
  }

  private async robotsTxt(url: string): Promise<{ status: number; body: string }> {
    try {
      const r = await this.follow(url, {}, false, MAX_ROBOTS_BYTES);
      return { status: r.status, body: Buffer.from(r.bytes).toString('utf8') };
    } catch (e) {
      if (e instanceof FetchError && e.status !== null) return { status: e.status, body: '' };
      throw e;
    }
  }

  private async follow(url: string, cond: Conditional, robots: boolean, maxBytes: number): Promise<Fetched> {
    const redirects: string[] = [];
    let current = url;
    for (let hop = 0; hop <= this.opts.maxRedirects; hop++) {
      const u = checkUrl(current);
      await resolveChecked(hostOfUrl(u), current, this.opts);
      if (robots) await this.checkRobots(current);
      const r = await this.withRetries(current, () => this.once(current, cond, maxBytes));
      const location = r.headers.get('location');
      if (r.status >= 300 && r.status < 400 && r.status !== 304 && location) {
        redirects.push(current);
        current = new URL(location, current).toString();
        continue;
      }
      return this.result(url, current, r, redirects);
    }
    throw new FetchError(`${url}: more than ${this.opts.maxRedirects} redirects (last to ${current})`, url);
  }

  private result(url: string, finalUrl: string, r: Hop, redirects: string[]): Fetched {
    if (r.status !== 304 && (r.status < 200 || r.status >= 300)) throw new FetchError(`${finalUrl}: HTTP ${r.status}`, finalUrl, r.status);
    const h = r.headers;
    return { url, finalUrl, status: r.status, notModified: r.status === 304, contentType: h.get('content-type'), etag: h.get('etag'), lastModified: h.get('last-modified'), bytes: r.bytes, redirects };
  }

  private async checkRobots(url: string): Promise<void> {
    const v = await this.robots.check(url);
    const host = new URL(url).host;
    if (v.crawlDelay) this.limiter.slowDown(host, v.crawlDelay * 1000);
    if (!v.allowed) throw new FetchRefused(`${url}: not fetched: ${v.reason}`, url);
  }

  private async withRetries(url: string, once: () => Promise<Hop>): Promise<Hop> {
    for (let attempt = 0; ; attempt++) {
      let wait = this.opts.backoffMs * 2 ** attempt;
      try {
        const r = await this.limiter.run(new URL(url).host, once);
        if ((r.status !== 429 && r.status < 500) || attempt >= this.opts.retries) return r;
        const after = Number(r.headers.get('retry-after'));
        if (after > 0) wait = Math.max(wait, Math.min(after * 1000, MAX_RETRY_AFTER_MS));
      } catch (e) {
        if (!(e instanceof FetchError) || !e.retryable || attempt >= this.opts.retries) throw e;
      }
      await new Promise((r) => setTimeout(r, wait));
    }
  }

  private headersFor(cond: Conditional): Record<string, string> {
    const h: Record<string, string> = { 'user-agent': this.userAgent, accept: 'text/html, application/xhtml+xml, application/rss+xml, application/atom+xml, application/xml;q=0.9, text/*;q=0.8, */*;q=0.5' };
    if (cond.etag) h['if-none-match'] = cond.etag;
    if (cond.lastModified) h['if-modified-since'] = cond.lastModified;
    return h;
  }

  /** One request, its body read within the size and time limits. */
  private async once(url: string, cond: Conditional, maxBytes: number): Promise<Hop> {
    const signal = AbortSignal.timeout(this.opts.timeoutMs);
    const secs = `${this.opts.timeoutMs / 1000} s`;
    try {
      const res = await undiciFetch(url, { dispatcher: this.agent, redirect: 'manual', headers: this.headersFor(cond), signal });
      const bytes = await readLimited(res, url, maxBytes);
      return { status: res.status, headers: res.headers as unknown as Headers, bytes };
    } catch (e) {
      if (e instanceof FetchError) throw e;
      const refused = causeOf(e, FetchRefused);
      if (refused) throw refused;
      if (signal.aborted) throw new FetchError(`${url}: no complete answer within ${secs} (time limit)`, url, null, true);
      const cause = (e as { cause?: { code?: string; message?: string } }).cause;
      throw new FetchError(`${url}: ${cause?.code ?? cause?.message ?? (e as Error).message}`, url, null, true);
    }
  }
}

function causeOf<E extends Error>(e: unknown, kind: new (...a: never[]) => E): E | null {
  for (let c = e, i = 0; c && i < 5; c = (c as { cause?: unknown }).cause, i++) if (c instanceof kind) return c;
  return null;
}

/** The body, refused beyond `maxBytes` by its declared length and again while it streams in. */
async function readLimited(res: UndiciResponse, url: string, maxBytes: number): Promise<Uint8Array> {
  const limit = `${(maxBytes / 1048576).toFixed(1)} MiB`;
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > maxBytes && !res.headers.get('content-encoding')) {
    await res.body?.cancel();
    throw new FetchError(`${url}: response of ${(declared / 1048576).toFixed(1)} MiB is larger than the ${limit} limit`, url);
  }
  if (!res.body) return new Uint8Array(0);
  const parts: Uint8Array[] = [];
  let n = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = (await reader.read()) as ReadableStreamReadResult<Uint8Array>;
    if (done) break;
    n += value.byteLength;
    if (n > maxBytes) {
      await reader.cancel();
      throw new FetchError(`${url}: response is larger than the ${limit} limit (stopped reading at ${(n / 1048576).toFixed(1)} MiB)`, url);
    }
    parts.push(value);
  }
  return Buffer.concat(parts);
}

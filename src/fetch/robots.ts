// robots.txt, read as RFC 9309 says: rules from a 2xx answer; a 4xx answer (no robots.txt) allows
// everything; a 5xx answer or no answer at all means "do not crawl" until it can be read. Parsed
// with robots-parser; one copy per origin, kept for an hour.
import { createRequire } from 'node:module';

interface Robot {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
}
/** robots-parser is CommonJS exporting one function; its bundled typings do not type that for NodeNext imports. */
const robotsParser = createRequire(import.meta.url)('robots-parser') as (url: string, contents: string) => Robot;

/** robots.txt bodies beyond this are cut (RFC 9309 asks crawlers to read at least 500 KiB). */
export const MAX_ROBOTS_BYTES = 512 * 1024;
const KEEP_MS = 60 * 60 * 1000;
/** A Crawl-delay beyond this is capped (a mistyped robots.txt must not stall the crawl for hours). */
const MAX_CRAWL_DELAY_S = 60;

export interface RobotsAnswer {
  status: number;
  body: string;
}

interface Rules {
  /** null: everything allowed; 'unreachable': nothing allowed */
  robot: Robot | null | 'unreachable';
  why: string;
  at: number;
}

export interface RobotsVerdict {
  allowed: boolean;
  /** seconds between requests the site asks for, if any */
  crawlDelay: number | null;
  /** why not, when not allowed */
  reason: string | null;
}

export class RobotsCache {
  private byOrigin = new Map<string, Promise<Rules>>();

  /**
   * `get` fetches one robots.txt URL (redirects followed, size limited) and resolves to its status
   * and text, or rejects when no answer came. `agent` is the product token matched against User-agent lines.
   */
  constructor(
    private readonly get: (url: string) => Promise<RobotsAnswer>,
    private readonly agent: string,
  ) {}

  private load(origin: string): Promise<Rules> {
    const cached = this.byOrigin.get(origin);
    if (cached) return cached.then((r) => (Date.now() - r.at < KEEP_MS ? r : this.reload(origin)));
    return this.reload(origin);
  }

  private reload(origin: string): Promise<Rules> {
    const url = `${origin}/robots.txt`;
    const p = this.get(url).then(
      (a): Rules => {
        if (a.status >= 200 && a.status < 300) return { robot: robotsParser(url, a.body.slice(0, MAX_ROBOTS_BYTES)), why: `${url} disallows it`, at: Date.now() };
        if (a.status >= 400 && a.status < 500) return { robot: null, why: '', at: Date.now() };
        return { robot: 'unreachable', why: `${url} answered HTTP ${a.status}; nothing on that site is fetched until it can be read`, at: Date.now() };
      },
      (e): Rules => ({ robot: 'unreachable', why: `${url} could not be fetched (${(e as Error).message}); nothing on that site is fetched until it can be read`, at: Date.now() }),
    );
    this.byOrigin.set(origin, p);
    return p;
  }

  async check(url: string): Promise<RobotsVerdict> {
    const rules = await this.load(new URL(url).origin);
    if (rules.robot === null) return { allowed: true, crawlDelay: null, reason: null };
    if (rules.robot === 'unreachable') return { allowed: false, crawlDelay: null, reason: rules.why };
    const allowed = rules.robot.isAllowed(url, this.agent) !== false;
    const delay = rules.robot.getCrawlDelay(this.agent);
    return { allowed, crawlDelay: delay && delay > 0 ? Math.min(delay, MAX_CRAWL_DELAY_S) : null, reason: allowed ? null : rules.why };
  }
}

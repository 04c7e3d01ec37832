// Who may talk to the server: the Host header must name this server (no DNS rebinding), writes must
// come from this origin (no cross-site posts) and carry the API token when one is configured; every
// response carries headers that keep browsers from running or framing anything it did not serve.
import { createHash, timingSafeEqual } from 'node:crypto';
import { isIP } from 'node:net';
import type { MiddlewareHandler } from 'hono';
import { HttpError, clip } from './http.ts';

export interface SecurityOptions {
  /** the address the server listens on, e.g. 127.0.0.1, ::1, 0.0.0.0, myhost.lan */
  bindHost: string;
  /** further names clients (or a reverse proxy) may use in Host and Origin */
  allowHosts?: string[];
  /** API token for writes; required when the server listens beyond loopback */
  token?: string | null;
}

export const MIN_TOKEN_LENGTH = 16;

const SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy':
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-resource-policy': 'same-origin',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
  'cache-control': 'no-store',
};

/** A host name as compared here: lower case, no trailing dot, IPv6 without brackets. */
function normalizeName(name: string): string {
  return name.trim().toLowerCase().replace(/\.$/, '').replace(/^\[(.*)\]$/, '$1');
}

export function isLoopback(host: string): boolean {
  const h = normalizeName(host);
  return h === 'localhost' || h.endsWith('.localhost') || h === '::1' || (isIP(h) === 4 && h.startsWith('127.'));
}

/** Refuse configurations that would expose writes: beyond loopback a token is required. */
export function checkSecurityOptions(opts: SecurityOptions): void {
  if (opts.token && opts.token.length < MIN_TOKEN_LENGTH) throw new Error(`the API token must be at least ${MIN_TOKEN_LENGTH} characters long`);
  if (!isLoopback(opts.bindHost) && !opts.token)
    throw new Error(`listening on ${opts.bindHost} (beyond loopback) needs an API token for writes: pass --token or set NEWSPROV_API_TOKEN`);
}

/** Host header value split into name and port; null when it is not a plain host[:port]. */
function parseHost(value: string): { name: string; port: string } | null {
  try {
    const u = new URL(`http://${value}`);
    if (u.username || u.password || u.pathname !== '/' || u.search || u.hash) return null;
    return { name: normalizeName(u.hostname), port: u.port };
  } catch {
    return null;
  }
}

function requestHost(c: { req: { header(n: string): string | undefined; url: string } }): string {
  return c.req.header('host') ?? new URL(c.req.url).host;
}

export function securityHeaders(): MiddlewareHandler {
  return async (c, next) => {
    await next();
    for (const [k, v] of Object.entries(SECURITY_HEADERS)) c.res.headers.set(k, v);
  };
}

/** 400 for a path with a malformed percent-escape, before any route tries to decode it. */
export function pathGuard(): MiddlewareHandler {
  return async (c, next) => {
    try {
      decodeURIComponent(new URL(c.req.url).pathname);
    } catch {
      throw new HttpError(400, 'malformed percent-escape in the request path');
    }
    await next();
  };
}

/**
 * 421 unless Host names this server. IP literals are always accepted: DNS rebinding needs the
 * attacker's domain name in Host, and a page at an IP address is already that origin.
 */
export function hostGuard(opts: SecurityOptions): MiddlewareHandler {
  const names = new Set(['localhost', normalizeName(opts.bindHost), ...(opts.allowHosts ?? []).map(normalizeName)]);
  return async (c, next) => {
    const raw = requestHost(c);
    const h = parseHost(raw);
    if (!h) throw new HttpError(400, `malformed Host header "${clip(raw, 80)}"`);
    if (!names.has(h.name) && !isIP(h.name) && !isLoopback(h.name))
      throw new HttpError(421, `unknown Host "${clip(h.name, 80)}": this server answers to ${[...names].join(', ')} and IP addresses; add names with --allow-host`);
    await next();
  };
}

function isWrite(method: string): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(method);
}

/** Same origin: the Origin's host and port are the Host header's (its port defaulting by the Origin's scheme). */
function sameOrigin(origin: URL, host: { name: string; port: string }): boolean {
  const dflt = origin.protocol === 'https:' ? '443' : '80';
  return normalizeName(origin.hostname) === host.name && (origin.port || dflt) === (host.port || dflt);
}

/** Writes: refused from other sites (Sec-Fetch-Site, Origin); with a token configured, only with `Authorization: Bearer <token>`. */
export function writeGuard(opts: SecurityOptions): MiddlewareHandler {
  const trusted = new Set((opts.allowHosts ?? []).map(normalizeName));
  const tokenDigest = opts.token ? digest(opts.token) : null;
  return async (c, next) => {
    if (!isWrite(c.req.method)) return next();
    const site = c.req.header('sec-fetch-site');
    if (site && site !== 'same-origin' && site !== 'none') throw new HttpError(403, `cross-site write refused (Sec-Fetch-Site: ${clip(site, 40)})`);
    const origin = c.req.header('origin');
    if (origin !== undefined) {
      const o = URL.canParse(origin) ? new URL(origin) : null;
      const host = parseHost(requestHost(c));
      const ok = o && host && (sameOrigin(o, host) || trusted.has(normalizeName(o.hostname)));
      if (!ok) throw new HttpError(403, `cross-origin write refused (Origin: ${clip(origin, 80)})`);
    }
    if (tokenDigest && !bearerMatches(c.req.header('authorization'), tokenDigest))
      throw new HttpError(401, 'this server needs an API token for writes: send Authorization: Bearer <token>', { 'www-authenticate': 'Bearer realm="newsprov"' });
    await next();
  };
}

function digest(s: string): Buffer {
  return createHash('sha256').update(s, 'utf8').digest();
}

/** Compare digests so the time taken says nothing about how much of the token was right. */
function bearerMatches(header: string | undefined, expected: Buffer): boolean {
  const m = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return !!m && timingSafeEqual(digest(m[1]), expected);
}

// Which addresses the fetcher may connect to. Names are resolved here (node:dns lookup, every
// address), each address is checked, and the connection is made to the checked address through the
// lookup hook of the HTTP agent, so a DNS answer that changes between check and connect (rebinding)
// cannot reach a refused address. Redirects go through the same hook: every hop is checked.
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP } from 'node:net';

/** A URL the fetcher will not request, with the reason; names the URL (and the address, when one was refused). */
export class FetchRefused extends Error {
  constructor(
    message: string,
    readonly url: string,
    readonly address: string | null = null,
  ) {
    super(message);
    this.name = 'FetchRefused';
  }
}

/** Address ranges no fetch reaches unless private addresses are allowed explicitly. */
const RANGES: Array<[string, number, 'ipv4' | 'ipv6', string]> = [
  ['0.0.0.0', 8, 'ipv4', 'unspecified'],
  ['10.0.0.0', 8, 'ipv4', 'private'],
  ['100.64.0.0', 10, 'ipv4', 'carrier-grade NAT'],
  ['127.0.0.0', 8, 'ipv4', 'loopback'],
  ['169.254.0.0', 16, 'ipv4', 'link-local (cloud metadata)'],
  ['172.16.0.0', 12, 'ipv4', 'private'],
  ['192.0.0.0', 24, 'ipv4', 'IETF protocol assignments'],
  ['192.168.0.0', 16, 'ipv4', 'private'],
  ['198.18.0.0', 15, 'ipv4', 'benchmarking'],
  ['224.0.0.0', 4, 'ipv4', 'multicast'],
  ['240.0.0.0', 4, 'ipv4', 'reserved'],
  ['::', 128, 'ipv6', 'unspecified'],
  ['::1', 128, 'ipv6', 'loopback'],
  ['fe80::', 10, 'ipv6', 'link-local'],
  ['fc00::', 7, 'ipv6', 'unique-local (includes fd00:ec2::254, cloud metadata)'],
  ['ff00::', 8, 'ipv6', 'multicast'],
];

const blocked = new Map<string, BlockList>();
for (const [net, prefix, type, why] of RANGES) {
  const list = blocked.get(why) ?? new BlockList();
  list.addSubnet(net, prefix, type);
  blocked.set(why, list);
}

/** The IPv4 address inside an IPv4-mapped, -compatible or NAT64 IPv6 address, if it is one. */
function embeddedIpv4(address: string): string | null {
  const a = address.toLowerCase();
  const dotted = /^(?:::ffff:|::|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(a);
  if (dotted) return dotted[1];
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(a);
  if (!hex) return null;
  const [hi, lo] = [parseInt(hex[1], 16), parseInt(hex[2], 16)];
  return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
}

/** Why this address is refused by default (e.g. "loopback"), or null when it is a public address. */
export function forbiddenReason(address: string): string | null {
  const family = isIP(address);
  if (!family) return 'not an IP address';
  const v4 = family === 6 ? embeddedIpv4(address) : address;
  const [probe, type] = v4 ? [v4, 'ipv4' as const] : [address, 'ipv6' as const];
  for (const [why, list] of blocked) if (list.check(probe, type)) return why;
  if (v4 === '255.255.255.255') return 'broadcast';
  return null;
}

export interface GuardOptions {
  /** allow private, loopback, link-local … addresses (tests, intranet feeds) */
  allowPrivate?: boolean;
  /** single addresses allowed although private (an intranet feed server); everything else stays refused */
  allowAddresses?: string[];
  /** name resolution (default node:dns lookup); tests pass their own to resolve made-up names */
  lookup?: (host: string) => Promise<LookupAddress[]>;
}

function systemLookup(host: string): Promise<LookupAddress[]> {
  return new Promise((res, rej) => dnsLookup(host, { all: true, verbatim: true }, (e, list) => (e ? rej(e) : res(list))));
}

/** Only http and https, with no credentials in the URL; returns the parsed URL or throws FetchRefused. */
export function checkUrl(raw: string): URL {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new FetchRefused(`${raw}: not a valid URL`, raw);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new FetchRefused(`${raw}: only http and https URLs are fetched, not ${u.protocol.replace(/:$/, '')}`, raw);
  if (u.username || u.password) throw new FetchRefused(`${raw}: URLs with credentials are not fetched`, raw);
  return u;
}

/** The host of a URL as DNS or an IP check sees it (IPv6 without brackets). */
export function hostOfUrl(u: URL): string {
  return u.hostname.replace(/^\[(.*)\]$/, '$1');
}

/** Resolve a host and check every address; throws FetchRefused naming the URL and the refused address. */
export async function resolveChecked(host: string, url: string, opts: GuardOptions): Promise<LookupAddress[]> {
  let list: LookupAddress[];
  if (isIP(host)) list = [{ address: host, family: isIP(host) }];
  else {
    try {
      list = await (opts.lookup ?? systemLookup)(host);
    } catch (e) {
      throw new FetchRefused(`${url}: cannot resolve ${host} (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`, url);
    }
    if (!list.length) throw new FetchRefused(`${url}: ${host} resolves to no address`, url);
  }
  if (opts.allowPrivate) return list;
  for (const { address } of list) {
    const why = opts.allowAddresses?.includes(address) ? null : forbiddenReason(address);
    if (why) {
      const via = address === host ? '' : ` (${host} resolves to it)`;
      throw new FetchRefused(`${url}: refused to connect to ${address}${via}, a ${why} address; pass --allow-private (allowPrivate) to fetch private addresses`, url, address);
    }
  }
  return list;
}

type LookupCallback = (err: Error | null, address: string | LookupAddress[], family?: number) => void;

/**
 * A `lookup` for net/tls connect: resolves, checks, and hands the connection only the checked
 * addresses. `urlOf` names the URL being fetched for the error message.
 */
export function guardedLookup(opts: GuardOptions, urlOf: (host: string) => string) {
  return (host: string, options: { all?: boolean }, cb: LookupCallback): void => {
    resolveChecked(host, urlOf(host), opts).then(
      (list) => (options?.all ? cb(null, list) : cb(null, list[0].address, list[0].family)),
      (e) => cb(e as Error, ''),
    );
  };
}

// One spelling per document URL, so the same article reached through a newsletter link, a feed and
// a social share is recognised as one: lower-case scheme and host, no default port, no fragment, no
// tracking parameters, the remaining query parameters in a stable order.

/** Query parameters that only say where a click came from. */
const TRACKING_EXACT = new Set([
  'fbclid', 'gclid', 'gclsrc', 'dclid', 'gbraid', 'wbraid', 'msclkid', 'yclid', 'twclid', 'ttclid', 'li_fat_id',
  'igshid', 'mc_cid', 'mc_eid', '_ga', '_gl', '_hsenc', '_hsmi', 'mkt_tok', 'oly_anon_id', 'oly_enc_id',
  'vero_id', 'wickedid', 'rb_clickid', 's_cid', 'ncid', 'cmpid', 'ocid', 'sr_share', 'share', 'ref_src', 'ref_url',
  'spm', 'at_medium', 'at_campaign', 'at_custom1', 'at_custom2', 'at_custom3', 'at_custom4',
]);
const TRACKING_PREFIX = ['utm_', 'pk_', 'mtm_', 'hsa_', 'itm_'];

export function isTrackingParam(name: string): boolean {
  const n = name.toLowerCase();
  return TRACKING_EXACT.has(n) || TRACKING_PREFIX.some((p) => n.startsWith(p));
}

/** The canonical form of an http(s) URL, or null when `raw` is not one (relative links resolve against `base`). */
export function canonicalUrl(raw: string | null | undefined, base?: string): string | null {
  if (!raw) return null;
  let u: URL;
  try {
    u = new URL(raw.trim(), base);
  } catch {
    return null;
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return null;
  u.hash = '';
  u.username = '';
  u.password = '';
  // URL already drops :80 for http and :443 for https and lower-cases scheme and host
  const kept = [...u.searchParams].filter(([k]) => !isTrackingParam(k));
  kept.sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0));
  u.search = '';
  for (const [k, v] of kept) u.searchParams.append(k, v);
  if (u.pathname === '') u.pathname = '/';
  return u.toString();
}

// What a page's <head> says about other URLs: its feeds (<link rel="alternate" type="application/rss+xml">)
// and its canonical URL (<link rel="canonical">). A linear scan of <link> tags, so any page is read in bounded time.

export interface PageLinks {
  feeds: string[];
  canonical: string | null;
}

const LINK_TAG = /<link\b([^>]*)>/gi;
const ATTR = /([^\s=/>]+)\s*(?:=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;
const FEED_TYPES = /^application\/(rss|atom|rdf|feed)\+xml$|^application\/(rss|atom)$|^text\/xml$/i;
/** Links are looked for in this much of the page (heads are small; a huge body is not scanned). */
const SCAN_CHARS = 256 * 1024;

function unescapeAttr(s: string): string {
  return s.replace(/&amp;/gi, '&').replace(/&quot;/gi, '"').replace(/&#39;|&apos;/gi, "'").replace(/&lt;/gi, '<').replace(/&gt;/gi, '>');
}

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(ATTR)) out[m[1].toLowerCase()] = unescapeAttr(m[2] ?? m[3] ?? m[4] ?? '');
  return out;
}

function resolve(href: string, base: string): string | null {
  const h = href.trim();
  if (!h || !URL.canParse(h, base)) return null;
  const u = new URL(h, base);
  return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : null;
}

/** The feeds and the canonical URL a page declares, resolved against the page's URL (or its <base href>). */
export function pageLinks(html: string, pageUrl: string): PageLinks {
  const head = html.slice(0, SCAN_CHARS);
  const baseHref = /<base\b[^>]*\bhref\s*=\s*["']?([^"'\s>]+)/i.exec(head)?.[1];
  const base = (baseHref && resolve(unescapeAttr(baseHref), pageUrl)) || pageUrl;
  const feeds: string[] = [];
  let canonical: string | null = null;
  for (const m of head.matchAll(LINK_TAG)) {
    const a = attributes(m[1]);
    const rels = (a.rel ?? '').toLowerCase().split(/\s+/);
    if (!a.href) continue;
    const url = resolve(a.href, base);
    if (!url) continue;
    if (rels.includes('alternate') && FEED_TYPES.test((a.type ?? '').trim()) && !feeds.includes(url)) feeds.push(url);
    if (rels.includes('canonical') && !canonical) canonical = url;
  }
  return { feeds, canonical };
}

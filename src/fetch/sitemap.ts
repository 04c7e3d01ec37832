// Sitemaps (sitemaps.org 0.9): a <urlset> lists pages, a <sitemapindex> lists further sitemaps.
// Read with the same streaming XML reader as feeds; gzip-compressed sitemaps are unpacked within the size limit.
import { gunzipSync } from 'node:zlib';
import { InputError } from '../model/article.ts';
import { parseXml, childElements, textOf } from '../ingest/xml.ts';

export interface SitemapEntry {
  loc: string;
  lastmod: string | null;
}

export interface Sitemap {
  kind: 'urlset' | 'index';
  entries: SitemapEntry[];
}

/** True when the text's root element is a sitemap's (<urlset> or <sitemapindex>, any prefix). */
export function looksLikeSitemap(text: string): boolean {
  const head = text.slice(0, 4096).replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->/g, '');
  return /^\s*<(?:[\w.-]+:)?(urlset|sitemapindex)[\s>]/i.test(head);
}

/** gzip bytes (a .xml.gz sitemap) unpacked, at most `maxBytes`; other bytes as they are. */
export function gunzipIfNeeded(bytes: Uint8Array, origin: string, maxBytes: number): Uint8Array {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes;
  try {
    return gunzipSync(bytes, { maxOutputLength: maxBytes });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ERR_BUFFER_TOO_LARGE') throw new InputError(`${origin}: gzip content unpacks to more than ${(maxBytes / 1048576).toFixed(1)} MiB (size limit)`);
    throw new InputError(`${origin}: broken gzip content (${code ?? (e as Error).message})`);
  }
}

/** The entries of a sitemap or sitemap index, their locations resolved against `origin`. */
export function parseSitemap(text: string, origin: string): Sitemap {
  const { root } = parseXml(text, origin);
  const name = root.local.toLowerCase();
  if (name !== 'urlset' && name !== 'sitemapindex') throw new InputError(`${origin}: not a sitemap (root element <${root.name}>)`);
  const entries: SitemapEntry[] = [];
  for (const el of childElements(root, name === 'urlset' ? 'url' : 'sitemap')) {
    const loc = childElements(el, 'loc').map((l) => textOf(l).trim()).find(Boolean);
    if (!loc || !URL.canParse(loc, origin)) continue;
    const lastmod = childElements(el, 'lastmod').map((l) => textOf(l).trim()).find(Boolean) ?? null;
    entries.push({ loc: new URL(loc, origin).toString(), lastmod });
  }
  return { kind: name === 'urlset' ? 'urlset' : 'index', entries };
}

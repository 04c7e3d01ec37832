// The page's <meta> tags as one map, read in a single pass: name, property, itemprop and http-equiv keys,
// lower-cased, each with its contents in document order.
import { type DomDocument, all } from '../extract/dom.ts';

const cache = new WeakMap<DomDocument, Map<string, string[]>>();

export function metaTags(document: DomDocument): Map<string, string[]> {
  let out = cache.get(document);
  if (out) return out;
  out = new Map();
  for (const el of all(document, 'meta[content]')) {
    const content = el.getAttribute('content')?.trim();
    if (!content) continue;
    for (const attr of ['name', 'property', 'itemprop', 'http-equiv']) {
      const key = el.getAttribute(attr)?.trim().toLowerCase();
      if (key) out.set(key, [...(out.get(key) ?? []), content]);
    }
  }
  cache.set(document, out);
  return out;
}

/** The first content of the first key present (keys in any case). */
export function metaValue(document: DomDocument, ...keys: string[]): string | null {
  const tags = metaTags(document);
  for (const k of keys) {
    const v = tags.get(k.toLowerCase())?.[0];
    if (v) return v;
  }
  return null;
}

// The identity of each item of a feed, in the order the feed parser numbers them (origin#item-N):
// its GUID (RSS <guid>, Atom <id>, RDF rdf:about) and its link, so an item seen again (in the
// same feed or another one) is recognised before it is stored a second time.
import { parseXml, childElements, textOf } from '../ingest/xml.ts';
import { shapeOf } from '../ingest/feed.ts';

export interface ItemKey {
  guid: string | null;
  link: string | null;
}

/** Keys of the feed's items by position (index 0 is origin#item-1); an unreadable feed has none. */
export function feedItemKeys(text: string, origin: string): ItemKey[] {
  let items;
  try {
    items = shapeOf(parseXml(text, origin).root, origin).items;
  } catch {
    return [];
  }
  return items.map((item) => {
    const id = [...childElements(item, 'guid'), ...childElements(item, 'id')].map((e) => textOf(e).trim()).find(Boolean);
    const guid = id ?? item.attrs['rdf:about'] ?? null;
    const linkEl = childElements(item, 'link')[0];
    const link = linkEl ? textOf(linkEl).trim() || linkEl.attrs.href || null : null;
    return { guid: guid ? guid.slice(0, 2000) : null, link };
  });
}

// Which outlet an article belongs to. Pages of one outlet do not always say its name (a missing
// og:site_name), so names and web hosts seen together on any page are taken as one outlet.

export interface OutletArticle {
  id: string;
  outlet: string | null;
  url: string | null;
}

const normName = (s: string) => s.toLowerCase().replace(/^the\s+/, '').replace(/\s+/g, ' ').trim();

function host(url: string | null): string | null {
  try {
    return url ? new URL(url).hostname.toLowerCase().replace(/^www\./, '') : null;
  } catch {
    return null;
  }
}

/** article id -> outlet key (its name when any page gives one, else its web host), or null when unknown. */
export function outletKeys(articles: OutletArticle[]): Map<string, string | null> {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  const add = (x: string) => parent.has(x) || parent.set(x, x);
  const ids = articles.map((a) => {
    const name = a.outlet?.trim() ? `name:${normName(a.outlet)}` : null;
    const h = host(a.url) ? `host:${host(a.url)}` : null;
    for (const x of [name, h]) if (x) add(x);
    if (name && h) parent.set(find(h), find(name));
    return name ?? h;
  });
  // each outlet is called by a name when one is known
  const label = new Map<string, string>();
  for (const x of parent.keys()) {
    const r = find(x);
    if (x.startsWith('name:') && !label.get(r)?.startsWith('name:')) label.set(r, x);
    else if (!label.has(r)) label.set(r, x);
  }
  return new Map(articles.map((a, i) => [a.id, ids[i] ? label.get(find(ids[i]!))!.replace(/^(name|host):/, '') : null]));
}

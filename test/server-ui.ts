// Test helpers for the server suites: small distinct articles, and the web UI run in linkedom.
import { runInContext, createContext } from 'node:vm';
import { parseHTML } from 'linkedom';

const TOWNS = ['Portmere', 'Eastwick', 'Larkfield', 'Brennan Falls', 'Oakhaven', 'Sutter Bay'];
const WORKS = ['harbour bridge', 'central library', 'river ferry terminal', 'tram depot', 'water treatment plant'];

/** A short news text; different `n` give different texts (distinct numbers, towns and works). */
export function syntheticArticle(n: number): string {
  const town = TOWNS[n % TOWNS.length];
  const work = WORKS[Math.floor(n / TOWNS.length) % WORKS.length];
  return (
    `Title: ${town} ${work} reopens after repairs (${n})\nDate: 2024-03-${String((n % 27) + 1).padStart(2, '0')}\n\n` +
    `The ${work} in ${town} reopened on Monday after ${n + 3} months of repairs, the city council said. ` +
    `Mayor Alma Reyes said the works cost ${n + 12} million euros and came in under budget. ` +
    `Engineers expect about ${n + 40} thousand people a day to use the ${work} again, a council spokesman added.`
  );
}

/**
 * Load the web UI from a running server into linkedom, run its script against the real API,
 * open story `storyId` and return the dossier view element.
 */
export async function renderUi(base: string, storyId: string): Promise<Element> {
  const html = await (await fetch(base + '/')).text();
  const { document } = parseHTML(html);
  const ctx = createContext({ document, URL, URLSearchParams, setTimeout, console, fetch: (p: string, o?: RequestInit) => fetch(base + p, o) });
  // the page's scripts in the order it loads them, all sharing one global scope as in a browser
  for (const src of [...html.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1])) runInContext(await (await fetch(base + src)).text(), ctx);
  for (let i = 0; i < 600 && !document.querySelector('#view h1'); i++) await new Promise((r) => setTimeout(r, 50));
  await (ctx as { show: (id: string) => Promise<void> }).show(storyId);
  return document.querySelector('#view')!;
}

// The analyst workspace at scale: with N stored and analysed articles (default 2,000), how long the
// largest story's page takes to render in Debian's chromium (to its propagation picture) and how long
// full-text searches take through the API. Printed as one table row by `npm run bench`.
import { Store } from '../src/store/store.ts';
import { startServer } from '../src/server/server.ts';
import { runAnalysis } from '../src/service.ts';
import { launchBrowser } from '../test/browser.ts';
import type { Article } from '../src/model/article.ts';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => `${x.toFixed(0)} ms`;

async function timed<X>(fn: () => Promise<X>): Promise<[X, number]> {
  const t0 = performance.now();
  const x = await fn();
  return [x, performance.now() - t0];
}

/** Words to search for: the most frequent words capitalised inside sentences (names), so every query has hits. */
function queries(articles: Article[], n: number): string[] {
  const count = new Map<string, number>();
  for (const a of articles.slice(0, 400)) for (const w of a.text.match(/(?<=\p{Ll},? )\p{Lu}\p{Ll}{3,}\b/gu) ?? []) count.set(w, (count.get(w) ?? 0) + 1);
  return [...count.entries()].sort((a, b) => b[1] - a[1]).slice(0, n).map(([w]) => w);
}

export async function workspaceBench(articles: Article[]): Promise<string> {
  const store = await Store.open({ location: 'memory://' });
  for (const a of articles) await store.insertArticle(a);
  const an = await runAnalysis(store);
  const srv = await startServer(store, { port: 0, host: '127.0.0.1', log: () => {} });
  const browser = await launchBrowser();
  try {
    const story = [...an.events].sort((a, b) => b.articleIds.length - a.articleIds.length)[0];
    const page = await browser.newPage();
    const renders: number[] = [];
    for (let i = 0; i < 5; i++) {
      const [, t] = await timed(async () => {
        await page.goto(`${srv.url}/stories/${story.id}`);
        await page.waitForSelector('#view svg.propagation', { timeout: 30_000 });
      });
      renders.push(t);
    }
    const searches: number[] = [];
    for (const q of queries(articles, 20)) {
      const [res, t] = await timed(() => fetch(`${srv.url}/api/search?q=${encodeURIComponent(q)}`));
      if (!res.ok) throw new Error(`search "${q}" answered ${res.status}: ${await res.text()}`);
      await res.arrayBuffer();
      searches.push(t);
    }
    return `${String(articles.length).padStart(6)} stored | story page (${story.articleIds.length} articles) first ${ms(renders[0])}, median ${ms(median(renders.slice(1)))} | search median ${ms(median(searches))}, slowest ${ms(Math.max(...searches))} (${searches.length} queries)`;
  } finally {
    await browser.close();
    await srv.close();
    await store.close();
  }
}

// npm run screenshots: a PNG of each view of the web UI (stories, a story, the article reader at a
// citation, an entity, search) over the example corpus and the wire fixtures, so anyone can look at
// the UI without starting it. Writes into out/screenshots/ (or the folder given as the argument).
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launchBrowser, startUiServer } from '../test/browser.ts';

const dir = resolve(process.argv[2] ?? 'out/screenshots');
mkdirSync(dir, { recursive: true });
const [browser, srv] = await Promise.all([launchBrowser(), startUiServer()]);
try {
  const page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  const shot = async (name: string, path: string, ready: string) => {
    await page.goto(srv.url + path);
    await page.waitForSelector(ready, { timeout: 20_000 });
    await page.screenshot({ path: join(dir, `${name}.png`), fullPage: name !== 'article' });
    process.stderr.write(`wrote ${join(dir, name + '.png')} (${path})\n`);
  };
  const stories = (await (await fetch(srv.url + '/api/stories')).json()) as Array<{ id: string; articles: unknown[] }>;
  const story = stories.sort((a, b) => b.articles.length - a.articles.length)[0];
  await shot('stories', '/', '#view .story');
  await shot('story', `/stories/${story.id}`, '#view svg.propagation');
  const cite = await page.locator('#view .fact a.ref').first().getAttribute('href');
  // a person shows aliases and quotes; any entity when the story names no person
  const person = page.locator('#view tr:has(td:text-is("person")) a[href^="/entities/"]');
  const entity = await ((await person.count()) ? person : page.locator('#view a[href^="/entities/"]')).first().getAttribute('href');
  if (cite) await shot('article', cite, '#view .sent.cited');
  if (entity) await shot('entity', entity, '#view h1');
  await shot('search', '/search?q=Beijing', '#view h1');
} finally {
  await browser.close();
  await srv.close();
}

// The story workspace in Debian's chromium: a story opened by its URL, a citation followed to the
// highlighted sentence, the propagation picture, back/forward, search, a CSV download.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser, startUiServer, type UiServer } from './browser.ts';

let browser: Browser;
let srv: UiServer;
let page: Page;
let storyId: string;

before(async () => {
  [browser, srv] = await Promise.all([launchBrowser(), startUiServer()]);
  page = await browser.newPage();
  page.setDefaultTimeout(20_000);
  const stories = (await (await fetch(srv.url + '/api/stories')).json()) as Array<{ id: string; articles: unknown[] }>;
  storyId = stories.sort((a, b) => b.articles.length - a.articles.length)[0].id;
});
after(async () => {
  await browser?.close();
  await srv?.close();
});

test('browser: a story opens at its own URL with its propagation picture and sources table', async () => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${srv.url}/stories/${storyId}`);
  await page.waitForSelector('#view svg.propagation');
  const dossier = (await (await fetch(`${srv.url}/api/stories/${storyId}`)).json()) as { title: string; articleCount: number };
  assert.equal(await page.textContent('#view h1'), dossier.title);
  assert.equal(await page.locator('#view svg.propagation g.pub').count(), dossier.articleCount, 'one dot per publication');
  assert.equal(await page.locator('#view table.sources tr').count(), dossier.articleCount + 1, 'one sources row per article');
  const timeline = await page.locator('#view table.sources').innerText();
  assert.match(timeline, /first/, 'the first report of a lineage is named');
  assert.match(timeline, /Harbour Daily Courier/, 'the republication is shown');
  assert.match(timeline, /verbatim copy/);
  assert.deepEqual(errors, []);
});

test('browser: a citation opens the article reader at the cited sentence; back returns to the story', async () => {
  await page.goto(`${srv.url}/stories/${storyId}`);
  const cite = page.locator('#view .fact a.ref').first();
  const href = (await cite.getAttribute('href'))!;
  const m = /^\/articles\/([^?]+)\?s=(\d+)$/.exec(href);
  assert.ok(m, `citation link ${href}`);
  await cite.click();
  await page.waitForSelector('#view .reader .sent.cited');
  assert.equal(new URL(page.url()).pathname, `/articles/${m[1]}`);
  const reader = (await (await fetch(`${srv.url}/api/articles/${m[1]}/reader`)).json()) as { sentences: string[] };
  assert.equal(await page.textContent('#view .sent.cited'), reader.sentences[Number(m[2])]);
  await page.goBack();
  await page.waitForSelector('#view svg.propagation');
  assert.equal(new URL(page.url()).pathname, `/stories/${storyId}`);
  await page.goForward();
  await page.waitForSelector('#view .sent.cited');
});

test('browser: search from the header lists matching articles, each linked to its reader', async () => {
  await page.goto(srv.url + '/');
  await page.fill('header input[name=q]', 'Harbin');
  await page.press('header input[name=q]', 'Enter');
  await page.waitForSelector('#view ul.hits li a');
  assert.equal(new URL(page.url()).pathname, '/search');
  const hits = await page.locator('#view ul.hits li a').allInnerTexts();
  assert.ok(hits.some((h) => /joint statement/.test(h)), hits.join(' | '));
});

test('browser: the story CSV downloads with one row per article', async () => {
  await page.goto(`${srv.url}/stories/${storyId}`);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#view a.csv[href*="articles.csv"]')]);
  const csv = readFileSync((await download.path())!, 'utf8').trim().split(/\r?\n/);
  const dossier = (await (await fetch(`${srv.url}/api/stories/${storyId}`)).json()) as { articleCount: number };
  assert.equal(csv.length, dossier.articleCount + 1, csv[0]);
  assert.match(csv[0], /id/);
});

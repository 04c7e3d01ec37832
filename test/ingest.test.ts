import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument, detectFormat, InputError } from '../src/ingest/parse.ts';
import { cleanParagraphs } from '../src/ingest/clean.ts';
import { SEEDS, FIXTURES, seedArticles } from './helpers.ts';

const seed = (n: string) => seedArticles().find((a) => a.label.startsWith(n + '_'))!;

test('plain text: repeated title is found once and removed from the body, with nav labels and the photo credit', () => {
  const a = seed('000');
  assert.equal(a.title, 'Putin’s China Visit: As Moscow Eyes Mars, Beijing Wants Beans');
  assert.ok(!a.text.includes('Beijing Wants Beans'), 'title not repeated in body');
  assert.ok(!a.text.includes('Recent Features'));
  assert.ok(!a.text.includes('China Power | Diplomacy'));
  assert.ok(!a.text.includes('Credit: Russian Presidential'));
  assert.ok(!a.text.includes('(left) escorts'), 'photo caption removed');
  assert.ok(a.text.startsWith('Russia and China both see advantages'));
  const kinds = a.removed.map((r) => r.kind);
  assert.ok(kinds.includes('credit') && kinds.includes('caption') && kinds.includes('repeated-title') && kinds.includes('nav'));
});

test('plain text: donation appeal, "Read more" and "Continue" are stripped but kept as removed text', () => {
  const a = seed('003');
  assert.equal(a.title, 'Putin Arrives in Beijing Seeking Diplomatic, Economic Support from ‘Dear Friend’ Xi');
  for (const s of ['small favor to ask', 'Your support, no matter how small', 'refuse to be silenced', 'Read more', 'Support The Moscow Times!']) {
    assert.ok(!a.text.includes(s), `body still contains "${s}"`);
    assert.ok(a.removed.some((r) => r.text.includes(s)), `"${s}" not kept in removed`);
  }
  assert.ok(a.text.trimEnd().endsWith('Gabuev said.'));
  assert.equal(a.outlet, 'The Moscow Times', 'outlet recognised from its own appeal');
  assert.ok(!a.text.includes('Artyom Ivanov / TASS'), 'photo credit removed');
});

test('plain text: a leading "date" header becomes the publication date; a credit line is removed', () => {
  assert.equal(seed('001').publishedAt, '2024-05-21T00:00:00.000Z');
  assert.ok(seed('001').text.startsWith('Russian President Vladimir Putin'));
  assert.ok(!seed('002').text.includes('Liu Wenbing AP/TT'));
  assert.ok(!seed('004').text.includes('The article has contributions from'));
});

test('cleaner keeps real sentences that merely mention support or credit', () => {
  const r = cleanParagraphs([
    'Minister backs plan',
    'The minister said she would support the plan, which gives credit to small firms.',
    'Analysts said the support package was worth $2 billion and would run for three years.',
  ]);
  assert.equal(r.title, 'Minister backs plan');
  assert.equal(r.paragraphs.length, 2);
});

test('format detection', () => {
  assert.equal(detectFormat('<?xml version="1.0"?><rss version="2.0"></rss>'), 'rss');
  assert.equal(detectFormat('<feed xmlns="http://www.w3.org/2005/Atom"></feed>'), 'atom');
  assert.equal(detectFormat('<!doctype html><html><body><p>x</p></body></html>'), 'html');
  assert.equal(detectFormat('Just some words.\nMore words.'), 'text');
});

test('HTML: Readability extracts the article, metadata, and drops caption, nav and appeal', () => {
  const { articles } = parseDocument(readFileSync(join(FIXTURES, 'article.html'), 'utf8'), 'article.html');
  assert.equal(articles.length, 1);
  const a = articles[0];
  assert.equal(a.format, 'html');
  assert.match(a.title!, /Harbor cranes idle/);
  assert.equal(a.outlet, 'Coastal Tribune');
  assert.equal(a.publishedAt, '2025-03-04T08:30:00.000Z');
  assert.equal(a.url, 'https://coastal-tribune.example/news/port-strike');
  assert.match(a.text, /42 container ships/);
  assert.match(a.text, /Tomas Lindqvist/);
  assert.ok(!a.text.includes('Read more'));
  assert.ok(!a.text.includes('become a member'));
  assert.ok(!a.text.includes('Lee Park / Reuters'));
  assert.ok(a.removed.some((r) => r.kind === 'caption' && r.text.includes('Idle cranes')));
});

test('RSS: items become articles; an item without content is reported, not silently dropped', () => {
  const { articles, errors } = parseDocument(readFileSync(join(FIXTURES, 'feed.rss'), 'utf8'), 'feed.rss');
  assert.equal(articles.length, 1);
  assert.equal(articles[0].format, 'rss');
  assert.equal(articles[0].title, 'Bridge closure extended after inspection finds cracks');
  assert.equal(articles[0].outlet, 'Valley Courier');
  assert.equal(articles[0].author, 'Ravi Menon');
  assert.equal(articles[0].publishedAt, '2025-03-04T10:00:00.000Z');
  assert.equal(articles[0].url, 'https://valley-courier.example/bridge-closure');
  assert.match(articles[0].text, /9,000 vehicles/);
  assert.equal(errors.length, 1);
  assert.match(errors[0].message, /feed\.rss#item-2: item "Empty item" has no content/);
});

test('Atom: entries become articles with escaped HTML content decoded', () => {
  const { articles } = parseDocument(readFileSync(join(FIXTURES, 'feed.atom'), 'utf8'), 'feed.atom');
  assert.equal(articles.length, 1);
  assert.equal(articles[0].format, 'atom');
  assert.equal(articles[0].outlet, 'Northern Ledger');
  assert.equal(articles[0].author, 'Ines Alvarez');
  assert.equal(articles[0].url, 'https://northern-ledger.example/four-day-week');
  assert.match(articles[0].text, /voted 5-2 on Tuesday/);
  assert.ok(!articles[0].text.includes('<p>'));
});

test('bad input gets a clear error', () => {
  assert.throws(() => parseDocument('', 'empty.txt'), (e: Error) => e instanceof InputError && /empty\.txt: empty input/.test(e.message));
  assert.throws(() => parseDocument('a\u0000b', 'bin.dat'), /binary/);
  assert.throws(() => parseDocument(readFileSync(join(FIXTURES, 'short.txt'), 'utf8'), 'short.txt'), /only 6 words of article text/);
  assert.throws(() => parseDocument(readFileSync(join(FIXTURES, 'broken.rss'), 'utf8'), 'broken.rss'), InputError);
  assert.throws(() => parseDocument('<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>', 'none.rss'), /no items/);
});

test('all five seeds parse', () => {
  assert.equal(seedArticles().length, 5);
  assert.ok(SEEDS.endsWith('seeds'));
  for (const a of seedArticles()) assert.ok(a.text.split(/\s+/).length > 500, a.label);
});

test('a one-sentence report handed in as text is kept; the same words as a web page are not an article', () => {
  const flash = 'Police arrested the mayor of Portmere on Tuesday on suspicion of fraud.';
  const [a] = parseDocument(flash, 'flash.txt').articles;
  assert.equal(a.text, flash);
  assert.throws(() => parseDocument(`<html><body><p>${flash}</p></body></html>`, 'flash.html'), /only 12 words of article text after cleaning \(need at least 25\)/);
});

test('a database directory inside a folder being ingested is skipped with a warning, never read as articles', async () => {
  const { mkdtempSync, mkdirSync, writeFileSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { Store } = await import('../src/store/store.ts');
  const { ingestPaths } = await import('../src/ingest/ingest.ts');
  const dir = mkdtempSync(join(tmpdir(), 'newsprov-dbdir-'));
  try {
    writeFileSync(join(dir, 'report.txt'), readFileSync(join(SEEDS, '000_ce08b16c3fe969d8.txt')));
    mkdirSync(join(dir, 'db'));
    writeFileSync(join(dir, 'db', 'PG_VERSION'), '17\n');
    writeFileSync(join(dir, 'db', 'postmaster.opts'), 'postgres "-D" "/tmp/db" "-c" "listen_addresses=127.0.0.1" "-p" "5432" "-c" "fsync=off"');
    const store = await Store.open({ location: 'memory://' });
    try {
      const r = await ingestPaths(store, [dir]);
      assert.equal(r.inserted.length, 1);
      assert.equal(r.errors.length, 0);
      assert.deepEqual(r.warnings, [{ origin: join(dir, 'db'), warning: 'a database directory, not articles: skipped' }]);
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

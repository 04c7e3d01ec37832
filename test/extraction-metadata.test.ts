// Metadata of HTML pages: publication dates (kept as written), titles without site names, author lists, outlet.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument } from '../src/ingest/parse.ts';
import { findDate, formatTimestamp } from '../src/ingest/dates/parse.ts';
import { toIsoDate } from '../src/ingest/metadata.ts';
import { stripSiteName } from '../src/ingest/meta/title.ts';
import { splitAuthors } from '../src/ingest/meta/author.ts';
import { FIXTURES } from './helpers.ts';
import { Store } from '../src/store/store.ts';
import { toArticle } from '../src/ingest/article.ts';
import { publishedTime } from '../src/model/article.ts';

const BODY = '<article><p>' + 'The council voted on Tuesday to extend the night bus network to the northern districts after complaints. '.repeat(3) + '</p></article>';
const page = (head: string, body = BODY, url: string | null = null) =>
  parseDocument(`<!DOCTYPE html><html><head>${head}</head><body>${body}</body></html>`, 'page.html', { format: 'html', url }).articles[0];

test('dates: the offset is kept as written, so the calendar day is the page\'s own', () => {
  const a = parseDocument(readFileSync(join(FIXTURES, 'extraction', 'news.html'), 'utf8'), 'news.html', { format: 'html' }).articles[0];
  assert.equal(a.publishedAt, '2024-05-16T23:30:00.000+02:00', 'JSON-LD @graph datePublished, not shifted to 21:30 UTC and not replaced by dateModified');
  assert.equal(toIsoDate('2024-05-16T23:30:00+02:00'), '2024-05-16T23:30:00.000+02:00');
  assert.equal(toIsoDate('Tue, 04 Mar 2025 10:00:00 GMT'), '2025-03-04T10:00:00.000Z');
  assert.equal(toIsoDate('Thu, 16 May 2024 23:30:00 -0500'), '2024-05-16T23:30:00.000-05:00');
  assert.equal(toIsoDate('Thu, 16 May 2024 23:30:00 EDT'), '2024-05-16T23:30:00.000-04:00', 'RFC 822 zone names');
  assert.equal(toIsoDate('16.05.2024, 12:30 Uhr MESZ'), '2024-05-16T12:30:00.000+02:00');
});

test('dates: every common meta tag is read', () => {
  for (const [attr, name] of [
    ['property', 'article:published_time'], ['property', 'og:published_time'], ['name', 'date'], ['name', 'dc.date'], ['name', 'DC.date.issued'],
    ['name', 'dcterms.created'], ['name', 'sailthru.date'], ['name', 'parsely-pub-date'], ['name', 'pubdate'], ['name', 'publish-date'],
    ['name', 'citation_publication_date'], ['itemprop', 'datePublished'],
  ]) {
    assert.equal(page(`<meta ${attr}="${name}" content="2023-11-08T09:15:00+01:00">`).publishedAt, '2023-11-08T09:15:00.000+01:00', name);
  }
});

test('dates: <time> in the article, the URL, and dates printed near the headline (German, French, English forms)', () => {
  const withTime = `<article><header><h1>Headline</h1><time datetime="2022-01-26">26. Januar 2022</time></header>${BODY}</article>`;
  assert.equal(page('', withTime).publishedAt, '2022-01-26T00:00:00.000Z');
  assert.equal(page('', BODY, 'https://example.org/news/2024/05/16/story.html').publishedAt, '2024-05-16T00:00:00.000Z');
  assert.equal(page('', BODY, 'https://example.org/news/16-05-2024-story').publishedAt, '2024-05-16T00:00:00.000Z');
  for (const [printed, day] of [['Veröffentlicht am 16. Mai 2024, 14:30 Uhr', '2024-05-16T14:30'], ['16.05.2024', '2024-05-16'], ['le 3 févr. 2021', '2021-02-03'], ['May 3, 2021 at 5:04 pm', '2021-05-03T17:04']]) {
    const p = page('', `<h1>Headline</h1><div class="post-date">${printed}</div>${BODY}`);
    assert.ok(p.publishedAt?.startsWith(day), `${printed} → ${p.publishedAt}`);
  }
});

test('dates: modified dates never replace published ones, and are not taken for them', () => {
  const both = '<meta property="article:modified_time" content="2024-06-01T10:00:00Z"><meta property="article:published_time" content="2024-05-02T08:00:00Z">';
  assert.equal(page(both).publishedAt, '2024-05-02T08:00:00.000Z');
  assert.equal(page('<meta property="article:modified_time" content="2024-06-01T10:00:00Z">').publishedAt, null);
  const updatedLine = `<h1>Headline</h1><p class="updated">Aktualisiert am 02.06.2024</p>${BODY}`;
  assert.equal(page('', updatedLine).publishedAt, null);
});

test('dates: impossible calendar dates are refused with a warning, never rolled over; years and the future are no days', () => {
  const feb30 = page('<meta property="article:published_time" content="2024-02-30T10:00:00Z">');
  assert.equal(feb30.publishedAt, null, 'not 2024-03-01');
  assert.match(feb30.warnings.join('\n'), /article:published_time: "2024-02-30" is not a calendar date/);
  const zero = page('<meta property="article:published_time" content="-0001-11-30T00:00:00+00:00"><meta name="date" content="2019-10-19">');
  assert.equal(zero.publishedAt, '2019-10-19T00:00:00.000Z');
  assert.match(zero.warnings.join('\n'), /negative year/);
  assert.equal(page('<meta name="date" content="2024">').publishedAt, null, 'a bare year is not a day');
  assert.equal(page('<meta name="date" content="2999-01-01">').publishedAt, null);
  assert.equal(page('<meta name="date" content="1985-06-01">').publishedAt, null, 'no web page before 1990');
  assert.equal(toIsoDate('2024-02-30'), null);
});

test('dates: a UTC timestamp one day off the URL\'s day keeps its instant on the URL\'s day', () => {
  const p = page('<meta property="article:published_time" content="2023-11-09T01:49:09Z">', BODY, 'https://news.example/2023/11/08/story/');
  assert.equal(p.publishedAt, '2023-11-08T23:49:09.000-02:00');
  assert.equal(Date.parse(p.publishedAt!), Date.parse('2023-11-09T01:49:09Z'));
});

test('date strings: numeric orders, month names in several languages, times and zones', () => {
  const day = (s: string, monthFirst = false) => {
    const r = findDate(s, { monthFirst });
    return r && !('invalid' in r) ? formatTimestamp(r) : r;
  };
  assert.equal(day('16. Mai 2024'), '2024-05-16T00:00:00.000Z');
  assert.equal(day('16 maja 2024'), '2024-05-16T00:00:00.000Z');
  assert.equal(day('16 de mayo de 2024'), '2024-05-16T00:00:00.000Z');
  assert.equal(day('2024年5月16日'), '2024-05-16T00:00:00.000Z');
  assert.equal(day('05/06/2024'), '2024-06-05T00:00:00.000Z');
  assert.equal(day('05/06/2024', true), '2024-05-06T00:00:00.000Z');
  assert.equal(day('06/25/2024'), '2024-06-25T00:00:00.000Z', 'a day over 12 settles the order');
  assert.equal(day('2019-10-16T08:30:00.123+0530'), '2019-10-16T08:30:00.123+05:30');
  assert.deepEqual(day('31.04.2023'), { invalid: '"31.04.2023" is not a calendar date (2023-04 has no day 31)' });
  assert.equal(day('Version 2.4.1 released'), null);
  const ru = findDate('Опубликовано 16 мая 2024, 14:30', { lang: 'ru-RU' });
  assert.equal(ru && !('invalid' in ru) ? formatTimestamp(ru) : ru, '2024-05-16T14:30:00.000Z', 'other languages through chrono-node');
});

test('titles: site names and breadcrumbs are cut; the <h1> that matches a title wins', () => {
  assert.equal(page('<title>Harbor cranes idle | Coastal Tribune</title><meta property="og:site_name" content="Coastal Tribune">').title, 'Harbor cranes idle');
  assert.equal(page('<title>ZEIT ONLINE - Politik - Harbor cranes idle</title>', BODY, 'https://www.zeit.de/x').title, 'Politik - Harbor cranes idle');
  assert.equal(page('<title>Harbor cranes idle - Coastal Tribune</title>', `<h1>Harbor cranes idle</h1>${BODY}`).title, 'Harbor cranes idle');
  assert.equal(page('<title>Home</title><meta property="og:title" content="Port strike: day eight">', `<h1>Port strike: day eight</h1>${BODY}`).title, 'Port strike: day eight');
  assert.equal(stripSiteName('Corona - was jetzt gilt', ['Tagesblatt']), 'Corona - was jetzt gilt', 'a dash inside a headline stays');
  const kicker = '<h1><span class="kicker">Klimaschutz</span><span class="sr-only">: </span><span class="title">Bohren, bis es heiß wird</span></h1>';
  assert.equal(page('<title>Klimaschutz: Bohren, bis es heiß wird | ZEIT ONLINE</title>', kicker + BODY).title, 'Bohren, bis es heiß wird', 'the kicker in its own element is not the headline');
  const blog = '<h2 class="entry-title">Podcasts in Plex einbinden</h2>';
  assert.equal(page('<title>Time 4 talks » Blog Archiv » Podcasts in Plex einbinden</title>', blog + BODY).title, 'Podcasts in Plex einbinden', 'an h2 that is one part of the title');
});

test('authors: a list of names without byline words, dates, roles or "and"', () => {
  assert.deepEqual(splitAuthors('By Jane Doe and John Roe | May 3, 2024'), ['Jane Doe', 'John Roe']);
  assert.deepEqual(splitAuthors('Von Fiona Bornhöft und Mariam Hofbeck'), ['Fiona Bornhöft', 'Mariam Hofbeck']);
  assert.deepEqual(splitAuthors('Jane Doe, Senior Editor'), ['Jane Doe']);
  assert.deepEqual(splitAuthors('https://www.facebook.com/jane.doe'), []);
  const ld = '<script type="application/ld+json">{"@type":"NewsArticle","author":[{"@type":"Person","name":"Ana Lima"},{"@type":"Person","name":"Rui Costa"}],"publisher":{"@type":"Organization","name":"Diário Exemplo"}}</script>';
  const a = page(ld, BODY, 'https://www.diario.example/x');
  assert.equal(a.author, 'Ana Lima; Rui Costa');
  assert.equal(a.outlet, 'Diário Exemplo');
  assert.equal(page('', BODY, 'https://www.some-paper.example/x').outlet, 'some-paper.example', 'host name when the page names no site');
  const byline = `<div class="post-author">Veröffentlicht von<a href="/u/cj">Chris Jung</a></div>${BODY}<section id="comments"><div class="comment-author">Anna sagt:</div><form><label class="author">Name *</label></form></section>`;
  assert.equal(page('', byline).author, 'Chris Jung', 'the byline element, not comment authors or form labels');
});

test('a timestamp with its offset survives the store, and times still sort as instants', async () => {
  const late = page('<meta property="article:published_time" content="2024-05-17T00:30:00+02:00">');
  const store = await Store.open({ location: 'memory://' });
  try {
    await store.insertArticle(toArticle(late));
    const [back] = await store.listArticles();
    assert.equal(back.publishedAt, '2024-05-17T00:30:00.000+02:00', 'still 17 May, not 16 May 22:30 UTC');
  } finally {
    await store.close();
  }
  const stamps = ['2024-05-17T00:30:00.000+02:00', '2024-05-16T23:00:00.000Z', null, '2024-05-16T20:00:00.000-05:00'];
  const sorted = [...stamps].sort((a, b) => publishedTime(a) - publishedTime(b));
  // 22:30 UTC, 23:00 UTC, 01:00 UTC the next day, undated
  assert.deepEqual(sorted, ['2024-05-17T00:30:00.000+02:00', '2024-05-16T23:00:00.000Z', '2024-05-16T20:00:00.000-05:00', null]);
});

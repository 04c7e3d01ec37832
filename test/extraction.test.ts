// Main-text extraction from HTML pages: structure, boilerplate, candidates, page skeleton, scripts without spaces.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseDocument, InputError } from '../src/ingest/parse.ts';
import { htmlToParagraphs } from '../src/ingest/html.ts';
import { loadDocument } from '../src/ingest/extract/dom.ts';
import { makeCandidate } from '../src/ingest/extract/candidates.ts';
import { chooseCandidate } from '../src/ingest/extract/choose.ts';
import { blocksOf } from '../src/ingest/extract/blocks.ts';
import { FIXTURES } from './helpers.ts';

const fixture = (name: string) => readFileSync(join(FIXTURES, 'extraction', name), 'utf8');
const page = (html: string, url: string | null = null) => parseDocument(html, 'page.html', { format: 'html', url }).articles[0];
const PROSE =
  'The council voted on Tuesday to extend the night bus network to the northern districts, after two years of complaints from shift workers who had no way home. ';

test('news page: the article with its lead, without menu, cookie notice, share bar, byline, newsletter, comments or footer', () => {
  const a = page(fixture('news.html'));
  assert.ok(a.text.startsWith('Im Hafen von Westhaven liegen seit acht Tagen'), 'lead paragraph outside the body container is kept');
  assert.match(a.text, /Ein Sprecher der Reedereien/);
  for (const gone of ['Cookies', 'Start', 'Teilen', 'Von Jana Doe', '16. Mai 2024', 'Newsletter', 'Leser123', 'Hafenstraße', 'Mehr zum Thema', 'Pendler', 'Wirtschaft\n']) {
    assert.ok(!a.text.includes(gone), `"${gone}" should be gone`);
  }
  const kinds = new Map(a.removed.map((r) => [r.text, r.kind]));
  assert.equal(kinds.get('Von Jana Doe und Jon Roe'), 'byline');
  assert.equal(kinds.get('Mehr zum Thema'), 'related');
  assert.ok(a.removed.some((r) => r.kind === 'consent' && r.text.includes('Cookies')));
  assert.ok(a.removed.some((r) => r.kind === 'comments' && r.text.includes('Leser123')));
  assert.ok(a.removed.some((r) => r.kind === 'appeal' && r.text.includes('Newsletter')));
  assert.ok(a.removed.some((r) => r.kind === 'caption' && r.text.includes('Stillstehende Kräne')));
});

test('tables stay as rows, one line each, cells separated by a tab', () => {
  const a = page(fixture('news.html'));
  assert.match(a.text, /\nTerminal\tSchiffe\n\nNordkai\t17\n\nSüdkai\t25\n/);
  assert.ok(!a.removed.some((r) => r.text.includes('Nordkai')));
});

test('text standing directly in a container after a heading is kept', () => {
  const a = page(fixture('news.html'));
  assert.match(a.text, /Was die Gewerkschaft fordert\n\nDie Gewerkschaft verlangt eine Garantie/);
});

test('soft hyphens and zero-width spaces are removed; <br> and block boundaries never glue words', () => {
  const a = page(fixture('news.html'));
  assert.match(a.text, /Die Gewerkschaft der Hafenarbeiter teilte mit, dass sich 3\.100 Mitglieder dem Ausstand angeschlossen/);
  assert.ok(!/[\u00AD\u200B]/.test(a.text));
  assert.match(a.text, /am Tag\. Sie rief/);
  const { paras } = htmlToParagraphs('<div>Miami, FL<br>June 3, 2024</div><div><span>Tampa</span><div>Orlando</div></div>');
  assert.deepEqual(paras, ['Miami, FL\nJune 3, 2024', 'Tampa', 'Orlando']);
});

test('a Readability pick elsewhere on the page (a service box) does not replace the named recipe container', () => {
  const a = page(fixture('recipe.html'));
  assert.match(a.text, /250 g butter/);
  assert.match(a.text, /Bake for 25 minutes at 180 °C/);
  assert.ok(!a.text.includes('customer service'), a.text);
  assert.ok(!a.text.includes('Prep time'), 'recipe meta line is not body text');
  assert.ok(a.removed.some((r) => r.kind === 'boilerplate' && r.text.startsWith('Our customer service')), 'text outside the article is kept on record');
});

test('candidate choice: Readability replaces a container it contains and far exceeds, not one it misses', () => {
  const other = PROSE.replace('council', 'board');
  const document = loadDocument(`<body><div id="a"><p>${PROSE.repeat(3)}</p></div><div id="b"><p>${other.repeat(4)}</p><p>${other.repeat(3)}</p></div></body>`);
  const a = document.querySelector('#a')!;
  const b = document.querySelector('#b')!;
  const ctx = { authors: [] };
  const named = makeCandidate('content-hint', blocksOf(a), ctx);
  const body = makeCandidate('body', blocksOf(document.body!), ctx);
  const elsewhere = makeCandidate('readability', blocksOf(b), ctx);
  const superset = makeCandidate('readability', blocksOf(document.body!), ctx);
  assert.ok(chooseCandidate([named, body], elsewhere) === named, 'named container kept');
  assert.ok(chooseCandidate([named, body], superset) === superset, 'Readability superset taken');
  assert.ok(chooseCandidate([body], elsewhere) === elsewhere, 'with nothing but the whole page, Readability decides');
});

test('a page whose <body> linkedom would misplace (PHP warnings before <html>, "<body" in a script string) is read', () => {
  const a = page(fixture('stray-body.html'));
  assert.match(a.text, /Malaga ist die zweitgrößte Stadt Andalusiens/);
  assert.match(a.text, /hinunter zur Kathedrale\.$/);
  assert.equal(a.title, 'Malaga, die quirlige Metropole in Andalusien');
  const d = loadDocument('<style></style><title>T</title></head><body><p>Inside</p></body></html>');
  assert.equal(d.body?.textContent?.trim(), 'Inside');
  assert.equal(d.documentElement.tagName.toLowerCase(), 'html');
});

test('pages in scripts without spaces are measured in characters, not rejected', () => {
  const zh = '武汉的父母们总要万般无奈而又小心翼翼回应着孩子天真的追问。即便日常已改变了模样，但生活依然要继续。纵然已有焦虑煎熬，但内心仍需要坚强。';
  const a = page(`<html lang="zh"><head><title>武汉的声音</title></head><body><article><p>${zh}</p></article></body></html>`);
  assert.equal(a.text, zh);
  const ja = '<p>子<ruby>供<rt>ども</rt></ruby>への虐待をなくすための法律ができて、親が子どもを教育するために、たたいたり蹴ったりする体罰を禁止することになりました。新しい法律は来年から始まります。</p>';
  assert.match(page(`<html><body><article>${ja}</article></body></html>`).text, /^子供への虐待をなくすための法律/, 'ruby readings are not text');
  assert.throws(() => page('<html><body><p>短い文章です。</p></body></html>'), (e: Error) => e instanceof InputError && /only 6 characters of article text/.test(e.message));
});

test('a wrapper named like boilerplate that holds the article is kept; Drupal "label-hidden" fields are not hidden', () => {
  const html = `<html><body><div class="entry share"><h1>Title here</h1><p>${PROSE}</p><p>${PROSE}</p></div>
    <div class="field field--label-hidden"><p>${PROSE.replace('council', 'mayor')}</p></div>
    <div class="share-buttons"><a href="/x">Share on X</a></div></body></html>`;
  const a = page(html);
  assert.match(a.text, /The council voted/);
  assert.match(a.text, /The mayor voted/);
  assert.ok(!a.text.includes('Share on X'));
});

test('hidden elements, link lists and headings left over a removed section are taken out and kept on record', () => {
  const html = `<html><body><main><h1>Title here</h1><p>${PROSE}</p>
    <div style="display:none"><p>Hidden promotional text that the reader never sees on the page at all.</p></div>
    <h3>You might also like</h3><ul><li><a href="/1">One story</a></li><li><a href="/2">Another story</a></li></ul>
    <p>23.10.2018</p></main></body></html>`;
  const a = page(html);
  assert.equal(a.text, PROSE.trim());
  const kinds = Object.fromEntries(a.removed.map((r) => [r.text, r.kind]));
  assert.equal(kinds['You might also like'], 'related');
  assert.equal(kinds['One story'], 'related');
  assert.equal(kinds['23.10.2018'], 'byline');
  assert.match(a.removed.find((r) => r.kind === 'hidden')!.text, /Hidden promotional text/);
});

test('date and byline lines go only at the head or foot of the piece; a timeline inside it stays', () => {
  const para = (n: number) => `<p>${PROSE.replace('Tuesday', `day ${n}`)}</p>`;
  const html = `<html><body><article><h1>Title here</h1><p class="date">12.05.2024</p>${para(1)}${para(2)}${para(3)}${para(4)}
    <p>12.05.2024: Der Vertrag wird unterzeichnet.</p><p>13.05.2024: Der Bau beginnt.</p>${para(5)}${para(6)}${para(7)}${para(8)}${para(9)}</article></body></html>`;
  const a = page(html);
  assert.match(a.text, /12\.05\.2024: Der Vertrag wird unterzeichnet\.\n\n13\.05\.2024: Der Bau beginnt\./);
  assert.ok(!a.text.startsWith('12.05.2024'), 'the date line under the headline is gone');
});

test('a closing paragraph asking readers to follow the outlet on several platforms is not article text', () => {
  const a = page(`<html><body><article><p>${PROSE}</p><p>${PROSE.replace('council', 'mayor')}</p>
    <p>Follow us on Twitter and Instagram and like our Facebook page for the latest news.</p></article></body></html>`);
  assert.ok(!a.text.includes('Follow us'));
  assert.ok(a.removed.some((r) => r.kind === 'share' && r.text.startsWith('Follow us')));
});

// Bounded work per input: nesting capped before HTML parsing, parsing in worker threads with a
// time budget, and one entry point (ingestBytes) that files, stdin and HTTP bodies share.
import type { ArticleFeatures } from '../src/model/features.ts';
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { capNesting, MAX_HTML_DEPTH } from '../src/ingest/depth.ts';
import { ParsePool, closeParsePool } from '../src/ingest/pool.ts';
import { ingestBytes, ingestContent, ingestPaths, emptyReport } from '../src/ingest/ingest.ts';
import { InputError } from '../src/model/article.ts';
import type { Article } from '../src/model/article.ts';
import type { Store } from '../src/store/store.ts';
import { encodeLegacy } from './fixtures/legacy-encode.ts';
import { ROOT } from './helpers.ts';

after(() => closeParsePool());

const PARA = '<p>The port authority said on Monday that 42 container ships were waiting outside the harbour as the strike entered its second week.</p>';
const deepPage = (n: number) => `<!doctype html><html><head><title>Deep</title></head><body>${'<div>'.repeat(n)}${PARA.repeat(3)}${'</div>'.repeat(n)}</body></html>`;
/** Many blocks, each nested up to the cap: legal, but Readability needs seconds for it (the budgets below are 1 s). */
const slowPage = (blocks = 600) => `<html><body>${('<div>'.repeat(MAX_HTML_DEPTH - 4) + PARA + '</div>'.repeat(MAX_HTML_DEPTH - 4)).repeat(blocks)}</body></html>`;

/** The Store methods ingestion uses, in memory (features computed with the parsing are kept too). */
function memoryStore() {
  const articles: Article[] = [];
  const features: ArticleFeatures[] = [];
  const errors: Array<{ origin: string; reason: string; raw: string | null }> = [];
  const store = {
    async insertArticle(a: Article) {
      if (articles.some((x) => x.contentHash === a.contentHash)) return false;
      articles.push(a);
      return true;
    },
    async recordError(origin: string, reason: string, raw: string | null) {
      errors.push({ origin, reason, raw });
    },
    features: {
      async save(fs: ArticleFeatures[]) {
        features.push(...fs);
      },
    },
  };
  return { articles, errors, store: store as unknown as Store };
}

test('nesting deeper than the cap is flattened in one pass: tags dropped, text kept', () => {
  const r = capNesting(deepPage(2500));
  // <html> and <body> take two levels; the three <p>s inside are flattened too
  assert.equal(r.flattened, 2500 - (MAX_HTML_DEPTH - 2) + 3);
  assert.equal((r.html.match(/<div>/g) ?? []).length, MAX_HTML_DEPTH - 2);
  assert.equal((r.html.match(/<p>/g) ?? []).length, 0, 'paragraphs beyond the cap lose their tags …');
  assert.equal((r.html.match(/42 container ships/g) ?? []).length, 3, '… but not their text');
});

test('the cap leaves real pages untouched and reads HTML as a browser does', () => {
  const page = `<html><body><ul><li>one<li>two<li>three</ul><p>a<p>b<script>if (a<b) document.write("<div><div><div>")</script><svg><path/><path/></svg><img src="x"></body></html>`;
  assert.equal(capNesting(page).html, page);
  assert.equal(capNesting(page, 4).flattened, 0, 'implicitly closed <li>/<p>, void elements, self-closed SVG and script text add no depth');
  assert.equal(capNesting(`${'<div/>'.repeat(10)}text`, 4).flattened, 6, '<div/> opens a div in HTML');
  assert.equal(capNesting(capNesting('<div><svg><x/>', 1).html, 1).flattened, 0, 'outside a kept <svg>, "<x/>" opens an element');
  const attr = `<div title="a > b">${'<span>'.repeat(6)}x</div>`;
  assert.equal(capNesting(attr, 3).flattened, 4, 'a ">" inside a quoted attribute does not end the tag');
});

test('2,500 nested <div>s parse within the budget and give the article, with a warning', async () => {
  const pool = new ParsePool({ size: 1, budgetMs: 20_000 });
  try {
    const doc = await pool.parse(deepPage(2500), 'deep.html');
    assert.equal(doc.articles.length, 1);
    assert.match(doc.articles[0].text, /42 container ships/);
    assert.equal(doc.articles[0].raw, deepPage(2500), 'the article keeps the page as it came');
    assert.equal(doc.warnings[0], `2441 element(s) nested deeper than ${MAX_HTML_DEPTH} levels flattened (their text is kept)`);
  } finally {
    await pool.close();
  }
});

test('a document over its time budget is rejected with the reason; the next one in the pool still parses', async () => {
  const pool = new ParsePool({ size: 1, budgetMs: 1000 });
  try {
    await assert.rejects(pool.parse(slowPage(), 'slow.html'), (e: Error) => e instanceof InputError && e.message === 'slow.html: parsing took longer than 1 s; gave up (the limit is set by NEWSPROV_PARSE_TIMEOUT)');
    const ok = await pool.parse(`<html><body>${PARA.repeat(2)}</body></html>`, 'ok.html');
    assert.match(ok.articles[0].text, /42 container ships/);
  } finally {
    await pool.close();
  }
});

test('parsing does not block the event loop', async () => {
  const { store } = memoryStore();
  let ticks = 0;
  const timer = setInterval(() => ticks++, 10);
  const started = Date.now();
  await ingestContent(store, slowPage(60), 'slow.html', emptyReport());
  clearInterval(timer);
  const elapsed = Date.now() - started;
  assert.ok(elapsed < 200 || ticks >= 5, `only ${ticks} timer ticks in ${elapsed} ms of parsing`);
});

test('a batch goes on past a slow document; the slow one is kept raw in ingest_errors', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'newsprov-budget-'));
  writeFileSync(join(dir, 'a-slow.html'), slowPage());
  writeFileSync(join(dir, 'b-good.txt'), `Strike talks resume\n\n${PARA.replace(/<\/?p>/g, '')} Union leaders said they were ready to talk.`);
  const prev = process.env.NEWSPROV_PARSE_TIMEOUT;
  process.env.NEWSPROV_PARSE_TIMEOUT = '1';
  await closeParsePool();
  try {
    const { store, articles, errors } = memoryStore();
    const report = await ingestPaths(store, [dir], { progress: false });
    assert.deepEqual(report.errors.map((e) => e.reason), [`${join(dir, 'a-slow.html')}: parsing took longer than 1 s; gave up (the limit is set by NEWSPROV_PARSE_TIMEOUT)`]);
    assert.equal(errors[0].raw, slowPage());
    assert.deepEqual(articles.map((a) => a.title), ['Strike talks resume']);
  } finally {
    if (prev === undefined) delete process.env.NEWSPROV_PARSE_TIMEOUT;
    else process.env.NEWSPROV_PARSE_TIMEOUT = prev;
    await closeParsePool();
  }
});

test('ingestBytes: charset decided from the bytes; binary kept as base64; decoding warnings reported', async () => {
  const { store, articles, errors } = memoryStore();
  const report = emptyReport();
  const text = 'Президент России прибыл в Пекин с государственным визитом. Он встретится с председателем КНР и обсудит торговлю, энергетику и безопасность в регионе. Переговоры продлятся два дня, сообщили в Кремле.';
  const html = `<html><head><meta charset="windows-1251"><title>Визит</title></head><body><p>${text}</p></body></html>`;
  await ingestBytes(store, encodeLegacy(html, 'windows-1251'), 'ru.html', report);
  assert.equal(articles[0].text, text);
  const binary = Uint8Array.from({ length: 3000 }, (_, i) => 1 + ((i * 97 + (i >> 3) * 31) % 255));
  await ingestBytes(store, binary, 'blob.bin', report);
  assert.match(errors[0].reason, /^blob\.bin: looks like a binary file/);
  assert.equal(errors[0].raw, 'base64:' + Buffer.from(binary).toString('base64'));
  const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`Harbour strike talks resume\n\n${PARA.replace(/<\/?p>/g, '')} Talks resume on Friday, both sides said.`, 'utf16le')]);
  await ingestBytes(store, le, 'u16.txt', report);
  assert.equal(articles[1].title, 'Harbour strike talks resume');
  const damaged = Buffer.from(`Harbour talks stall\n\n${PARA.replace(/<\/?p>/g, '')} “No deal yet” — the union said.`);
  damaged[damaged.indexOf('union')] = 0xff;
  await ingestBytes(store, damaged, 'damaged.txt', report);
  assert.match(articles[2].text, /“No deal yet” — the \uFFFDnion said\./);
  assert.deepEqual(report.warnings.filter((w) => w.origin === 'damaged.txt').map((w) => w.warning), ['1 byte(s) that are not valid UTF-8 replaced by U+FFFD']);
  await ingestBytes(store, new Uint8Array(21 * 1024 * 1024).fill(0x61), 'huge.txt', report);
  assert.match(errors[1].reason, /^huge\.txt: input is 21\.0 MiB, larger than the 20 MiB limit/);
});

test('a feed item that fails is recorded by itself, with its own XML kept; the other items are stored', async () => {
  const { store, articles, errors } = memoryStore();
  const report = emptyReport();
  const bad = '<item><title>Empty</title><link>https://x.example/e</link></item>';
  const feed = `<?xml version="1.0"?><rss version="2.0"><channel><title>Wire</title><item><title>Port strike</title><description>${PARA.replace(/<\/?p>/g, '')} Talks resume on Friday.</description></item>${bad}</channel></rss>`;
  await ingestBytes(store, Buffer.from(feed), 'wire.rss', report);
  assert.deepEqual(articles.map((a) => a.origin), ['wire.rss#item-1']);
  assert.deepEqual(errors.map((e) => [e.origin, e.raw]), [['wire.rss#item-2', bad]]);
  assert.match(report.errors[0].reason, /^wire\.rss#item-2: item "Empty" has no content/);
});

function cli(args: string[], input?: Uint8Array, env: Record<string, string> = {}) {
  const r = spawnSync(process.execPath, [join(ROOT, 'bin/newsprov.mjs'), ...args], { input, encoding: 'utf8', env: { ...process.env, NEWSPROV_DB: '', ...env }, timeout: 120_000 });
  return { code: r.status, err: r.stderr, out: r.stdout };
}

test('cli: files and stdin decide alike; a NUL through stdin is rejected and recorded, UTF-16 is text; a slow file times out and the command exits', () => {
  const dir = mkdtempSync(join(tmpdir(), 'newsprov-stdin-'));
  const db = join(dir, 'db');
  const nul = Buffer.from('Breaking\u0000news from the harbour');
  const viaStdin = cli(['ingest', '-', '--db', db, '--no-analyze'], nul);
  assert.equal(viaStdin.code, 1);
  assert.match(viaStdin.err, /rejected: stdin: looks like a binary file \(NUL bytes\)/);
  writeFileSync(join(dir, 'nul.txt'), nul);
  writeFileSync(join(dir, 'slow.html'), slowPage());
  const files = cli(['ingest', join(dir, 'nul.txt'), join(dir, 'slow.html'), '--db', db, '--no-analyze'], undefined, { NEWSPROV_PARSE_TIMEOUT: '1' });
  assert.equal(files.code, 1);
  assert.match(files.err, /nul\.txt: looks like a binary file \(NUL bytes\)/);
  assert.match(files.err, /slow\.html: parsing took longer than 1 s/);
  const u16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(`Harbour strike talks resume\n\n${PARA.replace(/<\/?p>/g, '')} Talks resume on Friday, both sides said.`, 'utf16le')]);
  const ok = cli(['ingest', '-', '--db', db, '--no-analyze'], u16);
  assert.equal(ok.code, 0, ok.err);
  assert.match(ok.err, /ingested 1 new article/);
  const errs = JSON.parse(cli(['errors', '--json', '--db', db]).out);
  assert.deepEqual(errs.map((e: { origin: string; hasRaw: boolean }) => [e.origin, e.hasRaw]), [['stdin', true], [join(dir, 'nul.txt'), true], [join(dir, 'slow.html'), true]]);
});

test('the worker pool works under `node --import tsx` and lets the process exit without being closed', () => {
  const dir = mkdtempSync(join(tmpdir(), 'newsprov-pool-'));
  const script = join(dir, 'use-pool.mjs');
  writeFileSync(
    script,
    `import { parsePool } from ${JSON.stringify(join(ROOT, 'src/ingest/pool.ts'))};
const d = await parsePool().parse('Harbour strike talks resume\\n\\n' + ${JSON.stringify(PARA.replace(/<\/?p>/g, ''))}.repeat(2), 'x.txt');
console.log(d.articles[0].title);`,
  );
  const r = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), 'Harbour strike talks resume');
});

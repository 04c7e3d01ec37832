// Property-based tests (fast-check) over the input layer: whatever arrives, the answer is a result
// or an InputError naming the input, never another exception and never an endless parse.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeBytes } from '../src/ingest/decode.ts';
import { detectFormat } from '../src/ingest/format.ts';
import { parseFeed } from '../src/ingest/feed.ts';
import { capNesting } from '../src/ingest/depth.ts';
import { ParsePool } from '../src/ingest/pool.ts';
import { InputError } from '../src/model/article.ts';
import { encodeLegacy } from './fixtures/legacy-encode.ts';

const pool = new ParsePool({ size: 1, budgetMs: 10_000 });
after(() => pool.close());

/** Run `fn`; an InputError is an acceptable answer, anything else thrown fails the property. */
function resultOrInputError<X>(fn: () => X): X | InputError {
  try {
    return fn();
  } catch (e) {
    if (e instanceof InputError) return e;
    throw e;
  }
}

const FEED = `<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Wire</title>
<item><title>One</title><dc:date>2025-01-02</dc:date><description>&lt;p&gt;${'The council met on Tuesday and agreed the budget. '.repeat(4)}&lt;/p&gt;</description></item>
<item><title>Two</title><description><![CDATA[<p>${'Rail workers will strike on Friday, the union said. '.repeat(4)}</p>]]></description></item>
</channel></rss>`;
const FRAGMENTS = ['<', '>', '&', '&nbsp;', '&#0;', '&#x110000;', '</item>', '<item>', '<![CDATA[', ']]>', '<!--', '"', "'", '\u0001', '\uFFFD', '<!DOCTYPE rss [<!ENTITY a "&a;">]>', '<feed>', '<entry><content type="xhtml"><div>', 'xmlns:x="u"'];

/** A valid feed with a few random edits: cuts, insertions of XML-significant fragments, truncation. */
const mutatedFeed = fc
  .array(fc.tuple(fc.nat({ max: FEED.length }), fc.nat({ max: 40 }), fc.constantFrom(...FRAGMENTS)), { maxLength: 4 })
  .chain((edits) => fc.nat({ max: FEED.length }).map((cut) => ({ edits, cut })))
  .map(({ edits, cut }) => {
    let s = FEED;
    for (const [at, len, frag] of edits) s = s.slice(0, at) + frag + s.slice(at + len);
    return cut > FEED.length * 0.8 ? s : s.slice(0, Math.max(cut, FEED.length / 2));
  });

const markupish = fc.array(fc.constantFrom('<div>', '</div>', '<p>', '</p>', '<li>', '<script>', '</script>', '<svg>', '<x/>', '<br>', '<!--', '-->', '<a title="', '"', '>', 'text ', ' ', '<?xml version="1.0"?>', '<rss>', '<feed>', '<!DOCTYPE html>'), { maxLength: 200 }).map((a) => a.join(''));

test('decodeBytes: any bytes give decoded text without NUL, or an InputError naming the input', () => {
  const contentType = fc.option(fc.constantFrom('text/html', 'text/html; charset=utf-8', 'text/plain; charset=windows-1251', 'application/xml; charset=utf-16', 'text/html; charset=bogus'));
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 3000 }), contentType, (bytes, ct) => {
      const r = resultOrInputError(() => decodeBytes(bytes, 'fuzz.bin', { contentType: ct }));
      if (r instanceof InputError) assert.match(r.message, /^fuzz\.bin: /);
      else assert.ok(!r.text.includes('\u0000') && typeof r.charset === 'string');
    }),
    { numRuns: 400 },
  );
});

test('decodeBytes round trip: text in windows-1251 or Shift_JIS behind a <meta charset> decodes back exactly', () => {
  const cyrillic = fc.stringMatching(/^[А-Яа-я ,.A-Za-z0-9]{20,300}$/u);
  const japanese = fc.array(fc.constantFrom(...'東京都は月曜日新しい気候変動対策を発表した。知事記者会見で年までに温室効果ガスの排出量半減させると述べたアイウエオカキクケコ、'), { minLength: 20, maxLength: 200 }).map((a) => a.join(''));
  const page = (charset: string, text: string) => `<!doctype html><html><head><meta charset="${charset}"></head><body><p>${text}</p></body></html>`;
  fc.assert(
    fc.property(fc.oneof(cyrillic.map((t) => ['windows-1251', t] as const), japanese.map((t) => ['shift_jis', t] as const)), ([charset, text]) => {
      const d = decodeBytes(encodeLegacy(page(charset, text), charset), 'rt.html');
      assert.equal(d.charset, charset);
      assert.equal(d.text, page(charset, text));
    }),
    { numRuns: 150 },
  );
});

test('detectFormat: any string gets one of the four formats', () => {
  fc.assert(
    fc.property(fc.oneof(fc.string({ maxLength: 500 }), markupish, mutatedFeed), (s) => {
      assert.ok(['text', 'html', 'rss', 'atom'].includes(detectFormat(s)));
    }),
    { numRuns: 500 },
  );
});

test('feed parser: damaged feeds give articles and item errors, or one InputError; never another exception', () => {
  fc.assert(
    fc.property(fc.oneof(mutatedFeed, markupish, fc.string({ maxLength: 300 })), (s) => {
      const r = resultOrInputError(() => parseFeed(s, 'fuzz.rss'));
      if (r instanceof InputError) assert.match(r.message, /^fuzz\.rss: /);
      else for (const e of r.errors) assert.match(e.message, /^fuzz\.rss#item-\d+: /);
    }),
    { numRuns: 300 },
  );
});

test('capNesting: any markup comes out within the limit (a second pass flattens nothing)', () => {
  fc.assert(
    fc.property(markupish, fc.integer({ min: 1, max: 8 }), (html, limit) => {
      const once = capNesting(html, limit);
      assert.equal(capNesting(once.html, limit).flattened, 0);
      if (once.flattened === 0) assert.equal(once.html, html);
    }),
    { numRuns: 400 },
  );
});

test('parseDocument in the pool: any input returns or is rejected with an InputError within its budget', async () => {
  await fc.assert(
    fc.asyncProperty(fc.oneof(fc.string({ maxLength: 400 }), markupish, mutatedFeed), async (s) => {
      try {
        const doc = await pool.parse(s, 'fuzz.in');
        for (const a of doc.articles) assert.ok(a.text.split(/\s+/).length >= 25);
      } catch (e) {
        assert.ok(e instanceof InputError, `not an InputError: ${(e as Error).stack}`);
        assert.match(e.message, /^fuzz\.in(#item-\d+)?: /);
      }
    }),
    { numRuns: 120 },
  );
});

// Rows written as JSON: PostgreSQL's jsonb refuses an escaped lone surrogate, so every one becomes U+FFFD, while
// paired surrogates (an emoji) and text that merely looks like an escape are kept as they are.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { wellFormedJson } from '../src/store/results.ts';
import { wellFormed } from '../src/ingest/parse.ts';

test('store: JSON for the database has lone surrogates replaced, everything else kept', () => {
  const cases: Array<[string, string]> = [
    ['a\ud800b', 'a\ufffdb'],
    ['\ude00\ud800', '\ufffd\ufffd'],
    ['😀 kept', '😀 kept'],
    ['x\\ud800 is text', 'x\\ud800 is text'],
    ['q\\\ud800', 'q\\\ufffd'],
  ];
  for (const [input, stored] of cases) {
    const json = wellFormedJson({ t: input });
    assert.doesNotMatch(json, /(?<=(?:^|[^\\])(?:\\\\)*)\\ud[89a-f]/i, json);
    assert.equal(JSON.parse(json).t, stored);
    // the same as ingest makes of such text
    assert.equal(wellFormed(input).text, stored);
  }
  assert.equal(wellFormed('a\ud800b\udc00').unpaired, 2);
});

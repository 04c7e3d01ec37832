// Text handed to ingest as a string may hold half a character (an unpaired UTF-16 surrogate), which PostgreSQL
// refuses in jsonb: ingest replaces each by U+FFFD and counts them, keeping emoji and text that only looks like an
// escape as they are.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { wellFormed } from '../src/ingest/parse.ts';

test('ingest: unpaired surrogates become U+FFFD and are counted, everything else is kept', () => {
  const cases: Array<[string, string, number]> = [
    ['a\ud800b', 'a\ufffdb', 1],
    ['\ude00\ud800', '\ufffd\ufffd', 2],
    ['😀 kept', '😀 kept', 0],
    ['x\\ud800 is text', 'x\\ud800 is text', 0],
    ['a\ud800b\udc00', 'a\ufffdb\ufffd', 2],
  ];
  for (const [input, text, unpaired] of cases) assert.deepEqual(wellFormed(input), { text, unpaired }, JSON.stringify(input));
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { parsePage } from '../src/eval/page.ts';
import { parsePages } from '../src/eval/pages.ts';
import { evaluateEvents } from '../src/eval/set-events.ts';
import { evaluateExtraction } from '../src/eval/set-pages.ts';
import { addCounts, collapseWhitespace, scoreSnippets, snippetScores } from '../src/eval/snippets.ts';
import { exactMatch, normalizeAuthors, normalizeTitle } from '../src/eval/exact.ts';
import { dateScores, dayOf, scoreDate } from '../src/eval/dates.ts';
import { bcubed } from '../src/eval/bcubed.ts';
import { adjustedRandIndex } from '../src/eval/ari.ts';
import { connectedComponents, scoreReuse, type ReuseAnswer } from '../src/eval/reuse.ts';
import { ceil3, checkGate, flattenScores, floor3, raiseBaseline, type Baseline } from '../src/eval/gate.ts';

const close = (a: number, b: number, msg = '') => assert.ok(Math.abs(a - b) < 1e-9, `${a} != ${b} ${msg}`);
const groups = (o: Record<string, string>) => new Map(Object.entries(o));

// ---------- main-text snippets ----------

test('snippets: case-sensitive substrings after whitespace collapsing, both sides', () => {
  const out = 'The  council\nvoted on Monday.\n\nRead more: sports';
  const s = scoreSnippets(out, ['council voted', 'on   Monday', 'the council', 'absent text'], ['Read more:', 'Cookie settings']);
  assert.deepEqual([s.tp, s.fn, s.fp, s.tn], [2, 2, 1, 1]);
  assert.deepEqual(s.missed, ['the council', 'absent text']);
  assert.deepEqual(s.leaked, ['Read more:']);
  assert.equal(collapseWhitespace('  a \t b\n\nc '), 'a b c');
});

test('snippets: a rejected page is empty output (all with missed, all without true negatives)', () => {
  const s = scoreSnippets(null, ['a', 'b'], ['c']);
  assert.deepEqual([s.tp, s.fn, s.fp, s.tn], [0, 2, 0, 1]);
  const empty = scoreSnippets('', [''], ['']);
  assert.deepEqual([empty.tp, empty.fn, empty.fp, empty.tn], [0, 1, 0, 1]);
});

test('snippets: counts are summed over pages before the ratios', () => {
  const c = addCounts({ tp: 3, fn: 1, fp: 1, tn: 3 }, { tp: 0, fn: 4, fp: 0, tn: 2 });
  const s = snippetScores(c);
  close(s.precision, 3 / 4);
  close(s.recall, 3 / 8);
  close(s.f1, 6 / (6 + 1 + 5));
  close(s.accuracy, 8 / 14);
  assert.deepEqual(snippetScores({ tp: 0, fn: 0, fp: 0, tn: 0 }), { precision: 0, recall: 0, f1: 0, accuracy: 0 });
});

// ---------- titles and authors ----------

test('title exact: NFC and whitespace, otherwise exact (case, site names count)', () => {
  assert.ok(exactMatch('Cafe\u0301  au\nlait', 'Café au lait', normalizeTitle));
  assert.ok(!exactMatch('café au lait', 'Café au lait', normalizeTitle));
  assert.ok(!exactMatch('Café au lait | Example News', 'Café au lait', normalizeTitle));
  assert.ok(!exactMatch(null, 'Café au lait', normalizeTitle));
});

test('author exact: several names compare equal whatever the separator', () => {
  const gold = 'Anna Berg; Carl Dahl';
  for (const got of ['Anna Berg, Carl Dahl', 'Anna Berg and Carl Dahl', 'Anna Berg & Carl Dahl', ' Anna  Berg;Carl Dahl ']) {
    assert.ok(exactMatch(got, gold, normalizeAuthors), got);
  }
  assert.ok(!exactMatch('Carl Dahl, Anna Berg', gold, normalizeAuthors), 'order counts');
  assert.ok(!exactMatch('By Anna Berg', 'Anna Berg', normalizeAuthors));
  assert.equal(normalizeAuthors('Alexandra Andersen'), 'Alexandra Andersen', 'no split inside a word containing "and"');
});

// ---------- dates ----------

test('dates: the day is the first 10 characters as stored, not converted through UTC', () => {
  assert.equal(dayOf('2024-03-01T23:30:00+02:00'), '2024-03-01');
  assert.equal(dayOf('2024-03-01'), '2024-03-01');
  assert.equal(dayOf(null), null);
  assert.equal(dayOf(''), null);
});

test('dates: no date is a miss, a wrong day costs precision only', () => {
  const outcomes = [scoreDate('2020-01-02', '2020-01-02'), scoreDate('2020-01-03', '2020-01-02'), scoreDate(null, '2020-01-02'), scoreDate('2020-05-05', '2020-05-05')];
  assert.deepEqual(outcomes, ['tp', 'fp', 'fn', 'tp']);
  const s = dateScores(outcomes);
  close(s.precision, 2 / 3);
  close(s.recall, 2 / 3);
  close(s.f1, 4 / 6);
  close(s.accuracy, 2 / 4);
});

// ---------- B-cubed ----------

test('B-cubed: identical clusterings score 1', () => {
  const g = groups({ a: 'x', b: 'x', c: 'y' });
  assert.deepEqual(bcubed(groups({ a: '1', b: '1', c: '2' }), g), { precision: 1, recall: 1, f1: 1 });
});

test('B-cubed: one cluster for everything has recall 1; every item alone has precision 1', () => {
  const g = groups({ a: 'x', b: 'x', c: 'y', d: 'y', e: 'y' });
  const one = bcubed(groups({ a: 'k', b: 'k', c: 'k', d: 'k', e: 'k' }), g);
  close(one.recall, 1);
  close(one.precision, (2 * (2 / 5) + 3 * (3 / 5)) / 5); // 13/25
  const alone = bcubed(groups({ a: '1', b: '2', c: '3', d: '4', e: '5' }), g);
  close(alone.precision, 1);
  close(alone.recall, (2 * (1 / 2) + 3 * (1 / 3)) / 5); // 2/5
  close(alone.f1, (2 * 1 * 0.4) / 1.4);
});

test('B-cubed: a mixed cluster, worked by hand', () => {
  // gold {a,b,c} {d}; predicted {a,b} {c,d}
  const r = bcubed(groups({ a: 'p', b: 'p', c: 'q', d: 'q' }), groups({ a: 'x', b: 'x', c: 'x', d: 'y' }));
  close(r.precision, (1 + 1 + 0.5 + 0.5) / 4);
  close(r.recall, (2 / 3 + 2 / 3 + 1 / 3 + 1) / 4);
  assert.throws(() => bcubed(groups({ a: 'p' }), groups({ b: 'x' })), /same items/);
});

// ---------- ARI ----------

test('ARI: identical groupings (up to renaming) score 1, including all-singletons', () => {
  close(adjustedRandIndex(groups({ a: '1', b: '1', c: '2', d: '2' }), groups({ a: 'x', b: 'x', c: 'y', d: 'y' })), 1);
  close(adjustedRandIndex(groups({ a: '1', b: '2', c: '3' }), groups({ a: 'x', b: 'y', c: 'z' })), 1);
});

test('ARI: a known value from the contingency formula', () => {
  // predicted {a,b,c} {d,e,f}, truth {a,b} {c,d} {e,f}: index 2, sums 6 and 3, E = 18/15, max 4.5
  const ari = adjustedRandIndex(groups({ a: 'p', b: 'p', c: 'p', d: 'q', e: 'q', f: 'q' }), groups({ a: 'x', b: 'x', c: 'y', d: 'y', e: 'z', f: 'z' }));
  close(ari, (2 - 1.2) / (4.5 - 1.2));
  // the worst split of the truth scores below 0 (chance level is 0)
  assert.ok(adjustedRandIndex(groups({ a: '1', b: '2', c: '1', d: '2' }), groups({ a: 'x', b: 'x', c: 'y', d: 'y' })) < 0);
});

// ---------- reuse ----------

test('reuse: components, linked shares per category, wrong-source links counted once per pair', () => {
  const answers: ReuseAnswer[] = [
    { id: 'a1', category: 'cut', source: 'sA' },
    { id: 'a2', category: 'heavy', source: 'sA' },
    { id: 'b1', category: 'cut', source: 'sB' },
    { id: 'b2', category: 'non', source: 'sB' },
  ];
  const comps = connectedComponents(['sA', 'sB', 'a1', 'a2', 'b1', 'b2'], [['a1', 'sA'], ['a2', 'a1'], ['x', 'b1']]);
  assert.equal(comps.get('a2'), comps.get('sA'));
  assert.notEqual(comps.get('b1'), comps.get('sB'));
  // perfect links: ARI 1
  const perfect = scoreReuse(answers, ['sA', 'sB'], [['a1', 'sA'], ['sA', 'a2'], ['b1', 'sB']]);
  close(perfect.ari, 1);
  assert.deepEqual(perfect.linked, { cut: 1, light: 0, heavy: 1, non: 0 });
  assert.equal(perfect.wrong_source, 0);
  // a2 linked only through a1 (not to its source), b2 to the wrong source in both directions
  const r = scoreReuse(answers, ['sA', 'sB'], [['a1', 'sA'], ['a2', 'a1'], ['b2', 'sA'], ['sA', 'b2']]);
  assert.deepEqual(r.linked, { cut: 0.5, light: 0, heavy: 0, non: 0 });
  assert.equal(r.wrong_source, 1);
  assert.ok(r.ari < 1);
});

// ---------- the gate ----------

const baseline = (): Baseline => ({ floors: { 'extraction.f1': 0.8, 'reuse.linked.heavy': 0.4, 'events.f1': 0.7 }, ceilings: { 'reuse.wrong_source': 1, 'reuse.linked.non': 0.05 } });

test('gate: flattening nested scores to dotted paths', () => {
  assert.deepEqual(flattenScores({ reuse: { ari: 0.5, linked: { cut: 1 }, wrong_source: 0 } }), { 'reuse.ari': 0.5, 'reuse.linked.cut': 1, 'reuse.wrong_source': 0 });
});

test('gate: names every score below its floor or above its ceiling, only for the sets run', () => {
  const scores = { 'extraction.f1': 0.79, 'reuse.linked.heavy': 0.4, 'reuse.wrong_source': 2, 'reuse.linked.non': 0.05 };
  const checks = checkGate(scores, baseline(), ['extraction', 'reuse']);
  assert.deepEqual(checks.filter((c) => !c.ok).map((c) => c.key).sort(), ['extraction.f1', 'reuse.wrong_source']);
  assert.ok(!checks.some((c) => c.key === 'events.f1'), 'events was not run');
  const missing = checkGate({}, baseline(), ['events']);
  assert.deepEqual(missing.map((c) => [c.key, c.ok]), [['events.f1', false]], 'a pinned score that is missing fails');
});

test('gate: raise moves floors up and ceilings down to the rounded scores, never the other way', () => {
  const { baseline: up, changes } = raiseBaseline({ 'extraction.f1': 0.83479, 'reuse.linked.heavy': 0.3, 'events.f1': 0.7, 'reuse.wrong_source': 0, 'reuse.linked.non': 0.2 }, baseline());
  assert.deepEqual(up.floors, { 'extraction.f1': 0.834, 'reuse.linked.heavy': 0.4, 'events.f1': 0.7 });
  assert.deepEqual(up.ceilings, { 'reuse.wrong_source': 0, 'reuse.linked.non': 0.05 });
  assert.equal(changes.length, 2);
  const again = raiseBaseline({ 'extraction.f1': 0.5 }, up);
  assert.deepEqual(again.baseline, up);
  assert.deepEqual(again.changes, []);
});

test('gate: rounding to 3 decimals is safe against floating-point noise', () => {
  assert.equal(floor3(0.9), 0.9);
  assert.equal(floor3(0.1 + 0.2), 0.3);
  assert.equal(floor3(0.8969), 0.896);
  assert.equal(ceil3(0.05), 0.05);
  assert.equal(ceil3(0.0501), 0.051);
});

// ---------- running the engine on items ----------

const words = (n: number, w = 'word') => Array.from({ length: n }, (_, i) => `${w}${i}`).join(' ');

function pageDir(): { dir: string; good: string; short: string } {
  const dir = mkdtempSync(join(tmpdir(), 'newsprov-eval-'));
  const body = `<p>The harbour council approved the new ferry timetable on Tuesday evening after a long debate. ${words(40)}.</p>`;
  const good = join(dir, 'good.html.gz');
  writeFileSync(good, gzipSync(`<html><head><title>Ferry plan</title></head><body><article><h1>Ferry plan</h1>${body}${body}</article></body></html>`));
  const short = join(dir, 'short.html.gz');
  writeFileSync(short, gzipSync('<html><body><p>Too short.</p></body></html>'));
  return { dir, good, short };
}

test('pages: a refusal is "rejected", an unexpected exception is "crashed", both score as empty output', () => {
  const { dir, good, short } = pageDir();
  const ok = parsePage({ path: good, url: 'https://example.org/ferry' });
  assert.ok(ok.text?.includes('harbour council approved'), ok.rejected ?? ok.crashed ?? '');
  assert.equal(parsePage({ path: short, url: null }).rejected?.includes('words'), true);
  const missing = parsePage({ path: join(dir, 'missing.html.gz'), url: null });
  assert.equal(missing.rejected, null);
  assert.match(missing.crashed ?? '', /ENOENT/);
  const labels = [good, short, join(dir, 'missing.html.gz')].map((path, i) => ({ id: String(i), path, url: null, with: ['harbour council approved'], without: ['Too short.'], title: 'Ferry plan' }));
  const results = new Map([ok, parsePage(labels[1]), missing].map((r) => [r.path, r]));
  const r = evaluateExtraction(labels, results);
  assert.equal(r.scores.rejected, 2);
  assert.equal(r.crashes.length, 1);
  close(r.scores.recall, 1 / 3);
  close(r.scores.precision, 1);
  close(r.scores.title_exact, 1 / 3);
});

test('pages: the worker pool gives the same results as parsing in this thread', async () => {
  const { good, short } = pageDir();
  const tasks = [good, short, good.replace('good', 'gone')].map((path) => ({ path, url: null }));
  const pooled = await parsePages(tasks, 2);
  for (const t of tasks) {
    const here = parsePage(t);
    const there = pooled.get(t.path)!;
    assert.deepEqual([there.text, there.title, there.rejected, there.crashed === null], [here.text, here.title, here.rejected, here.crashed === null]);
  }
});

test('events: a rejected document is a story of its own, a repeated text shares its twin\'s story', () => {
  const text = `Rescuers searched collapsed buildings in the mountain town after the earthquake struck before dawn. ${words(40, 'quake')}.`;
  const r = evaluateEvents([
    { id: 'a', topic: '1', event: '1_x', text },
    { id: 'b', topic: '1', event: '1_x', text: text.replace(/ +/g, '  ') },
    { id: 'c', topic: '1', event: '1_y', text: 'A short note.' },
  ]);
  const byId = new Map(r.details.map((d) => [(d as { id: string }).id, d as { cluster: string; duplicateOf: string | null; rejected: string | null }]));
  assert.equal(byId.get('b')!.duplicateOf, 'a');
  assert.equal(byId.get('a')!.cluster, byId.get('b')!.cluster);
  assert.ok(byId.get('c')!.rejected);
  assert.equal(r.scores.clusters, 2);
  assert.deepEqual([r.scores.precision, r.scores.recall], [1, 1]);
});

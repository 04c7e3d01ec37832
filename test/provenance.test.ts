// Copies, independent sources and contradictions on a corpus written for the purpose
// (test/fixtures/provenance): an AP story (01) with a verbatim (02), a lightly edited (03), a credited (04)
// and an uncredited (10) republication and a later AP update (09); the same outlet (Daily Herald) running
// AP copy (04), PA copy (05) and its own reporting (08); independent reports (06 quoting the same fire
// chief, 07 lifting two AP sentences); figure disagreements (injured 40 / more than 60, cost 12 / 14 million
// euros), "five trapped" beside "40 injured", and a second event (11-13) sharing outlet boilerplate.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES } from './helpers.ts';
import { parseDocument } from '../src/ingest/parse.ts';
import { toArticle } from '../src/ingest/article.ts';
import { analyze } from '../src/analysis/analyze.ts';
import { buildDossier, renderMarkdown } from '../src/dossier/dossier.ts';
import type { Article } from '../src/model/article.ts';
import type { Analysis } from '../src/model/analysis.ts';

const DIR = join(FIXTURES, 'provenance');
const articles: Article[] = readdirSync(DIR)
  .sort()
  .map((f) => toArticle(parseDocument(readFileSync(join(DIR, f), 'utf8'), join(DIR, f)).articles[0]));
const id = (n: string) => articles.find((a) => a.label.startsWith(n + '-'))!.id;
const ids = (...ns: string[]) => ns.map(id).sort();
const BRIDGE = ['01', '02', '03', '04', '05', '06', '07', '08', '09', '10'];
const STRIKE = ['11', '12', '13'];

let cached: Analysis | null = null;
function analysis(): Analysis {
  cached ??= analyze(articles);
  return cached;
}

test('provenance: the event grouping finds the two stories by itself', () => {
  const stories = analysis().events.map((e) => e.articleIds.slice().sort());
  assert.deepEqual(stories.sort((a, b) => a.length - b.length), [ids(...STRIKE), ids(...BRIDGE)]);
});
const story = (n: string) => analysis().events.find((e) => e.articleIds.includes(id(n)))!;
const label = (articleId: string) => articles.find((a) => a.id === articleId)!.label.slice(0, 2);

test('provenance: republications of the wire story are copies; independent reports and boilerplate are not', () => {
  const an = analysis();
  const linked = new Set(an.copies.flatMap((c) => [label(c.copyId), label(c.sourceId)]));
  assert.deepEqual([...linked].sort(), ['01', '02', '03', '04', '07', '09', '10']);
  for (const n of ['02', '03', '04', '10']) assert.ok(an.copies.some((c) => c.copyId === id(n) && c.sourceId === id('01') && c.kind !== 'partial'), `${n} copies 01`);
  // no copy across the two events, whatever boilerplate (newsletter boxes, AP copyright footer) they share
  for (const c of an.copies) assert.equal(BRIDGE.includes(label(c.copyId)), BRIDGE.includes(label(c.sourceId)), `${label(c.copyId)} <- ${label(c.sourceId)}`);
});

test('provenance: two lifted sentences (about 55 words) inside an own report are a partial copy, with the share of each text', () => {
  const c = analysis().copies.find((x) => x.copyId === id('07') && x.sourceId === id('01'))!;
  assert.ok(c, 'partial copy 07 <- 01');
  assert.equal(c.kind, 'partial');
  assert.ok(c.copyCoverage > 0.15 && c.copyCoverage < 0.5, `copy share ${c.copyCoverage}`);
  assert.ok(c.sourceCoverage > 0.1 && c.sourceCoverage < 0.5, `source share ${c.sourceCoverage}`);
  assert.ok(c.passages.some((p) => /steel span gave way/.test(p.copyText)));
});

test('provenance: a shared quotation of the same speaker is a common press conference, not a copy', () => {
  const an = analysis();
  assert.ok(!an.copies.some((c) => [c.copyId, c.sourceId].includes(id('06'))), 'the Gazette report is independent');
});

test('provenance: sources — a wire story is the agency wherever it runs; an outlet’s own reporting is separate from the wire copy it runs', () => {
  const g = analysis().sourceGroup;
  const group = (n: string) => g[id(n)];
  for (const n of ['01', '02', '03', '04', '09', '10', '11']) assert.equal(group(n), 'org:AP', n);
  assert.equal(group('05'), 'org:PA');
  assert.equal(group('06'), 'outlet:norland gazette');
  assert.equal(group('07'), 'outlet:harbour tribune');
  assert.equal(group('08'), 'outlet:daily herald');
  assert.equal(group('13'), 'outlet:daily herald');
  assert.equal(group('12'), 'outlet:capital post');
  assert.equal(story('01').independentSources, 5);
  assert.equal(story('11').independentSources, 3);
});

test('provenance: the dossier names each source and who carried it', () => {
  const an = analysis();
  const d = buildDossier(an, story('01'));
  assert.deepEqual(
    d.sourceGroups.map((s) => s.description),
    ['AP, via The Capital Post, Channel 9 News, Daily Herald and Norland Now', 'PA, via Daily Herald', 'Norland Gazette', 'Daily Herald', 'Harbour Tribune'],
  );
  assert.match(renderMarkdown(d), /\*\*AP, via The Capital Post, Channel 9 News, Daily Herald and Norland Now\*\*/);
});

test('provenance: figure disagreements between independent sources are contradictions; a source changing its figure is an update', () => {
  const ev = story('01');
  const shown = (kind: string) =>
    ev.contradictions
      .filter((c) => c.kind === kind)
      .map((c) => ({ topic: c.topic.replace(/ \(.*\)$/, ''), sides: c.sides.map((s) => `${s.claim} | ${s.sources!.join(', ')} | ${s.articleIds.map(label).sort().join(',')}`) }))
      .sort((a, b) => a.topic.localeCompare(b.topic));
  assert.deepEqual(shown('figure'), [
    { topic: 'amount in EUR', sides: ['12 million euros | Daily Herald | 08', '14 million euro | Harbour Tribune | 07'] },
    { topic: 'number injured', sides: ['40 others | AP | 01,02,03,04,09,10', 'more than 60 people | Norland Gazette | 06'] },
  ]);
  // AP said five killed in the morning and seven in the evening, which PA, the Gazette and the Tribune report:
  // an update, not a disagreement; "five trapped" (Gazette) is another quantity and is never compared
  assert.deepEqual(shown('update'), [{ topic: 'number killed', sides: ['five people | AP | 01,02,03,04,10', 'seven | AP | 09'] }]);
  assert.equal(shown('role').length, 0);
  assert.equal(story('11').contradictions.length, 0);
});

test('provenance: a quote corroborates only the same speaker’s words; captions and credit lines are never facts', () => {
  const ev = story('01');
  const varga = ev.facts.find((f) => f.quote && /under the concrete/.test(f.quote.text))!;
  assert.equal(varga.quote!.speaker, 'Ilse Varga');
  assert.equal(varga.independentSources, 2, 'AP and the Gazette');
  assert.deepEqual(varga.sourceGroups.map((g) => g.map(label).sort().join(',')).sort(), ['01,02,03,04,10', '06']);
  const brenner = ev.facts.find((f) => f.quote && /in mourning/.test(f.quote.text))!;
  assert.equal(brenner.quote!.speaker, 'Tomas Brenner');
  assert.equal(brenner.independentSources, 1);
  const texts = ev.facts.flatMap((f) => f.citations.map((c) => c.text));
  assert.ok(!texts.some((t) => /Rescue workers search the debris|AP Photo|Copyright|may not be published|inbox|Register with your email/.test(t)), 'no caption, credit or widget');
  const seven = ev.facts.find((f) => /Seven people have died/.test(f.text))!;
  assert.equal(seven.independentSources, 4, 'PA, Gazette, Tribune and the AP update say seven died');
});

test('provenance: single-source facts are ranked by importance, figures and named sources first', () => {
  const d = buildDossier(analysis(), story('01'));
  const top = d.singleSource.slice(0, 5);
  assert.ok(top.every((f) => f.figures.length || f.quote || /said|told|according to/.test(f.text)), top.map((f) => f.text).join('\n'));
  assert.ok(!d.singleSource.some((f) => /Rescue workers search the debris/.test(f.text)));
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { seedAnalysis, seedArticles, seedId, articleFromText } from './helpers.ts';
import { analyze } from '../src/analysis/analyze.ts';
import { MinHasher, LshIndex, MAX_BUCKET, shingles, jaccard, estimateJaccard } from '../src/copy/minhash.ts';
import { detectCopies, type CopyDoc } from '../src/copy/detect.ts';
import { copyKeys, MAX_CANDIDATES, PASSAGE_TOKENS, TEXT_BANDS } from '../src/copy/keys.ts';
import { contentTokens } from '../src/nlp/text.ts';
import { estimateEventDate, findDateMentions, futureBounds } from '../src/nlp/dates.ts';
import { extractFigures } from '../src/facts/figures.ts';
import { fromStored, sentenceFactsOf } from '../src/facts/candidates.ts';
import { articleFeatures, fromFeatures } from '../src/analysis/features.ts';
import { nameKey } from '../src/entities/resolve.ts';

// ---------- MinHash / LSH ----------

test('MinHash estimates Jaccard similarity within sampling error', () => {
  const words = Array.from({ length: 400 }, (_, i) => `w${i}`);
  const a = shingles(words.slice(0, 300), 1);
  const b = shingles(words.slice(100, 400), 1); // true Jaccard 200/400 = 0.5
  assert.equal(jaccard(a, b), 0.5);
  const h = new MinHasher(256);
  const est = estimateJaccard(h.signature(a), h.signature(b));
  assert.ok(Math.abs(est - 0.5) < 0.1, `estimate ${est}`);
});

test('LSH pairs near-duplicates and not unrelated sets', () => {
  const h = new MinHasher(128);
  const lsh = new LshIndex(32, 4);
  const base = Array.from({ length: 200 }, (_, i) => `t${i}`);
  const x = h.signature(shingles(base, 2));
  lsh.insert('x', x);
  lsh.insert('y', h.signature(shingles([...base.slice(0, 190), 'q1', 'q2'], 2)));
  lsh.insert('z', h.signature(shingles(Array.from({ length: 200 }, (_, i) => `u${i}`), 2)));
  assert.deepEqual([...lsh.query(x)].sort(), ['x', 'y']);
});

test('LSH skips buckets shared by more items than a copy relation can explain', () => {
  const h = new MinHasher(128);
  const lsh = new LshIndex(32, 4);
  const sig = h.signature(shingles(Array.from({ length: 50 }, (_, i) => `w${i}`), 2));
  for (let i = 0; i <= MAX_BUCKET; i++) lsh.insert(`doc${i}`, sig);
  assert.equal(lsh.query(sig).size, 0);
});

test('a story republished many times is one connected copy group, with a bounded number of alignments per article', () => {
  const sentence = (i: number) => `The river authority said the dam near the old mill would be repaired before the winter season number ${i % 7}.`;
  const body = Array.from({ length: 6 }, (_, i) => sentence(i)).join(' ');
  const docs: CopyDoc[] = Array.from({ length: MAX_CANDIDATES * 3 }, (_, n) => {
    const text = `${body} Reporter ${n} added a note.`;
    const units = text.split(/(?<=\.)\s+/).map((t) => ({ text: t, tokens: new Set(contentTokens(t)) }));
    return { id: `d${String(n).padStart(3, '0')}`, label: `d${n}`, publishedAt: null, units, tokens: contentTokens(text) };
  });
  const rels = detectCopies(docs);
  assert.ok(rels.length <= docs.length * MAX_CANDIDATES, `${rels.length} relations`);
  const parent = new Map(docs.map((d) => [d.id, d.id]));
  const root = (x: string): string => (parent.get(x) === x ? x : root(parent.get(x)!));
  for (const r of rels) parent.set(root(r.copyId), root(r.sourceId));
  assert.equal(new Set(docs.map((d) => root(d.id))).size, 1);
});

// ---------- copies on the seeds ----------

test('seeds: 001 is reported as a rewritten copy of 000, with aligned passages', () => {
  const an = seedAnalysis();
  const id0 = seedId(an, '000');
  const id1 = seedId(an, '001');
  assert.equal(an.copies.length, 1, JSON.stringify(an.copies.map((c) => [c.copyId, c.sourceId])));
  const c = an.copies[0];
  assert.equal(c.copyId, id1);
  assert.equal(c.sourceId, id0);
  assert.equal(c.kind, 'rewritten');
  assert.ok(c.copyCoverage > 0.8, `coverage ${c.copyCoverage}`);
  assert.ok(c.similarity > 0.6 && c.similarity < 0.95, `similarity ${c.similarity}`);
  assert.notEqual(c.directionConfidence, 'undetermined');
  assert.ok(c.reasons.some((r) => /quotation marks lost/.test(r)));
  assert.ok(c.passages.length >= 1);
  assert.ok(c.sentencePairs.length >= 35, `pairs ${c.sentencePairs.length}`);
  const first = c.passages[0];
  assert.match(first.sourceText, /shone a spotlight on foreign policy convergences/);
  assert.match(first.copyText, /highlighted the foreign policy convergences/);
});

test('copies: verbatim republication is detected and dated direction wins', () => {
  const [a0, , a2] = seedArticles();
  const orig = { ...a2, publishedAt: '2024-05-18T09:00:00.000Z', outlet: 'Outlet A' };
  const dup = articleFromText('republished', a2.text + '\n\nThis article first appeared elsewhere.', '2024-05-19T12:00:00.000Z', 'Outlet B');
  const an = analyze([a0, orig, dup]);
  assert.equal(an.copies.length, 1);
  const c = an.copies[0];
  assert.equal(c.kind, 'verbatim');
  assert.equal(c.copyId, dup.id);
  assert.equal(c.sourceId, orig.id);
  assert.equal(c.directionConfidence, 'high');
});

test('copies: a few lifted paragraphs inside otherwise original text are a partial copy', () => {
  const [a0, , a2, , a4] = seedArticles();
  const lifted = a0.text.split('\n\n').slice(6, 11).join('\n\n');
  const mixed = articleFromText('mixed', a4.text.split('\n\n').slice(0, 12).join('\n\n') + '\n\n' + lifted, '2024-05-22T00:00:00Z', 'Outlet C');
  const an = analyze([{ ...a0, publishedAt: '2024-05-17T00:00:00.000Z' }, a2, mixed]);
  const c = an.copies.find((x) => x.copyId === mixed.id);
  assert.ok(c, 'partial copy found');
  assert.equal(c!.sourceId, a0.id);
  assert.equal(c!.kind, 'partial');
  assert.ok(c!.copyCoverage > 0.1 && c!.copyCoverage < 0.5);
  assert.ok(!an.copies.some((x) => x.copyId === a2.id || x.sourceId === a2.id), 'independent article is not a copy');
});

test('copy keys: articles stored with 32 passage bands (a 128-permutation signature) are found by every passage key computed now', () => {
  // the keys as they were stored before 2026-12: the same band hashing, 32 four-row bands a passage
  const old = new MinHasher(128);
  const band = (sig: Uint32Array, b: number, rows: number, first: number) => {
    let h = 0x811c9dc5 ^ (first + b);
    for (let r = 0; r < rows; r++) h = Math.imul(h ^ sig[b * rows + r], 0x01000193);
    return (first + b) * 4294967296 + (h >>> 0);
  };
  const tokens = contentTokens(seedArticles()[0].text);
  const stored = new Set<number>();
  const textSig = old.signature(shingles(tokens, 2));
  for (let b = 0; b < TEXT_BANDS; b++) stored.add(band(textSig, b, 1, 0));
  for (let i = 0; i + PASSAGE_TOKENS / 3 <= tokens.length; i += PASSAGE_TOKENS / 2) {
    const sig = old.signature(shingles(tokens.slice(i, i + PASSAGE_TOKENS), 2));
    for (let b = 0; b < 32; b++) stored.add(band(sig, b, 4, TEXT_BANDS));
  }
  const now = copyKeys(tokens).bandKeys;
  assert.ok(now.length > TEXT_BANDS + 16 && now.length < stored.size, `${now.length} keys now, ${stored.size} before`);
  assert.deepEqual(now.filter((k) => !stored.has(k)), []);
});

// ---------- dates and events ----------

test('date mentions: ranges, year-less days, month-year and future statements', () => {
  const m = findDateMentions('Putin visited on May 16-17, 2024. He left on May 17th. Trade fell in March 2023. By early 2025, trade will reach $300 billion on June 1.');
  assert.deepEqual(m.map((x) => [x.kind, x.date, x.dateTo, x.future]), [
    ['day', '2024-05-16', '2024-05-17', false],
    ['yearless', null, null, false],
    ['month', '2023-03-01', null, false],
    ['yearless', null, null, true],
  ]);
  assert.deepEqual(estimateEventDate('Putin visited on May 16-17, 2024. On May 16th he met Xi.', null), { date: '2024-05-16', precision: 'day', source: 'text', anchor: 'text' });
  assert.equal(estimateEventDate('Nothing dated here.', '2024-01-02T00:00:00Z')?.source, 'published');
});

test('a date the text looks forward to bounds the event from above', () => {
  const t = 'The court issued a warrant in March 2023. By early 2024, trade could reach $200 billion a year, he said. He resigned in 2022 and will keep writing.';
  assert.deepEqual(futureBounds(t), ['2024-03-31']);
  assert.deepEqual(estimateEventDate(t, null), { date: '2023-03-01', precision: 'month', source: 'text', notAfter: '2024-03-31' });
});

test('seeds: 003 groups with a dated report of the October 2023 visit, not with May 2024', () => {
  const seeds = seedArticles();
  const oct = articleFromText(
    'oct-2023',
    'Russian President Vladimir Putin met Chinese leader Xi Jinping in Beijing on October 18, 2023, on the sidelines of the Belt and Road Forum. ' +
      'Putin praised the Belt and Road Initiative, China\'s global infrastructure program, on its tenth anniversary. ' +
      'The trip was Putin\'s first outside the former Soviet Union since the International Criminal Court issued a warrant for his arrest in March. ' +
      'Putin brought a large delegation of officials to Beijing, including the heads of Gazprom, Rosneft and the Central Bank, and the two leaders discussed the Power of Siberia 2 gas pipeline.',
    '2023-10-18T12:00:00Z',
    'Wire Service',
  );
  const an = analyze([...seeds, oct]);
  const evOf = (id: string) => an.events.find((e) => e.articleIds.includes(id))!;
  const s003 = seeds.find((a) => a.label.startsWith('003_'))!;
  const s000 = seeds.find((a) => a.label.startsWith('000_'))!;
  assert.equal(evOf(s003.id).id, evOf(oct.id).id);
  assert.notEqual(evOf(s003.id).id, evOf(s000.id).id);
});

test('seeds: 003 (October 2023 visit) is its own event; the May 2024 articles form one', () => {
  const an = seedAnalysis();
  const id = (n: string) => seedId(an, n);
  const evOf = (n: string) => an.events.find((e) => e.articleIds.includes(id(n)))!;
  assert.equal(an.events.length, 2);
  assert.deepEqual(evOf('003').articleIds, [id('003')]);
  assert.deepEqual([...evOf('000').articleIds].sort(), [id('000'), id('001'), id('002'), id('004')].sort());
  assert.equal(evOf('000').independentSources, 3, '001 is a copy of 000');
  assert.equal(evOf('000').dateFrom, '2024-05-16');
  assert.ok(evOf('003').dateFrom! < '2024', 'earlier visit dated before 2024');
});

const visit = (when: string, extra: string) =>
  `President Alma Rask of Norland arrived in Kestria on ${when} for a state visit, her office said. ` +
  `Rask and Kestrian Prime Minister Oren Valt discussed energy links, a planned rail tunnel and fishing quotas at the Halden Palace. ` +
  `${extra} Officials from both governments signed agreements on student exchanges and customs cooperation during the visit.`;

test('look-alike events months apart stay apart; same-week reports group together', () => {
  const march1 = articleFromText('march-a', visit('March 3, 2025', 'Valt called the talks a new chapter for the two neighbours.'), '2025-03-03T18:00:00Z', 'Paper A');
  const march2 = articleFromText(
    'march-b',
    'Norland President Alma Rask held talks with Oren Valt in Kestria on March 3, 2025, focusing on energy links and a rail tunnel between the countries. ' +
      'The leaders also argued over fishing quotas, according to a Kestrian official. Rask will stay in Kestria until March 5, 2025, and visit the port of Lund. Both governments signed customs agreements.',
    '2025-03-04T07:00:00Z',
    'Paper B',
  );
  const october = articleFromText('october', visit('October 14, 2025', 'Valt said the rail tunnel would open within five years.'), '2025-10-14T18:00:00Z', 'Paper C');
  const an = analyze([march1, march2, october]);
  const evOf = (id: string) => an.events.find((e) => e.articleIds.includes(id))!;
  assert.equal(evOf(march1.id).id, evOf(march2.id).id, 'same visit grouped');
  assert.notEqual(evOf(october.id).id, evOf(march1.id).id, 'later visit kept apart');
  assert.equal(an.events.length, 2);
});

// ---------- entities ----------

test('seeds: aliases resolve (Belousov/Belausov/Andrei, Shoigu/Shoygu, Putin, Xi)', () => {
  const an = seedAnalysis();
  const find = (form: string) => an.entities.filter((e) => e.aliases.some((a) => a.form === form));
  for (const [form, name] of [
    ['Andrey Belausov', 'Andrey Belousov'],
    ['Andrei Belousov', 'Andrey Belousov'],
    ['Shoygu', 'Sergei Shoigu'],
    ['Shoigu', 'Sergei Shoigu'],
    ['Putin', 'Vladimir Putin'],
    ['Xi', 'Xi Jinping'],
  ]) {
    const es = find(form);
    assert.equal(es.length, 1, `${form} in ${es.length} entities`);
    assert.equal(es[0].name, name, form);
    assert.equal(es[0].type, 'person');
  }
  const chen = an.entities.filter((e) => /^Chen /.test(e.name)).map((e) => e.name).sort();
  assert.deepEqual(chen, ['Chen Pokong', 'Chen Yiqin'], 'different people with one surname stay apart');
});

test('transliteration key folds common spelling variants', () => {
  assert.equal(nameKey('Shoygu'), nameKey('Shoigu'));
  assert.equal(nameKey('Andrey'), nameKey('Andrei'));
  assert.equal(nameKey('Khodorkovsky'), nameKey('Hodorkovski'));
  assert.notEqual(nameKey('Iran'), nameKey('Iraq'));
});

// ---------- facts ----------

test('figures are normalised', () => {
  const f = extractFigures('Trade reached a record $240.1 billion in 2023, up 26.3%, and 37 Chinese entities were added; soybean imports were 70 percent from Brazil.');
  assert.deepEqual(
    f.map((x) => [x.unit, x.value]),
    [
      ['percent', 26.3],
      ['percent', 70],
      ['money:USD', 240.1e9],
      ['count:entiti', 37],
    ],
  );
  assert.deepEqual(extractFigures('On May 16 in 2024 the two leaders met.'), []);
});

test('seeds: corroboration counts independent sources only; 001 never adds to 000', () => {
  const an = seedAnalysis();
  const ev = an.events.find((e) => e.articleIds.includes(seedId(an, '000')))!;
  const id0 = seedId(an, '000');
  const id1 = seedId(an, '001');
  for (const f of ev.facts) {
    const groups = f.sourceGroups;
    assert.equal(f.independentSources, groups.length);
    // 000 and 001 are always in the same group
    const g0 = groups.findIndex((g) => g.includes(id0));
    const g1 = groups.findIndex((g) => g.includes(id1));
    if (g0 >= 0 && g1 >= 0) assert.equal(g0, g1, f.text);
    if (f.status === 'corroborated') assert.ok(f.independentSources >= 2);
  }
  // a fact only 000 and its copy report is single-source
  const soy = ev.facts.find((f) => /soybean imports are dominated by Brazil/.test(f.text))!;
  assert.equal(soy.status, 'single-source');
  assert.equal(soy.independentSources, 1);
  assert.deepEqual(soy.sourceGroups, [[id0, id1]]);
  // "first trip since re-election" is reported by 000, 002 and 004 independently
  const first = ev.facts.find((f) => f.status === 'corroborated' && f.citations.some((c) => /first country Putin visited following his re-election/.test(c.text)))!;
  assert.ok(first, 'first-visit fact corroborated');
  assert.equal(first.independentSources, 3);
  assert.ok(first.citations.some((c) => c.articleId === seedId(an, '002')));
  assert.ok(first.citations.some((c) => c.articleId === seedId(an, '004')));
});

test('seeds: the Defense Minister contradiction is found (Belousov per 000/002, Shoigu per 004)', () => {
  const an = seedAnalysis();
  const ev = an.events.find((e) => e.articleIds.includes(seedId(an, '000')))!;
  const c = ev.contradictions.find((x) => x.kind === 'role' && /defense minister/i.test(x.topic));
  assert.ok(c, JSON.stringify(ev.contradictions.map((x) => x.topic)));
  const bel = c!.sides.find((s) => s.claim === 'Andrey Belousov')!;
  const sho = c!.sides.find((s) => s.claim === 'Sergei Shoigu')!;
  assert.equal(bel.independentSources, 2);
  assert.equal(sho.independentSources, 1);
  assert.deepEqual(sho.articleIds, [seedId(an, '004')]);
});

test('figure contradictions between independent outlets are listed; copies cannot contradict or corroborate', () => {
  const a = articleFromText(
    'fire-a',
    'A fire at the Brenton chemical plant near Aldmoor killed 12 workers on Monday, the regional emergency service said. ' +
      'Firefighters from three districts needed nine hours to bring the blaze under control. Residents were told to keep windows closed because of the smoke. ' +
      'The plant owner, Corvane Industries, said it was cooperating with investigators and had suspended production at the site.',
    '2025-06-02T10:00:00Z',
    'Daily One',
  );
  const b = articleFromText(
    'fire-b',
    'Fifteen people are dead after flames tore through a factory outside Aldmoor. The emergency service said the Brenton chemical plant fire on Monday killed 15 workers. ' +
      'Local officials opened an inquiry into safety inspections at the plant. Corvane Industries, which owns the plant, said it had suspended production and was cooperating with investigators.',
    '2025-06-02T12:00:00Z',
    'Daily Two',
  );
  const an = analyze([a, b]);
  const ev = an.events[0];
  const c = ev.contradictions.find((x) => x.kind === 'figure');
  assert.ok(c, 'figure contradiction found');
  assert.deepEqual(c!.sides.map((s) => s.claim).sort(), ['12 workers', '15 workers']);
  const f = ev.facts.find((x) => x.contradictionIds.includes(c!.id))!;
  assert.equal(f.status, 'contradicted');
  // agreeing sentences are corroborated by both
  const agreed = ev.facts.find((x) => /Corvane Industries/.test(x.text))!;
  assert.equal(agreed.status, 'corroborated');
  assert.equal(agreed.independentSources, 2);
});

test('same outlet twice is one source', () => {
  const t = (x: string) =>
    `The city council of Parvel approved a new tram line on Thursday after a three-hour debate, mayor Lina Ostrova said. ` +
    `The line will link the central station with the university district and is due to open in 2028. ${x}`;
  const a = articleFromText('tram-a', t('Opposition councillors said the cost was too high.'), '2025-02-06T10:00:00Z', 'Parvel Post');
  const b = articleFromText('tram-b', t('Students welcomed the decision outside the town hall on Thursday evening after the vote.'), '2025-02-06T15:00:00Z', 'Parvel Post');
  const an = analyze([a, b]);
  assert.equal(an.events.length, 1);
  assert.equal(an.events[0].independentSources, 1);
  for (const f of an.events[0].facts) assert.equal(f.independentSources, 1);
});

test('quotes get their speaker: named with a verb of saying, after an apposition, across sentences, or as "he said"', () => {
  const an = seedAnalysis();
  const quotes = an.events.flatMap((e) => e.facts).filter((f) => f.quote);
  const by = (q: RegExp) => quotes.find((f) => q.test(f.quote!.text))?.quote?.speaker;
  assert.equal(by(/understands the true reasons/), 'Yuri Ushakov');
  assert.equal(by(/will be used in \[Russia’s\] negotiations/), 'Boris Bondarev');
  assert.equal(by(/Ideally, Putin would want big raw materials contracts/), 'Alexander Gabuev', 'multi-sentence quote attributed where it closes, not to the Putin named inside');
  assert.equal(by(/In plain terms, it’s an exchange of interests/), 'Du Wen', '"He added" after Du Wen was quoted');
  assert.equal(by(/comprehensive strategic partnership in a new era/), null, 'a quoted phrase without a speaker stays unattributed');
});

test('role contradictions: one portfolio, two holders; several prime ministers at a summit are no contradiction', () => {
  const summit = articleFromText(
    'summit',
    'Prime Minister Anna Lind and Prime Minister Jonas Berg opened the Baltic energy summit in Tallinn on Monday, officials said. ' +
      'Defense Minister Karl Ots told reporters that the two governments would share radar data. The leaders signed a joint declaration on grid links and offshore wind. ' +
      'Finance Minister Eva Saar said the cable would cost about 400 million euros.',
    '2025-04-07T10:00:00Z',
    'North Wire',
  );
  const other = articleFromText(
    'summit-2',
    'Leaders at the Baltic energy summit in Tallinn agreed on Monday to build a new undersea cable, the host government said. ' +
      'Defense Minister Peeter Kask said radar data would be shared between the two governments. The joint declaration covers grid links and offshore wind farms. ' +
      'Prime Minister Anna Lind called the deal historic.',
    '2025-04-07T14:00:00Z',
    'Harbour Daily',
  );
  const an = analyze([summit, other]);
  const topics = an.events.flatMap((e) => e.contradictions).map((c) => c.topic);
  assert.ok(topics.some((t) => /Defense Minister/.test(t)), JSON.stringify(topics));
  assert.ok(!topics.some((t) => /Prime Minister/.test(t)), JSON.stringify(topics));
});

test('entities: different given names never merge, credit words never join names, "in X" is a place', () => {
  const a = articleFromText(
    'raid',
    'President Barack Obama said on Sunday night that Osama bin Laden had been killed by American forces in Abbottabad. ' +
      'Obama spoke from the East Room of the White House shortly before midnight. Osama had lived in the compound for several years, officials said. ' +
      'Crowds gathered outside the White House after the announcement (AP Photo/Evan Vucci). Share this story on Facebook Twitter WhatsApp.',
    '2011-05-02T04:00:00Z',
    'Wire Desk',
  );
  const an = analyze([a]);
  const holding = (form: string) => an.entities.filter((e) => e.aliases.some((x) => x.form === form)).map((e) => e.name);
  assert.deepEqual(holding('Obama'), ['Barack Obama']);
  assert.ok(!holding('Osama').includes('Barack Obama'), `Osama resolved to ${holding('Osama')}`);
  assert.equal(an.entities.find((e) => e.name === 'Abbottabad')?.type, 'place');
  for (const e of an.entities) assert.ok(!/Vucci|Facebook Twitter|Twitter WhatsApp/.test(e.name), e.name);
});

test('analysing the same articles again, with the caches of sentence facts, labels and alignments warm, gives the same analysis', () => {
  // the kept values are shared between analyses: one that changed them would show here
  const first = JSON.parse(JSON.stringify(analyze(seedArticles())));
  const again = JSON.parse(JSON.stringify(analyze(seedArticles())));
  assert.ok(first.events.some((e: { facts: unknown[] }) => e.facts.length > 0));
  assert.deepEqual(again.events, first.events);
  assert.deepEqual(again.copies, first.copies);
});

test('the sentence facts ingest stores read back as what the analysis works out from the sentences', () => {
  let figures = 0;
  let quantities = 0;
  for (const a of seedArticles()) {
    // as the store gives them back: through JSON
    const f = JSON.parse(JSON.stringify(articleFeatures(a))) as ReturnType<typeof articleFeatures>;
    assert.equal(f.sentenceFacts!.length, f.sentences.length);
    f.sentences.forEach((s, i) => {
      const worked = sentenceFactsOf(s);
      assert.deepEqual(fromStored(f.sentenceFacts![i]), worked, s.text);
      figures += worked.figures.length;
      quantities += worked.quantities.length;
    });
    // with a template paragraph taken out, the stored facts follow their sentences
    const p = fromFeatures(a, f, new Set([1])).prepared;
    p.sentences.forEach((s, i) => assert.deepEqual(fromStored(p.sentFacts![i]), sentenceFactsOf(s)));
  }
  assert.ok(figures > 0 && quantities > 0, 'the seeds state figures');
});

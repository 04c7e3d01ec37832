import { test } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../src/analysis/analyze.ts';
import { buildDossier, renderMarkdown } from '../src/dossier/dossier.ts';
import { estimateEventDate, findDateMentions } from '../src/nlp/dates.ts';
import { decide } from '../src/events/assign.ts';
import { addMember, countArticle, emptyFrequencies, newSummary } from '../src/events/summary.ts';
import { eventFeatures, vectorize } from '../src/events/features.ts';
import { Weigher } from '../src/events/weighing.ts';
import { summaryOf } from '../src/events/group.ts';
import { prepareArticle } from '../src/analysis/prepare.ts';
import { extractMentions } from '../src/entities/mentions.ts';
import { DEFAULT_WEIGHTS, fitScore } from '../src/events/similarity.ts';
import type { EventVector } from '../src/model/event.ts';
import type { Article } from '../src/model/article.ts';
import { articleFromText, seedArticles } from './helpers.ts';
import { Store } from '../src/store/store.ts';
import type { Analysis } from '../src/model/analysis.ts';

// ---------- a small corpus: two look-alike rehab stays, two look-alike missile launches, an attack and its follow-up ----------

const rehab = (who: string, where: string, town: string, rep: string, day: string) => [
  `Actress ${who} checked into the ${where} in ${town} on ${day}, her representative ${rep} confirmed. ` +
    `${rep} asked for privacy for ${who} and her family and did not say what she was being treated for. ` +
    `${who} has starred in several comedies and was last seen at a film premiere.`,
  `${who} has entered rehab. The actress went to the ${where}, a treatment facility in ${town}, said ${rep}, who speaks for her. ` +
    `Friends of ${who} said the stay had been planned for weeks and that she was doing well.`,
  `A spokesman, ${rep}, said ${who} began a stay at the ${where} on ${day}. The ${town} clinic has treated many stars. ` +
    `${who} thanked her fans for their support in a short statement released by ${rep}.`,
];

const launch = (day: string, detail: string) => [
  `Ostria fired a ballistic missile into the Sea of Varn on ${day}, the defence ministry of Belmar said. ` +
    `The missile flew about 600 kilometres before falling into the sea. Leader Kael Dorn watched the launch, state media said. ${detail}`,
  `Belmar's defence ministry said Ostria launched a ballistic missile on ${day} that landed in the Sea of Varn after a flight of roughly 600 kilometres. ` +
    `State media said Kael Dorn observed the test. ${detail}`,
];

interface Corpus {
  articles: Article[];
  /** label -> the event it reports */
  truth: Map<string, string>;
}

function corpus(): Corpus {
  const articles: Article[] = [];
  const truth = new Map<string, string>();
  const add = (event: string, label: string, text: string, publishedAt: string | null, outlet: string) => {
    articles.push(articleFromText(label, text, publishedAt, outlet));
    truth.set(label, event);
  };
  rehab('Mara Velden', 'Solace Recovery Center', 'Malibu', 'Dan Roff', 'Friday').forEach((t, i) => add('velden', `velden-${i}`, t, `2013-05-0${3 + (i % 2)}T12:00:00Z`, `Paper ${i}`));
  rehab('Lina Kovar', 'Harbor Rest clinic', 'Palm Springs', 'Eve Stahl', 'Monday').forEach((t, i) => add('kovar', `kovar-${i}`, t, `2014-02-1${i % 2}T12:00:00Z`, `Paper ${i}`));
  launch('Tuesday', 'It was the third launch this year.').forEach((t, i) => add('launch-1', `launch1-${i}`, t, `2022-09-2${7 + i}T08:00:00Z`, `Wire ${i}`));
  launch('Friday', 'Neighbouring states condemned the test.').forEach((t, i) => add('launch-2', `launch2-${i}`, t, `2022-10-1${4 + i}T08:00:00Z`, `Wire ${i}`));
  add('bombing', 'bomb-0', 'A bomb exploded at the Lindholm market in Ravsk on Saturday, killing four people and wounding twenty, police chief Arno Beck said. The blast tore through stalls selling fruit shortly after noon.', '2021-06-12T15:00:00Z', 'Paper A');
  add('bombing', 'bomb-1', 'Four people died when an explosive device went off among the fruit stalls of Ravsk\'s Lindholm market at midday on Saturday. Police chief Arno Beck said twenty were hurt and appealed for witnesses to come forward.', '2021-06-12T18:00:00Z', 'Paper B');
  add('bombing', 'bomb-2', 'Police in Ravsk arrested a man suspected of planting the bomb that killed four people at the Lindholm market on Saturday, police chief Arno Beck told reporters. The suspect, 34, was detained at a flat near the market.', '2021-06-14T10:00:00Z', 'Paper C');
  return { articles, truth };
}

/** The grouping as a set of label sets, comparable across runs. */
function grouping(an: Analysis): string[] {
  const label = new Map(an.articles.map((a) => [a.id, a.label]));
  return an.events.map((e) => e.articleIds.map((id) => label.get(id)!).sort().join(',')).sort();
}

function storyOf(an: Analysis, label: string) {
  const id = an.articles.find((a) => a.label === label)!.id;
  return an.events.find((e) => e.articleIds.includes(id))!;
}

let cached: Analysis | null = null;
const corpusAnalysis = () => (cached ??= analyze(corpus().articles));

test('events: each event of the small corpus is one story, look-alikes apart', () => {
  const { truth } = corpus();
  const got = grouping(corpusAnalysis());
  const want = [...new Set(truth.values())].map((ev) => [...truth].filter(([, e]) => e === ev).map(([l]) => l).sort().join(',')).sort();
  assert.deepEqual(got, want);
});

test('events: look-alike stays with other people, place and date are kept apart, and the explanation names the difference', () => {
  const an = corpusAnalysis();
  const velden = storyOf(an, 'velden-0');
  const kovar = storyOf(an, 'kovar-0');
  assert.notEqual(velden.id, kovar.id);
  const apart = velden.explanation.apart.find((x) => x.storyId === kovar.id);
  assert.ok(apart, 'the other rehab story is listed as a look-alike kept apart');
  assert.ok(apart!.content > 0.1, `content ${apart!.content}`);
  assert.ok(apart!.onlyHere.some((n) => /Velden|Solace|Malibu|Roff/.test(n)), apart!.onlyHere.join(','));
  assert.ok(apart!.onlyThere.some((n) => /Kovar|Harbor|Palm|Stahl/.test(n)), apart!.onlyThere.join(','));
  assert.ok(apart!.reasons.some((r) => /days apart/.test(r)), apart!.reasons.join(' | '));
});

test('events: near-identical reports of two launches 17 days apart stay two stories; time is a penalty, not a veto', () => {
  const an = corpusAnalysis();
  assert.notEqual(storyOf(an, 'launch1-0').id, storyOf(an, 'launch2-0').id);
  assert.equal(storyOf(an, 'launch1-0').id, storyOf(an, 'launch1-1').id);
  // a follow-up two days later, in other words, joins the event it follows
  assert.equal(storyOf(an, 'bomb-2').id, storyOf(an, 'bomb-0').id);
  assert.equal(storyOf(an, 'bomb-1').id, storyOf(an, 'bomb-0').id);
});

test('events: an undated report joins the right look-alike by its names and takes that story\'s date', () => {
  const { articles } = corpus();
  const undated = articleFromText(
    'kovar-undated',
    'Lina Kovar is being treated at the Harbor Rest clinic in Palm Springs, according to Eve Stahl. The actress asked for privacy. Stahl said the treatment would last several weeks and that Kovar was grateful for the messages from fans.',
  );
  const an = analyze([...articles, undated]);
  const story = storyOf(an, 'kovar-undated');
  assert.equal(story.id, storyOf(an, 'kovar-0').id);
  assert.notEqual(story.id, storyOf(an, 'velden-0').id);
  const why = story.explanation.members.find((m) => m.articleId === undated.id)!;
  assert.equal(why.dateSource, 'cluster');
  assert.match(why.date ?? '', /^2014-02-1[01]$/);
  assert.equal(an.articles.find((a) => a.id === undated.id)!.eventDate?.source, 'cluster');
  assert.ok(why.sharedNames.includes('Kovar'), why.sharedNames.join(','));
});

test('events: a report whose only date is background still joins its story (one wrong date does not split it)', () => {
  const { articles } = corpus();
  const background = articleFromText(
    'kovar-background',
    'Actress Lina Kovar checked into the Harbor Rest clinic in Palm Springs, her representative Eve Stahl confirmed. The clinic opened on June 3, 1998. Stahl asked for privacy for Kovar and her family.',
  );
  const an = analyze([...articles, background]);
  assert.equal(an.articles.find((a) => a.id === background.id)!.eventDate?.date, '1998-06-03');
  assert.equal(storyOf(an, 'kovar-background').id, storyOf(an, 'kovar-0').id);
});

test('events: the grouping does not depend on the order articles come in', () => {
  const { articles } = corpus();
  const base = grouping(analyze(articles));
  let seed = 7;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let k = 0; k < 3; k++) {
    const shuffled = [...articles].sort(() => rand() - 0.5);
    assert.deepEqual(grouping(analyze(shuffled)), base);
  }
  assert.deepEqual(grouping(analyze([...articles].reverse())), base);
  const seeds = seedArticles();
  assert.deepEqual(grouping(analyze([...seeds].reverse())), grouping(analyze(seeds)));
});

test('events: each member says why it is in its story', () => {
  const an = corpusAnalysis();
  for (const ev of an.events) {
    assert.equal(ev.explanation.members.length, ev.articleIds.length);
    for (const m of ev.explanation.members) {
      assert.ok(ev.articleIds.includes(m.articleId));
      if (ev.articleIds.length > 1) assert.ok(m.score >= DEFAULT_WEIGHTS.join - 1e-9 || m.copyOf.length > 0, `${m.articleId} ${m.score}`);
      assert.ok(m.date, 'dated');
    }
  }
  const bomb = storyOf(an, 'bomb-0');
  for (const m of bomb.explanation.members) assert.ok(m.sharedNames.includes('Beck') || m.sharedNames.includes('Lindholm'), m.sharedNames.join(','));
});

test('events: the dossier shows why articles belong together and what was kept apart', () => {
  const an = corpusAnalysis();
  const d = buildDossier(an, storyOf(an, 'velden-0'));
  assert.equal(d.grouping.members.length, 3);
  assert.deepEqual(d.grouping.members.map((m) => m.ref), [1, 2, 3]);
  const md = renderMarkdown(d);
  assert.match(md, /## Why these articles belong together/);
  assert.match(md, /- \[1\] fits the others at 0\.\d\d/);
  assert.match(md, /### Kept apart from story `ev-[0-9a-z]+` “/);
  assert.match(md, /days apart/);
});

test('events: explanations and assigned dates survive storage', async () => {
  const an = corpusAnalysis();
  const store = await Store.open({ location: 'memory://' });
  try {
    await store.saveAnalysis(an);
    const back = (await store.loadAnalysis())!;
    const ev = storyOf(an, 'velden-0');
    assert.deepEqual(back.events.find((e) => e.id === ev.id)!.explanation, ev.explanation);
  } finally {
    await store.close();
  }
});

// ---------- event dates ----------

test('event date: an obituary is dated by the death, not the birth', () => {
  const obit = 'Jon Harlan, the painter, died on Dec. 12, 2008, at his home in Vermont. Harlan was born on March 3, 1923, in Ohio. Born March 3, 1923, he began painting as a boy. A memorial will be held on Saturday.';
  assert.equal(estimateEventDate(obit, null)?.date, '2008-12-12');
  assert.equal(estimateEventDate(obit, '2008-12-14T09:00:00Z')?.date, '2008-12-12');
});

test('event date: relative dates and weekdays are read against the publication date, or the latest date written', () => {
  assert.deepEqual(estimateEventDate('The actress checked into rehab yesterday, her spokesman said.', '2013-05-03T10:00:00Z'), { date: '2013-05-02', precision: 'day', source: 'text', anchor: 'published' });
  // a dateline, then "on Thursday": the Thursday before it
  assert.equal(estimateEventDate('May 03, 2013\nThe actress checked into rehab on Thursday and thanked her fans on Thursday night.', null)?.date, '2013-05-02');
  // "last night" is not read as a fixed day of the parser's own clock
  assert.deepEqual(findDateMentions('Police said last night that the fire was set.').map((m) => m.kind), ['relative']);
  // a count of things is no year, "1/2" no day
  assert.equal(estimateEventDate('About 2000 people marched, and half (1/2) of them were students.', null), null);
});

test('event date: without a time of writing, a day of no named year falls after the latest month the text looks back on', () => {
  const text = 'In March 2023 she became a minister. In February 2024 the company signed a supply deal. The president arrived on May 16th and left on May 17th, after talks on May 16th.';
  assert.deepEqual(estimateEventDate(text, null), { date: '2024-05-16', precision: 'day', source: 'text', anchor: 'text' });
  // a date the text looks forward to bounds it: May 16th cannot be after "by early 2024"
  const bounded = 'In March 2023 the plan was signed. By early 2024 trade could double. The envoy arrived on May 16th.';
  assert.deepEqual(estimateEventDate(bounded, null), { date: '2023-05-16', precision: 'day', source: 'text', anchor: 'text' });
});

// ---------- the stream primitive ----------

const vec = (id: string, terms: Record<string, number>, names: Record<string, number>, day: number | null = null): EventVector => {
  const unit = (v: Record<string, number>) => {
    const n = Math.sqrt(Object.values(v).reduce((s, x) => s + x * x, 0)) || 1;
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, x / n]));
  };
  return { id, terms: unit(terms), names: unit(names), date: day === null ? null : { from: day, to: day, reliable: true }, copies: {} };
};

test('decide: joins the best-fitting story at the join level, else starts a new one; summaries are plain data', () => {
  const a = vec('a', { rehab: 1, actress: 1, clinic: 1 }, { velden: 1, malibu: 1 }, 100);
  const b = vec('b', { rehab: 1, actress: 1, stay: 1 }, { velden: 1, malibu: 1 }, 101);
  const c = vec('c', { rehab: 1, actress: 1, clinic: 1 }, { kovar: 1, springs: 1 }, 400);
  const s1 = newSummary(a);
  addMember(s1, b);
  const s2 = newSummary(c);
  const stored = JSON.parse(JSON.stringify([s1, s2]));
  const next = vec('d', { rehab: 1, actress: 1 }, { velden: 1 }, 102);
  const d1 = decide(next, [s1, s2], DEFAULT_WEIGHTS);
  assert.equal(d1.join, s1.id);
  assert.deepEqual(decide(next, stored, DEFAULT_WEIGHTS), d1, 'same decision from stored summaries');
  // same words, other names, a year later: a new story
  const other = vec('e', { rehab: 1, actress: 1 }, { lohr: 1, paris: 1 }, 700);
  assert.equal(decide(other, [s1, s2], DEFAULT_WEIGHTS).join, null);
  // fits are averages over members: a member compared with its own story does not meet itself
  assert.ok(fitScore(a, s1, DEFAULT_WEIGHTS, true).total < fitScore(a, s1, DEFAULT_WEIGHTS, false).total);
});

test('candidate stories summed from stored counts are what summaryOf gives of vectorized members, bit for bit, as the collection changes', () => {
  const prepared = seedArticles().map((a) => prepareArticle(a));
  const features = prepared.map((p) => eventFeatures(p, extractMentions(p)));
  const df = emptyFrequencies();
  const weigher = new Weigher();
  const only = (v: Record<string, number>, keep: Set<string>) => Object.fromEntries(Object.entries(v).filter(([k]) => keep.has(k)));
  for (const f of features) {
    countArticle(df, f);
    // members given out of id order; all keys of the first, a few of the second, names of the third
    const members = [...features].reverse();
    const keep = { terms: new Set([...Object.keys(features[0].terms), ...Object.keys(features[1].terms).slice(0, 5)]), names: new Set(Object.keys(features[2].names)) };
    const got = weigher.summarize(members, df, keep);
    const want = summaryOf(members.map((g) => vectorize(g, df)).map((v) => ({ ...v, terms: only(v.terms, keep.terms), names: only(v.names, keep.names) })));
    assert.deepEqual(got, want);
    // the same keys in the same order (dot products add in it)
    assert.deepEqual(Object.keys(got.terms), Object.keys(want.terms));
    assert.deepEqual(Object.keys(got.names), Object.keys(want.names));
  }
});

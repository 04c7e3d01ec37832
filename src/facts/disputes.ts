// Where reports disagree on a figure. The same quantity about the same thing (people killed, people
// injured, an amount said about the same object) with values that independent sources never share is a
// contradiction, listed with each source; one source changing its figure over time — or a later report
// saying the figure rose — is an update, shown earlier first, not an error.
import type { Citation, Contradiction } from '../model/fact.ts';
import { shortId } from '../nlp/text.ts';
import type { Cand } from './candidates.ts';
import { comparable, differ, reportsChange, type Quantity } from './quantities.ts';

interface Report {
  cand: Cand;
  q: Quantity;
  group: string;
  time: string;
}

const sameValue = (a: number, b: number) => !differ(a, b);

/** The figure as the source wrote it, with its "at least" or "more than". */
function claimOf(r: Report): string {
  return `${r.q.qualifier ? r.q.qualifier + ' ' : ''}${r.q.figure.raw}`;
}

function topicOf(rs: Report[]): string {
  const q = rs[0].q;
  if (q.typed) return `number ${q.kind}`;
  const about = [...new Set(rs.flatMap((r) => [...r.q.about]))].slice(0, 4).join(', ');
  const what = q.kind.startsWith('money:') ? `amount in ${q.kind.slice(6)}` : q.kind === 'percent' ? 'percentage' : `number of ${q.kind.slice(6)}`;
  return about ? `${what} (${about})` : what;
}

/** Reports of one quantity: typed ones by their state, others when they count the same thing (compared within a kind only). */
function quantityClusters(reports: Report[]): Report[][] {
  const out = new Map<string, Report[]>();
  const looseByKind = new Map<string, Report[]>();
  for (const r of reports) {
    const into = r.q.typed ? out : looseByKind;
    (into.get(r.q.kind) ?? into.set(r.q.kind, []).get(r.q.kind)!).push(r);
  }
  for (const [kind, loose] of looseByKind) {
    const parent = loose.map((_, i) => i);
    const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x])));
    for (let i = 0; i < loose.length; i++)
      for (let j = i + 1; j < loose.length; j++) {
        if (find(i) === find(j)) continue;
        const a = loose[i];
        const b = loose[j];
        if (a.cand !== b.cand && comparable(a.q, a.cand, b.q, b.cand)) parent[find(j)] = find(i);
      }
    loose.forEach((r, i) => {
      const k = `~${kind}~${find(i)}`;
      (out.get(k) ?? out.set(k, []).get(k)!).push(r);
    });
  }
  return [...out.values()];
}

export function findDisputes(
  eventId: string,
  cands: Cand[],
  groupOf: (c: Cand) => string,
  publishedAt: (articleId: string) => string | null,
  name?: (key: string) => string,
): Contradiction[] {
  const reports: Report[] = [];
  for (const c of cands) {
    if (c.otherYear) continue; // "in 2004 a tsunami killed 170,000": background, not this event
    for (const q of c.quantities) reports.push({ cand: c, q, group: groupOf(c), time: publishedAt(c.articleId) ?? '' });
  }
  const out: Contradiction[] = [];
  for (const rs of quantityClusters(reports)) {
    const byGroup = new Map<string, Report[]>();
    for (const r of rs) (byGroup.get(r.group) ?? byGroup.set(r.group, []).get(r.group)!).push(r);
    if (byGroup.size < 1) continue;
    const topic = topicOf(rs);
    const counts = tokenCounts(rs);
    const side = (reps: Report[]) => ({
      claim: claimOf(representative(reps, counts)),
      articleIds: [...new Set(reps.map((r) => r.cand.articleId))],
      independentSources: new Set(reps.map((r) => r.group)).size,
      citations: uniqueCitations(reps),
      sources: [...new Set(reps.map((r) => (name ? name(r.group) : r.group)))],
      publishedAt: reps.map((r) => r.time).filter(Boolean).sort()[0] ?? null,
    });
    // a source that changed its figure: an update, earlier value first
    for (const [g, reps] of byGroup) {
      const values = distinctValues(reps);
      // one report giving two values is two figures, not a change; an update is a later report
      if (values.length < 2 || new Set(values.map(earliest)).size < values.length) continue;
      out.push({ id: shortId('co-', `${eventId}|update|${topic}|${g}`), eventId, kind: 'update', topic, sides: values.map(side) });
    }
    // independent sources that never give the same value
    const groups = [...byGroup.keys()];
    const disagreeing = new Set<string>();
    for (let i = 0; i < groups.length; i++)
      for (let j = i + 1; j < groups.length; j++) {
        const a = byGroup.get(groups[i])!;
        const b = byGroup.get(groups[j])!;
        if (a.some((x) => b.some((y) => sameValue(x.q.figure.value, y.q.figure.value)))) continue;
        const later = laterChange(a, b) ?? laterChange(b, a);
        if (later) {
          const [early, late] = later;
          out.push({ id: shortId('co-', `${eventId}|update|${topic}|${groups[i]}|${groups[j]}`), eventId, kind: 'update', topic, sides: [side(early), side(late)] });
          continue;
        }
        disagreeing.add(groups[i]).add(groups[j]);
      }
    if (!disagreeing.size) continue;
    // each disagreeing source by its latest value; sources with the same latest value side together
    const latest = [...disagreeing].map((g) => {
      const reps = byGroup.get(g)!;
      const last = [...reps].sort((x, y) => y.time.localeCompare(x.time))[0];
      return reps.filter((r) => sameValue(r.q.figure.value, last.q.figure.value));
    });
    const sides: Report[][] = [];
    for (const reps of latest) {
      const s = sides.find((x) => sameValue(x[0].q.figure.value, reps[0].q.figure.value));
      if (s) s.push(...reps);
      else sides.push([...reps]);
    }
    if (sides.length < 2) continue;
    sides.sort((x, y) => earliest(x).localeCompare(earliest(y)) || x[0].q.figure.value - y[0].q.figure.value);
    out.push({ id: shortId('co-', `${eventId}|figure|${topic}|${[...disagreeing].sort().join(',')}`), eventId, kind: 'figure', topic, sides: sides.map(side) });
  }
  return out;
}

/** token -> how many of the reports' sentences have it */
function tokenCounts(reports: Report[]): Map<string, number> {
  const n = new Map<string, number>();
  for (const r of reports) for (const t of r.cand.tokens) n.set(t, (n.get(t) ?? 0) + 1);
  return n;
}

/**
 * The report of a side whose sentence reads most like the other reports (the same statement, other value): the
 * most words shared with the reports of the other sides, counted through `all` (token counts of every report).
 */
function representative(reps: Report[], all: Map<string, number>): Report {
  const own = tokenCounts(reps);
  const score = (r: Report) => {
    let s = 0;
    for (const t of r.cand.tokens) s += (all.get(t) ?? 0) - (own.get(t) ?? 0);
    return s;
  };
  return [...reps].sort((a, b) => score(b) - score(a))[0];
}

/** Reports grouped by value, in the order the values were first published. */
function distinctValues(reps: Report[]): Report[][] {
  const vs: Report[][] = [];
  for (const r of [...reps].sort((x, y) => x.time.localeCompare(y.time))) {
    const v = vs.find((x) => sameValue(x[0].q.figure.value, r.q.figure.value));
    if (v) v.push(r);
    else vs.push([r]);
  }
  return vs;
}

const earliest = (reps: Report[]) => reps.map((r) => r.time).sort()[0] ?? '';

/** `b` reports later than all of `a` and says its figure changed: an update of `a`'s figure. */
function laterChange(a: Report[], b: Report[]): [Report[], Report[]] | null {
  const lastA = a.map((r) => r.time).sort().at(-1) ?? '';
  if (!lastA || !b.every((r) => r.time > lastA) || !b.some((r) => reportsChange(r.cand.text))) return null;
  return [a, b];
}

function uniqueCitations(reps: Report[]): Citation[] {
  const seen = new Set<string>();
  const out: Citation[] = [];
  for (const r of reps) {
    const k = `${r.cand.articleId}:${r.cand.sentence}`;
    if (seen.has(k)) continue;
    seen.add(k);
    out.push({ articleId: r.cand.articleId, sentence: r.cand.sentence, text: r.cand.text });
  }
  return out;
}

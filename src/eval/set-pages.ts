// Scores the parsed pages against the extraction and date labels.
import type { PageLabel } from './data.ts';
import type { PageResult } from './page.ts';
import { addCounts, emptyCounts, scoreSnippets, snippetScores } from './snippets.ts';
import { exactMatch, normalizeAuthors, normalizeTitle } from './exact.ts';
import { dateScores, dayOf, scoreDate, type DateOutcome } from './dates.ts';
import type { DatesScores, ExtractionScores, SetResult } from './set-result.ts';

const crashesOf = (results: PageResult[]) => results.flatMap((r) => (r.crashed ? [r.crashed] : []));

/** Days between two YYYY-MM-DD strings, or null if either is not one. */
function dayDistance(a: string, b: string): number | null {
  const ta = Date.parse(a + 'T00:00:00Z');
  const tb = Date.parse(b + 'T00:00:00Z');
  return Number.isNaN(ta) || Number.isNaN(tb) ? null : Math.round(Math.abs(ta - tb) / 86_400_000);
}

export function evaluateExtraction(labels: PageLabel[], results: Map<string, PageResult>): SetResult<ExtractionScores> {
  let counts = emptyCounts();
  let titles = 0;
  let titlesRight = 0;
  let authors = 0;
  let authorsRight = 0;
  const dateOutcomes: DateOutcome[] = [];
  const details: object[] = [];
  let ms = 0;
  for (const label of labels) {
    const r = results.get(label.path)!;
    ms += r.ms;
    const s = scoreSnippets(r.text, label.with ?? [], label.without ?? []);
    counts = addCounts(counts, s);
    const titleOk = label.title !== undefined ? exactMatch(r.title, label.title, normalizeTitle) : null;
    const authorOk = label.author !== undefined ? exactMatch(r.author, label.author, normalizeAuthors) : null;
    if (titleOk !== null) titles++;
    if (titleOk) titlesRight++;
    if (authorOk !== null) authors++;
    if (authorOk) authorsRight++;
    const day = dayOf(r.publishedAt);
    const dateOutcome = label.date ? scoreDate(day, label.date) : null;
    if (dateOutcome) dateOutcomes.push(dateOutcome);
    details.push({
      id: label.id,
      url: label.url,
      rejected: r.rejected,
      crashed: r.crashed,
      snippets: { tp: s.tp, fn: s.fn, fp: s.fp, tn: s.tn },
      missed: s.missed,
      leaked: s.leaked,
      title: { ok: titleOk, got: r.title, gold: label.title ?? null },
      author: { ok: authorOk, got: r.author, gold: label.author ?? null },
      date: { outcome: dateOutcome, got: day, gold: label.date ?? null },
      words: r.text ? r.text.split(/\s+/).filter(Boolean).length : 0,
    });
  }
  const scored = labels.map((l) => results.get(l.path)!);
  const d = dateScores(dateOutcomes);
  return {
    scores: {
      ...snippetScores(counts),
      rejected: scored.filter((r) => r.text === null).length,
      title_exact: titles ? titlesRight / titles : 0,
      author_exact: authors ? authorsRight / authors : 0,
    },
    extra: {
      pages: labels.length,
      crashed: scored.filter((r) => r.crashed).length,
      titles,
      authors,
      dated: dateOutcomes.length,
      date_precision: d.precision,
      date_recall: d.recall,
      date_f1: d.f1,
      date_accuracy: d.accuracy,
      pages_per_second: ms > 0 ? labels.length / (ms / 1000) : 0,
    },
    details,
    crashes: crashesOf(scored),
  };
}

export function evaluateDates(labels: PageLabel[], results: Map<string, PageResult>): SetResult<DatesScores> {
  const outcomes: DateOutcome[] = [];
  const details: object[] = [];
  let oneDayOff = 0;
  for (const label of labels) {
    const r = results.get(label.path)!;
    const day = dayOf(r.publishedAt);
    const outcome = scoreDate(day, label.date!);
    outcomes.push(outcome);
    const off = outcome === 'fp' ? dayDistance(day!, label.date!) : null;
    if (off === 1) oneDayOff++;
    details.push({ id: label.id, url: label.url, outcome, got: day, stored: r.publishedAt, gold: label.date, daysOff: off, rejected: r.rejected, crashed: r.crashed });
  }
  const scored = labels.map((l) => results.get(l.path)!);
  return {
    scores: dateScores(outcomes),
    extra: {
      pages: labels.length,
      rejected: scored.filter((r) => r.text === null).length,
      crashed: scored.filter((r) => r.crashed).length,
      tp: outcomes.filter((o) => o === 'tp').length,
      fp: outcomes.filter((o) => o === 'fp').length,
      fn: outcomes.filter((o) => o === 'fn').length,
      one_day_off: oneDayOff,
    },
    details,
    crashes: crashesOf(scored),
  };
}

// Text the ingest and story commands print: an ingest summary and the stories with their articles.
import type { IngestReport } from '../ingest/ingest.ts';
import type { StoryListItem } from '../store/reads.ts';
import { describeDates } from '../dossier/dossier.ts';
import { log } from './context.ts';

export function printReport(r: IngestReport): void {
  log(`ingested ${r.inserted.length} new article(s) from ${r.files} file(s); ${r.duplicates.length} already stored; ${r.errors.length} rejected`);
  for (const w of r.warnings) log(`  warning: ${w.origin}: ${w.warning}`);
  for (const e of r.errors) log(`  rejected: ${e.reason}`);
  if (r.errors.length) log(`  (rejected inputs are kept; list them with 'newsprov errors')`);
}

/** One story of the list as text: its number, title, counts and articles. */
export function storyLines(e: StoryListItem): string[] {
  const L = [`${e.number}. [${e.id}] ${e.title}`];
  L.push(`   ${describeDates(e.dateFrom, e.dateTo)} · ${e.articles.length} article(s) · ${e.independentSources} independent source(s) · ${e.corroboratedFacts} corroborated fact(s) · ${e.contradictions} contradiction(s)`);
  for (const a of e.articles) {
    const note = a.copy ? ` — ${a.copy.kind} copy of ${a.copy.sourceLabel ?? undefined}` : '';
    L.push(`   - ${a.label}${a.outlet ? ` (${a.outlet})` : ''}: ${a.title ?? a.firstSentence?.slice(0, 80) ?? ''}${note}`);
  }
  return L;
}

export const NO_STORIES = 'No stories yet: ingest some articles first (newsprov ingest <path>).';

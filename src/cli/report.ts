// Text the ingest and story commands print: an ingest summary and the stories with their articles.
import type { IngestReport } from '../ingest/ingest.ts';
import type { Analysis } from '../model/analysis.ts';
import { describeDates } from '../dossier/dossier.ts';
import { log } from './context.ts';

export function printReport(r: IngestReport): void {
  log(`ingested ${r.inserted.length} new article(s) from ${r.files} file(s); ${r.duplicates.length} already stored; ${r.errors.length} rejected`);
  for (const w of r.warnings) log(`  warning: ${w.origin}: ${w.warning}`);
  for (const e of r.errors) log(`  rejected: ${e.reason}`);
  if (r.errors.length) log(`  (rejected inputs are kept; list them with 'newsprov errors')`);
}

export function storiesText(an: Analysis): string {
  const byId = new Map(an.articles.map((a) => [a.id, a]));
  const copyOf = new Map(an.copies.map((c) => [c.copyId, c]));
  const L: string[] = [];
  an.events.forEach((e, i) => {
    const corr = e.facts.filter((f) => f.status === 'corroborated').length;
    L.push(`${e.number ?? i + 1}. [${e.id}] ${e.title}`);
    L.push(`   ${describeDates(e.dateFrom, e.dateTo)} · ${e.articleIds.length} article(s) · ${e.independentSources} independent source(s) · ${corr} corroborated fact(s) · ${e.contradictions.length} contradiction(s)`);
    for (const id of e.articleIds) {
      const a = byId.get(id)!;
      const c = copyOf.get(id);
      const note = c ? ` — ${c.kind} copy of ${byId.get(c.sourceId)?.label}` : '';
      L.push(`   - ${a.label}${a.outlet ? ` (${a.outlet})` : ''}: ${a.title ?? a.sentences[0]?.slice(0, 80) ?? ''}${note}`);
    }
  });
  if (!an.events.length) L.push('No stories yet: ingest some articles first (newsprov ingest <path>).');
  return L.join('\n');
}

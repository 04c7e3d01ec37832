// Clough & Stevenson dev: sources and answers together through the engine; its copy relations
// scored as links between documents.
import type { ReuseSet } from './data.ts';
import { runCorpus } from './corpus.ts';
import { scoreReuse, type Link } from './reuse.ts';
import type { ReuseSetScores, SetResult } from './set-result.ts';

export function evaluateReuse(set: ReuseSet): SetResult<ReuseSetScores> {
  const run = runCorpus([...set.sources, ...set.answers]);
  // a relation between two articles links every document each of them stands for
  const links: Link[] = [];
  const relations: Array<{ copy: string[]; source: string[]; kind: string; coverage: number }> = [];
  for (const c of run.analysis.copies) {
    const copies = run.docsOf.get(c.copyId) ?? [];
    const sources = run.docsOf.get(c.sourceId) ?? [];
    relations.push({ copy: copies, source: sources, kind: c.kind, coverage: c.copyCoverage });
    for (const a of copies) for (const b of sources) links.push([a, b]);
  }
  // documents with the same cleaned text were stored once: they are one group
  for (const ids of run.docsOf.values()) for (const id of ids.slice(1)) links.push([ids[0], id]);
  const sourceIds = set.sources.map((s) => s.id);
  const r = scoreReuse(set.answers, sourceIds, links);
  const outcomes = [...run.outcomes.values()];
  return {
    scores: { ari: r.ari, linked: r.linked, wrong_source: r.wrong_source },
    extra: {
      docs: outcomes.length,
      rejected: outcomes.filter((o) => o.rejected).length,
      crashed: outcomes.filter((o) => o.crashed).length,
      relations: run.analysis.copies.length,
      ...Object.fromEntries(Object.entries(r.linkedCounts).flatMap(([c, n]) => [[`${c}_linked`, n.linked], [`${c}_total`, n.total]])),
    },
    details: [
      ...set.answers.map((a) => {
        const o = run.outcomes.get(a.id)!;
        const mine = relations.filter((x) => x.copy.includes(a.id) || x.source.includes(a.id));
        return { id: a.id, category: a.category, source: a.source, component: r.components.get(a.id), rejected: o.rejected, crashed: o.crashed, relations: mine };
      }),
      ...sourceIds.map((id) => ({ id, component: r.components.get(id), rejected: run.outcomes.get(id)!.rejected })),
    ],
    crashes: outcomes.flatMap((o) => (o.crashed ? [o.crashed] : [])),
  };
}

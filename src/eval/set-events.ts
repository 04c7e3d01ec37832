// ECB+ dev: documents grouped into stories by the engine, scored with B-cubed against the gold events.
import type { EventDoc } from './data.ts';
import { runCorpus } from './corpus.ts';
import { bcubed } from './bcubed.ts';
import type { EventsScores, SetResult } from './set-result.ts';

export function evaluateEvents(docs: EventDoc[]): SetResult<EventsScores> {
  const run = runCorpus(docs);
  const storyOf = new Map<string, string>();
  for (const ev of run.analysis.events) for (const id of ev.articleIds) if (!storyOf.has(id)) storyOf.set(id, ev.id);
  // a rejected document, or an article left out of every story, is a story of its own
  const predicted = new Map<string, string>();
  for (const doc of docs) {
    const o = run.outcomes.get(doc.id)!;
    predicted.set(doc.id, o.articleId ? (storyOf.get(o.articleId) ?? `alone:${o.articleId}`) : `alone:${doc.id}`);
  }
  const gold = new Map(docs.map((d) => [d.id, d.event]));
  const b3 = bcubed(predicted, gold);
  const size = new Map<string, number>();
  for (const c of predicted.values()) size.set(c, (size.get(c) ?? 0) + 1);
  const outcomes = [...run.outcomes.values()];
  return {
    scores: { ...b3, clusters: size.size },
    extra: {
      docs: docs.length,
      gold_events: new Set(gold.values()).size,
      stories: run.analysis.events.length,
      rejected: outcomes.filter((o) => o.rejected).length,
      crashed: outcomes.filter((o) => o.crashed).length,
      duplicates: outcomes.filter((o) => o.duplicateOf).length,
      copy_relations: run.analysis.copies.length,
    },
    details: docs.map((d) => {
      const o = run.outcomes.get(d.id)!;
      const cluster = predicted.get(d.id)!;
      return { id: d.id, topic: d.topic, gold: d.event, cluster, clusterSize: size.get(cluster), rejected: o.rejected, crashed: o.crashed, duplicateOf: o.duplicateOf };
    }),
    crashes: outcomes.flatMap((o) => (o.crashed ? [o.crashed] : [])),
  };
}

// Rewriting an analysis's provisional story and entity ids to their persistent ones, everywhere they appear.
import type { Analysis } from '../model/analysis.ts';

const swap = (map: Map<string, string>) => (id: string) => map.get(id) ?? id;

export function renameStories(an: Analysis, ids: Map<string, string>, numbers: Map<string, number>): void {
  const to = swap(ids);
  for (const e of an.events) {
    e.id = to(e.id);
    e.number = numbers.get(e.id);
    for (const f of e.facts) f.eventId = to(f.eventId);
    for (const c of e.contradictions) c.eventId = to(c.eventId);
    for (const x of e.explanation?.apart ?? []) x.storyId = to(x.storyId);
  }
}

export function renameEntities(an: Analysis, ids: Map<string, string>): void {
  const to = swap(ids);
  for (const e of an.entities) e.id = to(e.id);
  for (const ev of an.events) {
    ev.entityIds = ev.entityIds.map(to);
    for (const f of ev.facts) f.entityIds = f.entityIds.map(to);
    for (const fr of ev.framing) for (const n of fr.namings) n.entityId = to(n.entityId);
  }
}

// One entity from its per-story views: mentions and forms added up, the name and type of the view most articles share.
import type { Entity } from '../model/entity.ts';

/** An entity view whose mentions may be left out, with only their number kept (read models that do not show them). */
type Row = Entity & { mentionCount?: number };
const mentionsOf = (e: Row) => e.mentionCount ?? e.mentions.length;

/** Views of one entity from several stories (or several resolutions), merged into one entity per id. */
export function mergeEntityRows<E extends Row>(rows: E[]): E[] {
  const byId = new Map<string, { rows: E[] }>();
  for (const r of rows) (byId.get(r.id) ?? byId.set(r.id, { rows: [] }).get(r.id)!).rows.push(r);
  const out: E[] = [];
  for (const [id, { rows: rs }] of byId) {
    if (rs.length === 1) {
      out.push(rs[0]);
      continue;
    }
    const main = [...rs].sort((a, b) => b.articleIds.length - a.articleIds.length || mentionsOf(b) - mentionsOf(a) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))[0];
    const forms = new Map<string, { count: number; articleIds: Set<string> }>();
    for (const r of rs)
      for (const a of r.aliases) {
        const f = forms.get(a.form) ?? forms.set(a.form, { count: 0, articleIds: new Set() }).get(a.form)!;
        f.count += a.count;
        a.articleIds.forEach((x) => f.articleIds.add(x));
      }
    const aliases = [...forms]
      .map(([form, f]) => ({ form, count: f.count, articleIds: [...f.articleIds].sort() }))
      .sort((a, b) => b.articleIds.length - a.articleIds.length || b.count - a.count || b.form.split(' ').length - a.form.split(' ').length);
    const merged: Row = { id, name: main.name, type: main.type, aliases, mentions: rs.flatMap((r) => r.mentions), articleIds: [...new Set(rs.flatMap((r) => r.articleIds))].sort() };
    if (rs.some((r) => r.mentionCount !== undefined)) merged.mentionCount = rs.reduce((n, r) => n + mentionsOf(r), 0);
    out.push(merged as E);
  }
  return out.sort((a, b) => b.articleIds.length - a.articleIds.length || mentionsOf(b) - mentionsOf(a) || a.name.localeCompare(b.name));
}

// Stable story and entity identity in the store: before an analysis replaces the previous one, its stories are
// matched to the previous stories (src/identity/stories.ts) and its entities to the previous entities, and the
// analysis is rewritten to the persistent ids. Story ids and numbers are kept in story_ids for good; merges,
// splits, moves and new stories go to story_history.
import { asc, eq, sql } from 'drizzle-orm';
import type { PgDatabase } from 'drizzle-orm/pg-core';
import * as T from './schema.ts';
import type { Analysis } from '../model/analysis.ts';
import type { StoryChange, StoryIndex } from '../model/identity.ts';
import { matchStories, type PriorStory } from '../identity/stories.ts';
import { matchEntities } from '../identity/entities.ts';
import { renameEntities, renameStories } from '../identity/rename.ts';
import { LOCK } from './locks.ts';
import { toTextArray } from './features.ts';
import { recordsInsert } from './records.ts';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Db = PgDatabase<any, any, any>;


const iso = (v: string) => new Date(Date.parse(v)).toISOString();

/** A stored story as `priorState` reads it. */
interface StoredStory {
  id: string;
  number: number | null;
  position: number;
  registered: number | null;
  members: string[];
}

/** A json column's value: parsed by the driver, or as text. */
const parsed = <X>(v: X | string): X => (typeof v === 'string' ? (JSON.parse(v) as X) : v);

export class IdentityStore {
  constructor(private readonly db: Db) {}

  /**
   * Give the analysis's stories and entities their persistent ids (call inside the transaction that saves it).
   * With `scope`, the analysis replaces only those stored stories (the rest stay as they are).
   */
  async assign(an: Analysis, scope?: Set<string>): Promise<void> {
    await this.db.execute(sql`SELECT pg_advisory_xact_lock(${LOCK.identity})`);
    // only the ids this analysis might give are looked up: the registry grows with the collection
    const { prior, top, taken } = await this.priorState(an.events.map((e) => e.id), scope);
    const match = matchStories(prior, an.events.map((e) => ({ id: e.id, articleIds: e.articleIds })));
    let nextNumber = top + 1;
    const ids = new Map(match.kept);
    // kept stories keep their registered numbers; new ones take the next free ones
    const priorNumber = new Map(prior.map((p) => [p.id, p.number]));
    const numbers = new Map([...ids.values()].map((id) => [id, priorNumber.get(id)!]));
    const registered: Array<typeof T.storyIds.$inferInsert> = [];
    const changes: StoryChange[] = [];
    const splitFrom = new Map(match.splits.map((s) => [s.id, s]));
    const created = new Set(match.created);
    for (const e of an.events) {
      if (ids.has(e.id)) continue;
      const number = nextNumber++;
      const id = taken.has(e.id) ? `${e.id}-${number}` : e.id;
      taken.add(id);
      ids.set(e.id, id);
      numbers.set(id, number);
      registered.push({ id, number, createdAt: an.generatedAt });
      const split = splitFrom.get(e.id);
      if (split) changes.push({ at: an.generatedAt, kind: 'split', storyId: id, otherId: split.from, articleIds: split.articleIds });
      else if (created.has(e.id)) changes.push({ at: an.generatedAt, kind: 'created', storyId: id, otherId: null, articleIds: [...e.articleIds].sort() });
    }
    for (const m of match.merges) {
      // the absorbed id, and any id that led to it, now lead to the survivor
      const survivor = ids.get(m.survivor)!;
      await this.db.update(T.storyIds).set({ redirectTo: survivor }).where(eq(T.storyIds.redirectTo, m.absorbed));
      await this.db.update(T.storyIds).set({ redirectTo: survivor }).where(eq(T.storyIds.id, m.absorbed));
      changes.push({ at: an.generatedAt, kind: 'merge', storyId: survivor, otherId: m.absorbed, articleIds: m.articleIds });
    }
    for (const m of match.moves) changes.push({ at: an.generatedAt, kind: 'moved', storyId: ids.get(m.id)!, otherId: m.from, articleIds: m.articleIds });
    await this.register(registered, changes);
    renameStories(an, ids, numbers);
    // a partial analysis keeps the ids its (spelling-folded) names give: the same stories give the same ids
    if (!scope) await this.keepEntityIds(an);
  }

  /**
   * The stored stories to replace (all without `scope`) with their members and registered numbers, the highest
   * number given, and which of `wanted` are registered ids already: one round trip (one new article's analysis is a
   * few small statements, and their round trips were much of its write). A database from before story numbers
   * seeds the registry.
   */
  private async priorState(wanted: string[], scope?: Set<string>): Promise<{ prior: PriorStory[]; top: number; taken: Set<string> }> {
    const ids = scope ? [...scope] : null;
    const [row] = (
      (await this.db.execute(
        sql`SELECT (SELECT max(number) FROM story_ids) AS top, NOT EXISTS (SELECT 1 FROM story_ids) AS empty,
              (SELECT coalesce(json_agg(id), '[]') FROM story_ids WHERE id = ANY(${toTextArray(wanted)}::text[])) AS taken,
              (SELECT coalesce(json_agg(json_build_object('id', e.id, 'number', e.number, 'position', e.position, 'registered', r.number,
                  'members', (SELECT coalesce(json_agg(m.article_id), '[]') FROM event_articles m WHERE m.event_id = e.id)) ORDER BY e.position), '[]')
               FROM events e LEFT JOIN story_ids r ON r.id = e.id WHERE ${ids ? sql`e.id = ANY(${toTextArray(ids)}::text[])` : sql`true`}) AS prior`,
      )) as unknown as { rows: Array<{ top: number | null; empty: boolean; taken: string[] | string; prior: StoredStory[] | string }> }
    ).rows;
    const evs = parsed(row.prior);
    let top = Number(row.top ?? 0);
    const taken = new Set(parsed(row.taken));
    if (evs.length && row.empty) {
      // only an empty registry (a database from before story numbers) has stored stories without numbers
      const want = new Set(wanted);
      for (const e of evs) {
        e.registered = e.number ?? e.position + 1;
        await this.db.insert(T.storyIds).values({ id: e.id, number: e.registered, createdAt: new Date().toISOString() }).onConflictDoNothing();
        top = Math.max(top, e.registered);
        if (want.has(e.id)) taken.add(e.id);
      }
    }
    const prior = evs.filter((e) => e.registered !== null).map((e) => ({ id: e.id, number: e.registered!, members: e.members }));
    return { prior, top, taken };
  }

  /** New registry rows and history in one statement. */
  private async register(registered: Array<typeof T.storyIds.$inferInsert>, changes: StoryChange[]): Promise<void> {
    if (!registered.length && !changes.length) return;
    if (!changes.length) await this.db.insert(T.storyIds).values(registered);
    else if (!registered.length) await this.db.insert(T.storyHistory).values(changes);
    else await this.db.execute(sql`WITH r AS (${recordsInsert(T.storyIds, registered)}) ${recordsInsert(T.storyHistory, changes)}`);
  }

  /** Entities keep the ids of the previous entities they continue. */
  private async keepEntityIds(an: Analysis): Promise<void> {
    const rows = await this.db.select({ id: T.entities.id, name: T.entities.name, type: T.entities.type, aliases: T.entities.aliases }).from(T.entities).orderBy(asc(T.entities.position), asc(T.entities.id));
    // one prior entity per id, with the forms of all its story views
    const byId = new Map<string, { id: string; name: string; type: string; forms: string[] }>();
    for (const r of rows) {
      const p = byId.get(r.id) ?? byId.set(r.id, { id: r.id, name: r.name, type: r.type, forms: [] }).get(r.id)!;
      for (const a of r.aliases as Array<{ form: string }>) if (!p.forms.includes(a.form)) p.forms.push(a.form);
    }
    const prior = [...byId.values()];
    renameEntities(an, matchEntities(prior, an.entities));
  }

  /** Every story id with its number, the redirects of merged ones, and the history, oldest first. */
  async index(): Promise<StoryIndex> {
    const registry = await this.db.select().from(T.storyIds);
    const history = await this.db.select().from(T.storyHistory).orderBy(asc(T.storyHistory.id));
    return {
      numbers: Object.fromEntries(registry.map((r) => [r.id, r.number])),
      redirects: Object.fromEntries(registry.filter((r) => r.redirectTo).map((r) => [r.id, r.redirectTo!])),
      history: history.map((h) => ({ at: iso(h.at), kind: h.kind as StoryChange['kind'], storyId: h.storyId, otherId: h.otherId, articleIds: h.articleIds as string[] })),
    };
  }
}

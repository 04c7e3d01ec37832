// The incremental analysis runner: takes the stored articles no analysis has taken yet, in arrival order,
// a chunk at a time, and analyses each chunk against stored features only — copy candidates from the
// bucket index, the story each article fits from the stories sharing its terms and names — then re-analyses
// just the stories the chunk touches and replaces them in the store. Nothing holds the whole collection:
// memory follows the chunk and the stories it touches. `rebuild` forgets every result and replays the
// stored articles in the same order, so a rebuilt analysis is what the stream would have given.
import type { Store } from '../store/store.ts';
import type { StoredFeatures } from '../store/features.ts';
import type { Analysis, Progress } from '../model/analysis.ts';
import type { CopyRelation } from '../model/copy.ts';
import type { DocFrequencies } from '../model/event.ts';
import { eventKeys, fromFeatures, safeFeatures, type Prepared } from '../analysis/features.ts';
import { analyzePrepared } from '../analysis/analyze.ts';
import { templateParagraphs } from '../ingest/templates.ts';
import { findCopiesOf, lookUpBuckets, neighbourhoodFurniture, type BucketLookup } from './copies.ts';
import { chooseStories, lookUpCandidates, type EventCache } from './stories.ts';
import { LRUCache } from 'lru-cache';
import { countArticle, emptyFrequencies } from '../events/summary.ts';
import { eventFeatures } from '../events/features.ts';
import { LOCK } from '../store/locks.ts';
import { collectOverBudget } from './memory.ts';
import { cacheSize, CopyCache, entryOfPrepared, type CopyEntry } from './copycache.ts';

type Timer = <X>(name: string, fn: () => Promise<X>) => Promise<X>;

/** A chunk as read before its analysis: its articles in seq order, prepared, and its copy buckets' holders. */
interface ChunkInput {
  loaded: StoredFeatures[];
  prepared: Map<string, Prepared>;
  templateParas: Map<string, number[]>;
  entries: Map<string, CopyEntry>;
  buckets: BucketLookup;
}

/** Articles analysed together: large enough to share lookups, small enough to keep memory flat. */
export const CHUNK = 200;
/** Analysed articles kept as the stages read them (about 100 kB each on the bench corpus). */
const PREPARED_CACHE = 200;
const FEATURE_BATCH = 100;

export interface UpdateReport {
  /** articles analysed by this run */
  articles: number;
  /** stories written (replaced or new) */
  stories: number;
  ms: number;
  timings: Record<string, number>;
}

/** Compute and store the features of stored articles that have none (stored before features were kept, or by a
 * writer that stores articles only), looking at those ingested from `since` on. */
export async function storeMissingFeatures(store: Store, onProgress?: Progress, since: string | null = null): Promise<number> {
  let n = 0;
  for (;;) {
    const articles = await store.features.missing(FEATURE_BATCH, since);
    if (!articles.length) return n;
    await store.features.save(articles.map(safeFeatures));
    n += articles.length;
    onProgress?.('analyse: sentences', n, n);
  }
}

/** Long-lived engine state: the document frequencies, kept in memory between runs of one process. */
export class Engine {
  private df: DocFrequencies | null = null;
  /** copy buckets known to hold more articles than a copy relation can explain */
  private readonly giant = new Set<number>();
  /** articles ingested before this were all given features */
  private checkedUntil: string | null = null;
  /** recently seen articles as copy verification reads them, and their event counts (as story candidates' members) */
  private readonly copyCache = new CopyCache();
  private readonly eventCache: EventCache = new LRUCache({ max: cacheSize() });
  /** analysed articles as the stages read them: the members of a growing story are re-analysed with each new one */
  private readonly preparedCache = new LRUCache<string, { prepared: Prepared; templateParas: number[] }>({ max: PREPARED_CACHE });
  /** analysed articles when the planner's statistics were last refreshed (null: as many as when this process began) */
  private statisticsAt: number | null = null;

  constructor(private readonly store: Store) {}

  /** Analyse every stored article no analysis has taken yet; returns null when another process is doing it. */
  async update(onProgress?: Progress): Promise<UpdateReport | null> {
    return this.store.exclusive(LOCK.analysis, () => this.run(onProgress));
  }

  /** Forget every analysis result and analyse the stored articles again, in arrival order. */
  async rebuild(onProgress?: Progress): Promise<UpdateReport | null> {
    return this.store.exclusive(LOCK.analysis, async () => {
      await this.store.results.clear();
      this.df = null;
      this.checkedUntil = null;
      this.statisticsAt = 0;
      this.giant.clear();
      this.copyCache.clear();
      this.eventCache.clear();
      this.preparedCache.clear();
      return this.run(onProgress);
    });
  }

  private async run(onProgress?: Progress): Promise<UpdateReport> {
    const t0 = performance.now();
    const timings: Record<string, number> = {};
    const time: Timer = async (name, fn) => {
      const s = performance.now();
      try {
        return await fn();
      } finally {
        timings[name] = (timings[name] ?? 0) + Math.round(performance.now() - s);
      }
    };
    // ingest stores features with each article; a database from before features were kept, or articles stored
    // without them, lack some: the whole collection is looked at once, then what was ingested since
    const { lastIngested, analysed, missing } = await this.store.features.progress(this.checkedUntil);
    if (missing) await time('features', () => storeMissingFeatures(this.store, onProgress, this.checkedUntil));
    this.checkedUntil = lastIngested;
    // another process analysed since: its counts are the ones to go on from
    if (!this.df || this.df.docs !== analysed) this.df = await this.store.features.frequencies();
    this.statisticsAt ??= this.df.docs;
    let articles = 0;
    let stories = 0;
    const total = onProgress ? await this.store.features.pendingCount() : 0;
    // the next chunk is read and looked up in copy buckets while this one is analysed: that needs only what
    // ingest stored, and the database's half of it then runs beside the analysis
    let next: Promise<ChunkInput> | null = this.readChunk(null, time);
    try {
      while (next) {
        const input: ChunkInput = await next;
        if (!input.loaded.length) break;
        // a short chunk was all there was (what arrives meanwhile is the next run's)
        next = input.loaded.length < CHUNK ? null : this.readChunk(input.loaded.at(-1)!.seq, time);
        next?.catch(() => {});
        stories += await this.chunk(input, time);
        articles += input.loaded.length;
        collectOverBudget();
        await this.keepStatistics(time);
        onProgress?.('analyse: stories', articles, total);
      }
    } finally {
      // a failed chunk leaves no read running against the store
      await next?.catch(() => {});
    }
    await this.store.results.finishRun(timings, this.df.docs);
    return { articles, stories, ms: Math.round(performance.now() - t0), timings };
  }

  /** The chunk after seq `after` (from the first waiting article when null): its articles as the stages read them,
   * and its copy buckets' holders. */
  private async readChunk(after: number | null, time: Timer): Promise<ChunkInput> {
    const loaded = await time('load', () => this.store.features.pending(CHUNK, after));
    // the buckets are looked up while outlet templates are
    const buckets = time('buckets', () => lookUpBuckets(this.store, loaded, this.giant));
    buckets.catch(() => {});
    const chunk = await time('templates', () => this.prepareChunk(loaded));
    return { loaded, ...chunk, buckets: await buckets };
  }

  private async chunk({ loaded, prepared, templateParas, entries, buckets }: ChunkInput, time: Timer): Promise<number> {
    const ids = loaded.map((x) => x.article.id);
    // the collection's document frequencies now count the chunk
    const delta = emptyFrequencies();
    for (const x of loaded) countArticle(delta, eventFeatures(prepared.get(x.article.id)!.prepared, prepared.get(x.article.id)!.mentions));
    addInto(this.df!, delta);
    // copies and candidate stories are looked up at once (different connections); the choice needs both
    const [copies, candidates] = await Promise.all([time('copies', () => findCopiesOf(this.store, loaded, entries, this.copyCache, buckets)), time('assign', () => lookUpCandidates(this.store, loaded, this.df!, this.eventCache))]);
    const chosen = await time('assign', () => chooseStories(this.store, candidates, copies));
    // the neighbourhood: the chunk and every member of the stories it touches
    const wanted = chosen.members.filter((id) => !prepared.has(id));
    // the copies known among the neighbourhood are read while its articles are loaded
    const knownP = time('copies', () => this.store.results.copiesAmong([...ids, ...wanted]));
    knownP.catch(() => {});
    for (const id of wanted) {
      const kept = this.preparedCache.get(id);
      if (!kept) continue;
      prepared.set(id, kept.prepared);
      templateParas.set(id, kept.templateParas);
    }
    const more = await time('load', () => this.store.features.load(wanted.filter((id) => !prepared.has(id))));
    for (const [id, x] of more) {
      const p = fromFeatures(x.article, x.features, new Set(x.templateParas ?? []));
      prepared.set(id, p);
      templateParas.set(id, x.templateParas ?? []);
      if (x.templateParas && !this.copyCache.get(id)) this.copyCache.set(id, entryOfPrepared(p.prepared, Int32Array.from(x.features.shingles)));
      // an analysed article's templates are fixed by its first analysis, and its features never change
      if (x.templateParas) this.preparedCache.set(id, { prepared: p, templateParas: x.templateParas });
    }
    const all = [...prepared.values()];
    const known = (await knownP).filter((c) => prepared.has(c.copyId) && prepared.has(c.sourceId));
    const among = dedupeCopies([...known, ...copies]);
    const an = await time('stories', async () => {
      const ps = all.map((x) => x.prepared);
      const units = ps.map((p) => entries.get(p.article.id) ?? this.copyCache.get(p.article.id) ?? entryOfPrepared(p, new Int32Array()));
      return analyzePrepared({ prepared: ps, mentions: all.map((x) => x.mentions), copies: among, furniture: neighbourhoodFurniture(units), df: this.df!, perStory: true });
    });
    // the stories the neighbourhood's articles are in now: the chosen ones (the chunk's articles are in none yet,
    // and no other process analyses while this one holds the lock)
    const prior = keepUnchanged(an, chosen.held, new Set(ids));
    await time('write', () => Promise.all([this.store.features.addFrequencies(delta), this.store.results.replace(an, prior, copies, templateParas, new Map(loaded.map((x) => [x.article.id, eventKeys(x.features.event)])))]));
    for (const id of ids) this.preparedCache.set(id, { prepared: prepared.get(id)!, templateParas: templateParas.get(id)! });
    return an.events.length;
  }

  /** The planner's statistics are refreshed each time the analysed collection has doubled since they last were
   * (as seen by this process), so they never understate the lookup tables more than twofold. */
  private async keepStatistics(time: Timer): Promise<void> {
    if (this.df!.docs < CHUNK || this.df!.docs < 2 * this.statisticsAt!) return;
    await time('statistics', () => this.store.refreshStatistics());
    this.statisticsAt = this.df!.docs;
  }

  /** The chunk's articles as the stages read them (outlet templates taken out), and as copy checks read them. */
  private async prepareChunk(loaded: StoredFeatures[]) {
    const prepared = new Map<string, Prepared>();
    const templateParas = new Map<string, number[]>();
    const entries = new Map<string, CopyEntry>();
    for (const x of loaded) {
      const t = await this.templates(x);
      templateParas.set(x.article.id, [...t]);
      const p = fromFeatures(x.article, x.features, t);
      prepared.set(x.article.id, p);
      entries.set(x.article.id, entryOfPrepared(p.prepared, Int32Array.from(x.features.shingles)));
      this.copyCache.set(x.article.id, entries.get(x.article.id)!);
      this.eventCache.set(x.article.id, x.features.event);
    }
    return { prepared, templateParas, entries };
  }

  private async templates(x: StoredFeatures): Promise<Set<number>> {
    if (x.templateParas) return new Set(x.templateParas);
    if (!x.features.site) return new Set();
    const carriers = await this.store.features.paragraphCarriers(x.features.site, x.features.paragraphKeys, x.seq);
    return templateParagraphs({ keys: x.features.paragraphKeys, shingles: new Set(x.features.shingles) }, carriers);
  }
}

/**
 * Every stored story holding an analysed article is replaced, so no article is ever in two stories; but a story the
 * chunk did not change (a look-alike brought in to explain why it stays apart) keeps what is stored. Drops those
 * from `an` and returns the stored stories to replace.
 */
function keepUnchanged(an: Analysis, held: Map<string, string[]>, chunk: Set<string>): string[] {
  const bySignature = new Map([...held].map(([id, ms]) => [ms.join(' '), id]));
  const kept = new Set<string>();
  an.events = an.events.filter((e) => {
    const same = bySignature.get([...e.articleIds].sort().join(' '));
    if (same && !e.articleIds.some((id) => chunk.has(id))) kept.add(same);
    return !(same && kept.has(same));
  });
  const written = new Set(an.events.flatMap((e) => e.articleIds));
  an.articles = an.articles.filter((a) => written.has(a.id));
  return [...held.keys()].filter((id) => !kept.has(id));
}

function addInto(df: DocFrequencies, delta: DocFrequencies): void {
  df.docs += delta.docs;
  for (const t in delta.terms) df.terms[t] = (df.terms[t] ?? 0) + delta.terms[t];
  for (const t in delta.names) df.names[t] = (df.names[t] ?? 0) + delta.names[t];
}

function dedupeCopies(cs: CopyRelation[]): CopyRelation[] {
  const seen = new Map<string, CopyRelation>();
  for (const c of cs) {
    const k = [c.copyId, c.sourceId].sort().join(' ');
    if (!seen.has(k)) seen.set(k, c);
  }
  return [...seen.values()];
}

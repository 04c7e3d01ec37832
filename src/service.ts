// Glue between storage and analysis used by the CLI and the HTTP API.
import { Store } from './store/store.ts';
import { Engine, type UpdateReport } from './engine/update.ts';
import { resolve } from 'node:path';
import type { Analysis, Progress } from './model/analysis.ts';
import type { CopyRelation } from './model/copy.ts';

export function defaultLocation(): string {
  return process.env.NEWSPROV_DB || process.env.DATABASE_URL || resolve('.newsprov/db');
}

export async function openStore(location?: string): Promise<Store> {
  return Store.open({ location: location ?? defaultLocation() });
}

/** One engine per open store, so a long-running process keeps its collection statistics in memory. */
const engines = new WeakMap<Store, Engine>();
export function engineOf(store: Store): Engine {
  let e = engines.get(store);
  if (!e) engines.set(store, (e = new Engine(store)));
  return e;
}

/** Analyse the stored articles no analysis has taken yet (null: another process is analysing). */
export async function updateAnalysis(store: Store, onProgress?: Progress): Promise<UpdateReport | null> {
  return engineOf(store).update(onProgress);
}

/** Bring the analysis up to date with the stored articles, then read it. */
export async function runAnalysis(store: Store, onProgress?: Progress): Promise<Analysis> {
  await updateAnalysis(store, onProgress);
  const an = await store.loadAnalysis();
  if (!an) throw new Error('no analysis was stored (is another process still analysing?)');
  return an;
}

/** Bring the analysis up to date and count what it holds (without reading it). */
export async function analyseAndCount(store: Store, onProgress?: Progress): Promise<{ articles: number; stories: number; copies: number; entities: number }> {
  await updateAnalysis(store, onProgress);
  const [articles, { stories, copies }, entities] = await Promise.all([store.reads.analysedCount(), store.results.counts(), store.reads.entityCount()]);
  return { articles, stories, copies, entities };
}

/** Bring the stored analysis up to date when articles were added since (reads then go to the store). */
export async function ensureAnalysis(store: Store, onProgress?: Progress): Promise<void> {
  if (await store.analysisIsFresh()) return;
  await updateAnalysis(store, onProgress);
  if (!(await store.reads.run())) throw new Error('no analysis was stored (is another process still analysing?)');
}

/** The story list as the API and `stories --json` give it, a page of stories at a time. */
export async function* storySummaries(store: Store, page: { offset?: number; limit?: number } = {}) {
  for await (const items of store.reads.storyPages(page))
    yield items.map((e) => ({
      number: e.number,
      id: e.id,
      title: e.title,
      dateFrom: e.dateFrom,
      dateTo: e.dateTo,
      keyTerms: e.keyTerms,
      articles: e.articles.map((a) => ({ id: a.id, label: a.label, outlet: a.outlet, title: a.title, copyOf: a.copy?.sourceId ?? null })),
      independentSources: e.independentSources,
      corroboratedFacts: e.corroboratedFacts,
      contradictions: e.contradictions,
    }));
}

/** Every copy relation with the labels of its two articles, a page at a time. */
export async function* labelledCopies(store: Store): AsyncGenerator<Array<CopyRelation & { copy: string; source: string }>> {
  for await (const page of store.reads.allCopies()) {
    const label = await store.reads.labels(page.flatMap((c) => [c.copyId, c.sourceId]));
    yield page.map((c) => ({ ...c, copy: label.get(c.copyId) ?? c.copyId, source: label.get(c.sourceId) ?? c.sourceId }));
  }
}

// Glue between storage and analysis used by the CLI and the HTTP API.
import { Store } from './store/store.ts';
import { Engine, type UpdateReport } from './engine/update.ts';
import { resolve } from 'node:path';
import type { Analysis, Progress } from './model/analysis.ts';

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

/** The stored analysis, brought up to date first if articles were added since. */
export async function currentAnalysis(store: Store, onProgress?: Progress): Promise<Analysis> {
  if (await store.analysisIsFresh()) {
    const an = await store.loadAnalysis();
    if (an) return an;
  }
  return runAnalysis(store, onProgress);
}

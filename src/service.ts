// Glue between storage and analysis used by the CLI and the HTTP API.
import { Store } from './store/store.ts';
import { analyze } from './analysis/analyze.ts';
import { resolve } from 'node:path';
import type { Analysis, Progress } from './model/analysis.ts';

export function defaultLocation(): string {
  return process.env.NEWSPROV_DB || process.env.DATABASE_URL || resolve('.newsprov/db');
}

export async function openStore(location?: string): Promise<Store> {
  return Store.open({ location: location ?? defaultLocation() });
}

/** Re-run the analysis over all stored articles and save it. */
export async function runAnalysis(store: Store, onProgress?: Progress): Promise<Analysis> {
  const articles = await store.listArticles();
  const an = analyze(articles, onProgress);
  await store.saveAnalysis(an);
  return an;
}

/** The stored analysis, recomputed first if articles were added since. */
export async function currentAnalysis(store: Store, onProgress?: Progress): Promise<Analysis> {
  if (await store.analysisIsFresh()) {
    const an = await store.loadAnalysis();
    if (an) return an;
  }
  return runAnalysis(store, onProgress);
}

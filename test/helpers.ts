import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from '../src/ingest/parse.ts';
import { toArticle } from '../src/ingest/article.ts';
import { analyze } from '../src/analysis/analyze.ts';
import type { Article } from '../src/model/article.ts';
import pg from 'pg';
import type { Analysis } from '../src/model/analysis.ts';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const SEEDS = resolve(ROOT, '../shared/corpus/seeds');
export const FIXTURES = join(ROOT, 'test/fixtures');

export function seedArticles(): Article[] {
  return readdirSync(SEEDS)
    .sort()
    .map((f) => toArticle(parseDocument(readFileSync(join(SEEDS, f), 'utf8'), join(SEEDS, f)).articles[0]));
}

let cached: Analysis | null = null;
export function seedAnalysis(): Analysis {
  cached ??= analyze(seedArticles());
  return cached;
}

/** Article id of the seed whose file name starts with the given number ("000"). */
export function seedId(an: { articles: Array<{ id: string; label: string }> }, n: string): string {
  const a = an.articles.find((x) => x.label.startsWith(n + '_'));
  if (!a) throw new Error(`seed ${n} not found`);
  return a.id;
}

export function articleFromText(label: string, text: string, publishedAt: string | null = null, outlet: string | null = null): Article {
  const p = parseDocument(text, label + '.txt').articles[0];
  return toArticle({ ...p, publishedAt: publishedAt ?? p.publishedAt, outlet: outlet ?? p.outlet });
}

/** A new, empty database on the PostgreSQL server at `base`; returns its URL. */
export async function freshPgDatabase(base: string, prefix = 'newsprov_test'): Promise<string> {
  const name = `${prefix}_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(base);
  u.pathname = '/' + name;
  return u.toString();
}

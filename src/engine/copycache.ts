// What verifying copies needs of an article — its alignment units and shingles — kept between chunks by a
// running engine. Copies of a story arrive close together, and building units (quotations, the wording a
// rewrite keeps) is most of what checking a candidate costs, so a candidate seen lately is not read and
// built again. An entry only depends on the article and the template paragraphs its first analysis took out,
// which never change afterwards, so a cached entry is exactly what reading it again would give.
import { LRUCache } from 'lru-cache';
import type { Article } from '../model/article.ts';
import type { PreparedArticle } from '../model/prepared.ts';
import type { CopySource, FeatureStore } from '../store/features.ts';
import { buildUnits, type Unit } from '../copy/units.ts';
import type { VerifyDoc } from '../copy/detect.ts';
import { outletKeys } from '../copy/outlets.ts';
import { takesOutTemplate } from '../analysis/features.ts';
import { paragraphs } from '../nlp/text.ts';

/** What outlets and the direction of a copy are judged by. */
export type EntryArticle = Pick<Article, 'id' | 'label' | 'publishedAt' | 'outlet' | 'url'>;

export interface CopyEntry {
  article: EntryArticle;
  units: Unit[];
  /** hashed word 2-shingles (an array: a tenth of the memory of a set) */
  shingles: Int32Array;
}

/** Articles a running engine keeps by default: about 80 MB of copy units (measured 80 kB an article on the bench
 * corpus, most of it token sets) and 27 MB of event counts. */
export const DEFAULT_CACHE = 1000;

/** Articles kept (`NEWSPROV_ENGINE_CACHE`). */
export function cacheSize(): number {
  const v = process.env.NEWSPROV_ENGINE_CACHE;
  const n = v === undefined || v === '' ? DEFAULT_CACHE : Number(v);
  if (!Number.isInteger(n) || n < 1) throw new Error(`NEWSPROV_ENGINE_CACHE must be a whole number of articles, at least 1 (got ${v})`);
  return n;
}

const meta = ({ id, label, publishedAt, outlet, url }: Article): EntryArticle => ({ id, label, publishedAt, outlet, url });

export function entryOfPrepared(p: PreparedArticle, shingles: Int32Array): CopyEntry {
  return { article: meta(p.article), units: buildUnits(p.sentences.map((s, i) => ({ text: s.text, tokens: p.sentSets[i], para: s.para }))), shingles };
}

/** The entry as `fromFeatures` would prepare the article: without the paragraphs its analysis took as template. */
export function entryOfSource(s: CopySource): CopyEntry {
  const template = new Set(s.templateParas ?? []);
  const kept = takesOutTemplate(paragraphs(s.article.text).length, s.sentences, template) ? s.sentences.filter((x) => !template.has(x.para)) : s.sentences;
  return { article: meta(s.article), units: buildUnits(kept.map((x) => ({ text: x.text, tokens: new Set(s.sentTokens[x.idx]), para: x.para }))), shingles: s.shingles };
}

export class CopyCache {
  private readonly lru: LRUCache<string, CopyEntry>;

  constructor(max = cacheSize()) {
    this.lru = new LRUCache({ max });
  }

  get(id: string): CopyEntry | undefined {
    return this.lru.get(id);
  }

  /** Keep an entry; only for an article whose templates are settled (analysed, or being analysed now). */
  set(id: string, e: CopyEntry): void {
    this.lru.set(id, e);
  }

  /** Entries of `ids`, read from the store where not kept; those of analysed articles are kept. */
  async fetch(store: FeatureStore, ids: string[]): Promise<Map<string, CopyEntry>> {
    const out = new Map<string, CopyEntry>();
    const missing: string[] = [];
    for (const id of ids) {
      const e = this.lru.get(id);
      if (e) out.set(id, e);
      else missing.push(id);
    }
    for (const [id, s] of await store.copySources(missing)) {
      const e = entryOfSource(s);
      if (s.templateParas) this.set(id, e);
      out.set(id, e);
    }
    return out;
  }

  clear(): void {
    this.lru.clear();
  }
}

/** Entries ready for verification, with outlets as a batch analysis of just these articles would see them. */
export function verifyDocs(entries: CopyEntry[]): VerifyDoc[] {
  const sites = outletKeys(entries.map((e) => e.article));
  return entries.map((e) => {
    const site = sites.get(e.article.id) ?? null;
    return { doc: { id: e.article.id, label: e.article.label, publishedAt: e.article.publishedAt }, units: e.units, site, furniture: new Set() };
  });
}

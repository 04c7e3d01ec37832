// Outlet templates learned from the collection: a paragraph that recurs in several otherwise different
// articles of one outlet (a newsletter box, a transcript footer, a standing correction notice) is that
// outlet's furniture, not reporting. No list of outlets or phrases: only repetition within an outlet.
import { createHash } from 'node:crypto';
import type { Article, Removed } from '../model/article.ts';
import { foldTypography } from '../nlp/text.ts';

export interface TemplateOptions {
  /** distinct articles of one outlet that must carry a paragraph before it counts as template */
  minArticles: number;
  /** carriers whose other words overlap more than this (Jaccard) are versions of one story, not distinct */
  maxOverlap: number;
}

const DEFAULTS: TemplateOptions = { minArticles: 3, maxOverlap: 0.5 };

/** outlet -> paragraph keys that are template for it */
export type Templates = Map<string, Set<string>>;

export function paragraphKey(p: string): string {
  const norm = foldTypography(p).toLowerCase().replace(/\d+/g, '0').replace(/\s+/g, ' ').trim();
  return createHash('sha1').update(norm).digest('hex').slice(0, 16);
}

/** The outlet an article belongs to for template purposes: its outlet name, else its site. */
export function siteOf(a: Pick<Article, 'outlet' | 'url'>): string | null {
  if (a.outlet) return a.outlet.toLowerCase();
  try {
    return a.url ? new URL(a.url).hostname.replace(/^www\./, '') : null;
  } catch {
    return null;
  }
}

const paragraphsOf = (a: Article) => a.text.split(/\n{2,}/).map((p) => p.trim()).filter(Boolean);

interface OutletDoc {
  keys: string[];
  words: Array<Set<string>>;
}

const wordsOf = (p: string) => new Set(foldTypography(p).toLowerCase().match(/\p{L}{3,}/gu) ?? []);

function jaccard<X>(a: Set<X>, b: Set<X>): number {
  let inter = 0;
  for (const x of a) if (b.has(x)) inter++;
  return inter / (a.size + b.size - inter || 1);
}

/** The words of a document outside the paragraph `key`: what it reports besides the candidate template. */
function rest(d: OutletDoc, key: string): Set<string> {
  const out = new Set<string>();
  d.keys.forEach((k, i) => k !== key && d.words[i].forEach((w) => out.add(w)));
  return out;
}

/** Carriers of `key` that report different things besides it (versions of one story count once). */
function distinctCarriers(key: string, carriers: OutletDoc[], opts: TemplateOptions): number {
  const picked: Array<Set<string>> = [];
  for (const c of carriers.slice(0, 50)) {
    const r = rest(c, key);
    if (r.size && picked.every((p) => jaccard(p, r) <= opts.maxOverlap)) picked.push(r);
    if (picked.length >= opts.minArticles) break;
  }
  return picked.length;
}

export function learnTemplates(articles: Article[], options: Partial<TemplateOptions> = {}): Templates {
  const opts = { ...DEFAULTS, ...options };
  const bySite = new Map<string, OutletDoc[]>();
  for (const a of articles) {
    const site = siteOf(a);
    if (!site) continue;
    const paras = paragraphsOf(a);
    (bySite.get(site) ?? bySite.set(site, []).get(site)!).push({ keys: paras.map(paragraphKey), words: paras.map(wordsOf) });
  }
  const templates: Templates = new Map();
  for (const [site, docs] of bySite) {
    if (docs.length < opts.minArticles) continue;
    const carriers = new Map<string, OutletDoc[]>();
    for (const d of docs) for (const k of new Set(d.keys)) (carriers.get(k) ?? carriers.set(k, []).get(k)!).push(d);
    const keys = [...carriers].filter(([k, cs]) => cs.length >= opts.minArticles && distinctCarriers(k, cs, opts) >= opts.minArticles).map(([k]) => k);
    if (keys.length) templates.set(site, new Set(keys));
  }
  return templates;
}

/** The article without its outlet's template paragraphs; they join the removed text, kind 'template'. */
export function removeTemplates(a: Article, templates: Templates): Article {
  const site = siteOf(a);
  const keys = site ? templates.get(site) : undefined;
  if (!keys) return a;
  const kept: string[] = [];
  const removed: Removed[] = [];
  for (const p of paragraphsOf(a)) (keys.has(paragraphKey(p)) ? removed.push({ kind: 'template', text: p }) : kept.push(p));
  if (!removed.length || !kept.length) return a;
  return { ...a, text: kept.join('\n\n'), removed: [...a.removed, ...removed] };
}

/** An earlier article of the outlet carrying a paragraph: its paragraph keys and its text's word shingles. */
export interface Carrier {
  keys: string[];
  shingles: Set<number>;
}

/**
 * The same rule for a stream: paragraph numbers of an article that are its outlet's template, judged on the
 * outlet's articles analysed before it. A paragraph is template when at least `minArticles - 1` earlier
 * articles carry it and they, with this one, report different things: their other paragraphs overlap at most
 * `maxOverlap`, and so do their texts' shingles (versions of one story differ by a few reworded lines, which
 * paragraph keys alone would take for different paragraphs). `carriers` gives, per paragraph key, the earlier
 * articles carrying it, oldest first.
 */
export function templateParagraphs(self: Carrier, carriers: Map<string, Carrier[]>, options: Partial<TemplateOptions> = {}): Set<number> {
  const opts = { ...DEFAULTS, ...options };
  const template = new Set<string>();
  for (const key of new Set(self.keys)) {
    const earlier = carriers.get(key) ?? [];
    if (earlier.length < opts.minArticles - 1) continue;
    const others = (ks: string[]) => new Set(ks.filter((k) => k !== key));
    const picked = [{ rest: others(self.keys), shingles: self.shingles }];
    for (const c of earlier) {
      const r = { rest: others(c.keys), shingles: c.shingles };
      if (r.rest.size && picked.every((p) => jaccard(p.rest, r.rest) <= opts.maxOverlap && jaccard(p.shingles, r.shingles) <= opts.maxOverlap)) picked.push(r);
      if (picked.length >= opts.minArticles) break;
    }
    if (picked.length >= opts.minArticles) template.add(key);
  }
  const out = new Set<number>();
  self.keys.forEach((k, i) => template.has(k) && out.add(i));
  return out;
}

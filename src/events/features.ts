// What event grouping reads from one article: its words, the names it mentions (who and where),
// its event date and its copy links. Pure; computed once per article.
import type { PreparedArticle } from '../model/prepared.ts';
import type { Mention } from '../model/entity.ts';
import { nameKey } from '../entities/resolve.ts';
import { NOT_ENTITIES } from '../entities/lexicon.ts';
import { contentTokens, STOPWORDS } from '../nlp/text.ts';
import { dateInterval } from '../nlp/dates.ts';
import type { DocFrequencies, EventFeatures, EventVector } from '../model/event.ts';
import { idf } from './summary.ts';

function counts(tokens: Iterable<string>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const t of tokens) out[t] = (out[t] ?? 0) + 1;
  return out;
}

/** Sublinear TF (1 + ln tf) times smoothed IDF, scaled to unit length (weighing.ts does the same for many stored
 * articles at once). Keys are read once into an array: a for-in over an article's hundreds of terms, and a second
 * pass writing the scaled weights into the object, were most of what weighing a story's members cost. */
function unitTfIdf(v: Record<string, number>, field: 'terms' | 'names', df: DocFrequencies): Record<string, number> {
  const keys = Object.keys(v);
  const weights = new Float64Array(keys.length);
  let norm = 0;
  for (let i = 0; i < keys.length; i++) {
    const w = (1 + Math.log(v[keys[i]])) * idf(df, field, keys[i]);
    weights[i] = w;
    norm += w * w;
  }
  norm = Math.sqrt(norm) || 1;
  const out: Record<string, number> = {};
  for (let i = 0; i < keys.length; i++) out[keys[i]] = weights[i] / norm;
  return out;
}

/** Weigh an article by the collection seen so far (for a stream: when it arrives). */
export function vectorize(f: EventFeatures, df: DocFrequencies): EventVector {
  return { ...f, terms: unitTfIdf(f.terms, 'terms', df), names: unitTfIdf(f.names, 'names', df) };
}

/** Name parts ("tara", "reid", "malibu") of the article's proper-name mentions, spelling-folded. */
export function nameParts(mentions: Mention[]): string[] {
  const out: string[] = [];
  for (const m of mentions)
    for (const part of m.surface.split(/[\s-]+/)) {
      const k = nameKey(part.replace(/[.,]+$/, ''));
      const lower = part.toLowerCase();
      if (k.length >= 2 && !NOT_ENTITIES.has(lower) && !STOPWORDS.has(lower) && !/^\d+$/.test(k)) out.push(k);
    }
  return out;
}

/** Counts of articles prepared lately: a running engine re-groups a story's members each time it grows, and
 * counts its new articles both for the collection's frequencies and for grouping. */
const counted = new WeakMap<PreparedArticle, { mentions: Mention[]; f: EventFeatures }>();

/** What grouping reads of an article (a fresh object each call: grouping links copies into it). */
export function eventFeatures(p: PreparedArticle, mentions: Mention[]): EventFeatures {
  const kept = counted.get(p);
  if (kept?.mentions === mentions) return { ...kept.f, copies: {} };
  const f = countFeatures(p, mentions);
  counted.set(p, { mentions, f });
  return { ...f, copies: {} };
}

function countFeatures(p: PreparedArticle, mentions: Mention[]): EventFeatures {
  // the title states what happened: its words count twice
  const title = p.article.title ? contentTokens(p.article.title) : [];
  const d = p.eventDate;
  let date: EventFeatures['date'] = null;
  if (d) {
    const [from, to] = dateInterval(d);
    // a day read against the publication date (or the publication day itself) is trusted more than one
    // read against the latest date the text mentions, which may be background; so is a bound the text
    // sets by looking forward ("by early 2024 …": written before then)
    date = { from, to, reliable: (d.precision === 'day' && d.anchor === 'published') || !!d.notAfter };
  }
  return { id: p.article.id, terms: counts([...p.tokens, ...title, ...title]), names: counts(nameParts(mentions)), date, copies: {} };
}

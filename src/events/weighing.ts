// Weighing many stored articles against one state of the collection, as a running engine does for the members of
// every candidate story: what `vectorize` gives, with each article's keys and sublinear counts read once and kept
// with it, and each key's IDF computed once per state of the collection's frequencies (in arrays indexed by
// interned key ids) instead of once per article carrying it. The arithmetic and its order are vectorize's, so the
// weights are the same to the last bit.
import type { DocFrequencies, EventFeatures, EventVector } from '../model/event.ts';

type Field = 'terms' | 'names';

interface Compiled {
  generation: number;
  keys: string[];
  ids: Int32Array;
  /** 1 + ln(count), per key */
  tf: Float64Array;
}

/** Keys interned before the tables start again (a long-running process meets new names for ever). */
const MAX_KEYS = 1_000_000;

class FieldTable {
  readonly ids = new Map<string, number>();
  idf = new Float64Array(1024);
  /** the collection state `idf[id]` was computed for */
  at = new Int32Array(1024);

  id(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      this.ids.set(key, (id = this.ids.size));
      if (id >= this.idf.length) {
        this.idf = grow(this.idf, new Float64Array(2 * this.idf.length));
        this.at = grow(this.at, new Int32Array(2 * this.at.length));
      }
    }
    return id;
  }
}

function grow<A extends Float64Array | Int32Array>(from: A, to: A): A {
  to.set(from);
  return to;
}

export class Weigher {
  private tables = { terms: new FieldTable(), names: new FieldTable() };
  private generation = 0;
  private readonly compiled = new WeakMap<Record<string, number>, Compiled>();
  private df: DocFrequencies | null = null;
  private docs = -1;
  /** bumped whenever the frequencies may have changed: a chunk counted (docs grows with it) or others read */
  private state = 0;

  /** `f` weighed by `df`, with only the keys in `keep` written (all when not given); the length is the whole
   * vector's, as in `vectorize`. */
  weigh(f: EventFeatures, df: DocFrequencies, keep?: { terms: Set<string>; names: Set<string> }): EventVector {
    if (df !== this.df || df.docs !== this.docs) {
      this.df = df;
      this.docs = df.docs;
      this.state++;
    }
    return { ...f, terms: this.unit(f.terms, 'terms', keep?.terms), names: this.unit(f.names, 'names', keep?.names) };
  }

  private unit(v: Record<string, number>, field: Field, keep?: Set<string>): Record<string, number> {
    const c = this.compile(v, field);
    const t = this.tables[field];
    const weights = new Float64Array(c.ids.length);
    let norm = 0;
    for (let i = 0; i < c.ids.length; i++) {
      const id = c.ids[i];
      if (t.at[id] !== this.state) {
        // summary.ts idf(), computed once per key and state
        t.idf[id] = Math.log((1 + this.df!.docs) / (1 + (this.df![field][c.keys[i]] ?? 0))) + 1;
        t.at[id] = this.state;
      }
      const w = c.tf[i] * t.idf[id];
      weights[i] = w;
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    const out: Record<string, number> = {};
    for (let i = 0; i < c.keys.length; i++) if (!keep || keep.has(c.keys[i])) out[c.keys[i]] = weights[i] / norm;
    return out;
  }

  private compile(v: Record<string, number>, field: Field): Compiled {
    const kept = this.compiled.get(v);
    if (kept && kept.generation === this.generation) return kept;
    if (this.tables[field].ids.size > MAX_KEYS) this.restart();
    const keys = Object.keys(v);
    const t = this.tables[field];
    const c: Compiled = { generation: this.generation, keys, ids: Int32Array.from(keys, (k) => t.id(k)), tf: Float64Array.from(keys, (k) => 1 + Math.log(v[k])) };
    this.compiled.set(v, c);
    return c;
  }

  private restart(): void {
    this.tables = { terms: new FieldTable(), names: new FieldTable() };
    this.generation++;
    this.state++;
  }
}

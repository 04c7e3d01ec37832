// Weighing many stored articles against one state of the collection, as a running engine does for the members of
// every candidate story: the story sums `summaryOf` gives of what `vectorize` gives, with each article's keys and
// sublinear counts read once and kept with it, and each key's IDF computed once per state of the collection's
// frequencies (in arrays indexed by interned key ids) instead of once per article carrying it. The arithmetic and
// its order are theirs, so the sums are the same to the last bit.
import type { ClusterSummary, DocFrequencies, EventFeatures } from '../model/event.ts';
import { addMember } from './summary.ts';

/** Which keys of the members a summary is asked for (a running engine scores only its chunk's keys). */
export interface Kept {
  terms: Set<string>;
  names: Set<string>;
}

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
  /** one member's weights, reused */
  private scratch = new Float64Array(1024);

  /** What `summaryOf` gives for these articles as `vectorize` weighs them by `df`, with only the keys in `keep`:
   * each member's weights go into the sums as they are computed, in the same order, so the sums are the same to
   * the bit (building every member's vector first, then adding it, was most of scoring candidate stories). */
  summarize(fs: EventFeatures[], df: DocFrequencies, keep: Kept): ClusterSummary {
    if (df !== this.df || df.docs !== this.docs) {
      this.df = df;
      this.docs = df.docs;
      this.state++;
    }
    const sorted = [...fs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const s: ClusterSummary = { id: 'ev-' + sorted[0].id, members: [], terms: {}, names: {}, dates: {}, firmDates: {} };
    for (const f of sorted) {
      // its id and date as addMember counts them; its weights below
      addMember(s, { ...f, terms: {}, names: {} });
      this.addUnit(s.terms, f.terms, 'terms', keep.terms);
      this.addUnit(s.names, f.names, 'names', keep.names);
    }
    return s;
  }

  /** Add the kept keys of `v`'s unit TF-IDF vector into `sums` (as summary.ts adds a member's vector). */
  private addUnit(sums: Record<string, number>, v: Record<string, number>, field: Field, keep: Set<string>): void {
    const c = this.compile(v, field);
    const t = this.tables[field];
    const weights = this.scratch.length >= c.ids.length ? this.scratch : (this.scratch = new Float64Array(2 * c.ids.length));
    let norm = 0;
    for (let i = 0; i < c.ids.length; i++) {
      const id = c.ids[i];
      if (t.at[id] !== this.state) {
        // summary.ts idf(), computed once per key and state
        t.idf[id] = Math.log((1 + this.docs) / (1 + (this.df![field][c.keys[i]] ?? 0))) + 1;
        t.at[id] = this.state;
      }
      const w = c.tf[i] * t.idf[id];
      weights[i] = w;
      norm += w * w;
    }
    norm = Math.sqrt(norm) || 1;
    for (let i = 0; i < c.keys.length; i++) {
      const k = c.keys[i];
      if (!keep.has(k)) continue;
      const x = (sums[k] ?? 0) + weights[i] / norm;
      if (x > 1e-9) sums[k] = x;
      else delete sums[k];
    }
  }

  private compile(v: Record<string, number>, field: Field): Compiled {
    const kept = this.compiled.get(v);
    if (kept && kept.generation === this.generation) return kept;
    if (this.tables[field].ids.size > MAX_KEYS) this.restart();
    const keys = Object.keys(v);
    const t = this.tables[field];
    // plain loops: a typed array's from() with a mapping function goes through the iterator protocol (5x slower)
    const ids = new Int32Array(keys.length);
    const tf = new Float64Array(keys.length);
    for (let i = 0; i < keys.length; i++) {
      ids[i] = t.id(keys[i]);
      tf[i] = 1 + Math.log(v[keys[i]]);
    }
    const c: Compiled = { generation: this.generation, keys, ids, tf };
    this.compiled.set(v, c);
    return c;
  }

  private restart(): void {
    this.tables = { terms: new FieldTable(), names: new FieldTable() };
    this.generation++;
    this.state++;
  }
}

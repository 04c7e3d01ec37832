// MinHash signatures and banded locality-sensitive hashing, written out in plain TypeScript.
import { hash32 } from '../nlp/text.ts';

export class MinHasher {
  readonly a: Uint32Array;
  readonly b: Uint32Array;
  constructor(readonly numPerm = 128, seed = 42) {
    this.a = new Uint32Array(numPerm);
    this.b = new Uint32Array(numPerm);
    let s = seed >>> 0;
    const rnd = () => {
      // xorshift32
      s ^= s << 13;
      s >>>= 0;
      s ^= s >>> 17;
      s ^= s << 5;
      s >>>= 0;
      return s;
    };
    for (let i = 0; i < numPerm; i++) {
      this.a[i] = (rnd() | 1) >>> 0;
      this.b[i] = rnd();
    }
  }

  /** Signature of a set of shingle hashes. Empty sets get an all-max signature. */
  signature(hashes: Iterable<number>): Uint32Array {
    const sig = new Uint32Array(this.numPerm).fill(0xffffffff);
    const a = this.a;
    const b = this.b;
    const n = this.numPerm;
    for (const h0 of hashes) {
      // mix the shingle hash once, then one multiply-add per permutation (mod 2^32)
      let h = Math.imul(h0 ^ (h0 >>> 16), 0x45d9f3b);
      h = Math.imul(h ^ (h >>> 16), 0x45d9f3b);
      h ^= h >>> 16;
      for (let i = 0; i < n; i++) {
        let v = (Math.imul(a[i], h) + b[i]) >>> 0;
        v = (v ^ (v >>> 15)) >>> 0;
        if (v < sig[i]) sig[i] = v;
      }
    }
    return sig;
  }
}

export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  let eq = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) eq++;
  return eq / a.length;
}

/** Hashed word k-shingles of a token sequence. */
export function shingles(tokens: string[], k: number): Set<number> {
  const out = new Set<number>();
  if (tokens.length < k) {
    if (tokens.length) out.add(hash32(tokens.join(' ')));
    return out;
  }
  for (let i = 0; i + k <= tokens.length; i++) out.add(hash32(tokens.slice(i, i + k).join(' ')));
  return out;
}

export function jaccard(a: Set<number>, b: Set<number>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let inter = 0;
  const [s, l] = a.size < b.size ? [a, b] : [b, a];
  for (const x of s) if (l.has(x)) inter++;
  return inter / (a.size + b.size - inter);
}

/** Buckets larger than this are boilerplate shared by many texts, not evidence of copying. */
export const MAX_BUCKET = 500;

/**
 * Banded LSH index (datasketch's MinHashLSH shape): `insert` an item's signature, `query` a signature for the
 * items that agree with it on all rows of some band. Querying one item at a time keeps memory per query
 * bounded; the set of all candidate pairs of a large collection does not fit in one Set.
 */
export class LshIndex {
  private buckets = new Map<number, string[]>();
  constructor(
    readonly bands: number,
    readonly rows: number,
  ) {}

  /** Approximate Jaccard similarity at which a pair has a 50% chance of becoming a candidate. */
  get threshold(): number {
    return Math.pow(1 / this.bands, 1 / this.rows);
  }

  /** Bucket keys of a signature: the band number and a 32-bit hash of its rows (collisions only add candidates, which are verified). */
  bandKeys(sig: Uint32Array): number[] {
    if (sig.length < this.bands * this.rows) throw new Error(`signature too short for ${this.bands}x${this.rows} bands`);
    const keys: number[] = [];
    for (let band = 0; band < this.bands; band++) {
      let h = 0x811c9dc5 ^ band;
      for (let r = 0; r < this.rows; r++) h = Math.imul(h ^ sig[band * this.rows + r], 0x01000193);
      keys.push(band * 4294967296 + (h >>> 0));
    }
    return keys;
  }

  insert(id: string, sig: Uint32Array): void {
    for (const key of this.bandKeys(sig)) {
      const list = this.buckets.get(key);
      if (list) list.push(id);
      else this.buckets.set(key, [id]);
    }
  }

  /** Ids sharing a band with `sig` (giant boilerplate buckets skipped). */
  query(sig: Uint32Array): Set<string> {
    return new Set(this.sharedBands(sig).keys());
  }

  /** For each id sharing a band with `sig`: how many bands it shares (more bands, more similar). */
  sharedBands(sig: Uint32Array, into = new Map<string, number>()): Map<string, number> {
    for (const key of this.bandKeys(sig)) {
      const ids = this.buckets.get(key);
      if (!ids || ids.length > MAX_BUCKET) continue;
      for (const id of ids) into.set(id, (into.get(id) ?? 0) + 1);
    }
    return into;
  }
}

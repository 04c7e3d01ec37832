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

/** Banded LSH index: items whose signatures agree on all rows of any band become candidate pairs. */
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

  add(id: string, sig: Uint32Array): void {
    if (sig.length < this.bands * this.rows) throw new Error(`signature too short for ${this.bands}x${this.rows} bands`);
    for (let band = 0; band < this.bands; band++) {
      // bucket key: the band number and a 32-bit hash of its rows (rare collisions only add candidates, which are verified)
      let h = 0x811c9dc5 ^ band;
      for (let r = 0; r < this.rows; r++) h = Math.imul(h ^ sig[band * this.rows + r], 0x01000193);
      const key = band * 4294967296 + (h >>> 0);
      const list = this.buckets.get(key);
      if (list) list.push(id);
      else this.buckets.set(key, [id]);
    }
  }

  /** All unordered candidate pairs, as "a\u0000b" with a < b. */
  candidatePairs(): Set<string> {
    const pairs = new Set<string>();
    for (const ids of this.buckets.values()) {
      if (ids.length < 2 || ids.length > 500) continue; // giant buckets are boilerplate, not copies
      for (let i = 0; i < ids.length; i++)
        for (let j = i + 1; j < ids.length; j++) {
          if (ids[i] === ids[j]) continue;
          pairs.add(ids[i] < ids[j] ? `${ids[i]}\u0000${ids[j]}` : `${ids[j]}\u0000${ids[i]}`);
        }
    }
    return pairs;
  }
}

// Copy detection: MinHash LSH finds candidate pairs, sentence alignment confirms them,
// and textual evidence decides who copied whom.
import { MinHasher, LshIndex, shingles, jaccard } from './minhash.ts';
import { alignSentences, toPassages, type AlignUnit, type Passage } from './align.ts';

export interface CopyDoc {
  id: string;
  label: string;
  publishedAt: string | null;
  units: AlignUnit[];
  tokens: string[];
}

export type CopyKind = 'verbatim' | 'rewritten' | 'partial';

export interface CopyRelation {
  /** the later/derived article */
  copyId: string;
  /** the article it was taken from */
  sourceId: string;
  kind: CopyKind;
  /** share of the copy's text found in the source */
  copyCoverage: number;
  /** share of the source's text found in the copy */
  sourceCoverage: number;
  /** mean sentence similarity of the aligned passages (1 = identical wording) */
  similarity: number;
  shingleJaccard: number;
  /** how sure we are about the direction: 'high' (dates), 'medium' (several textual signals), 'low', 'undetermined' */
  directionConfidence: 'high' | 'medium' | 'low' | 'undetermined';
  reasons: string[];
  passages: Array<{ sourceText: string; copyText: string; similarity: number; sourceSentences: [number, number]; copySentences: [number, number] }>;
  /** every aligned sentence pair (sentence indexes in source and copy) */
  sentencePairs: Array<{ source: number; copy: number; similarity: number }>;
}

export interface CopyOptions {
  numPerm?: number;
  bands?: number;
  rows?: number;
  chunkTokens?: number;
}

const MT_ALLCAPS = /(?<=\p{Ll}[\p{L},]*\s+)\p{Lu}{3,}(?=\s+\p{Ll})/u;

/** Signals of machine rewriting/translation in a text (stray all-caps words, doubled phrases, lost quotes). */
export function rewriteArtifacts(text: string): number {
  let n = 0;
  for (const s of text.split(/(?<=[.!?])\s+/)) {
    if (MT_ALLCAPS.test(s)) n++;
    // "As Reuters As Russia's …": a phrase restarting mid-sentence
    const w = s.split(/\s+/);
    for (let i = 2; i < w.length; i++) if (w[i] === w[i - 2] && /^[A-Z]/.test(w[i]) && w[i] !== w[i - 1]) n++;
    // a capitalised common word after a lowercase word mid-sentence: "In his blanket During Putin's"
    if (/\b\p{Ll}{3,} (During|According|Additionally|However|Meanwhile|Meetings|In writing|THE)\b/u.test(s)) n++;
    if (/^\s*\p{Ll}/u.test(s)) n++;
  }
  return n;
}

function quoteMarks(text: string): number {
  return (text.match(/[“”"«»„]/g) ?? []).length;
}

function decideDirection(a: CopyDoc, b: CopyDoc, passages: Passage[], covA: number, covB: number): { copy: CopyDoc; source: CopyDoc; confidence: CopyRelation['directionConfidence']; reasons: string[] } {
  const reasons: string[] = [];
  // positive score => b is the copy of a
  if (a.publishedAt && b.publishedAt) {
    const ta = Date.parse(a.publishedAt);
    const tb = Date.parse(b.publishedAt);
    if (Math.abs(ta - tb) >= 3600_000) {
      const [src, cp] = ta < tb ? [a, b] : [b, a];
      reasons.push(`${cp.label} was published ${cp.publishedAt!.slice(0, 10)}, after ${src.label} (${src.publishedAt!.slice(0, 10)})`);
      return { copy: cp, source: src, confidence: 'high', reasons };
    }
  }
  let score = 0;
  const aText = passages.map((p) => p.aText).join(' ');
  const bText = passages.map((p) => p.bText).join(' ');
  const qa = quoteMarks(aText);
  const qb = quoteMarks(bText);
  if (Math.abs(qa - qb) >= 2 && Math.max(qa, qb) >= 2 * Math.min(qa, qb)) {
    const [src, cp] = qa > qb ? ['a', 'b'] : ['b', 'a'];
    score += src === 'a' ? 1 : -1;
    reasons.push(`quotation marks lost: ${src === 'a' ? a.label : b.label} has ${Math.max(qa, qb)} in the shared passages, ${cp === 'a' ? a.label : b.label} has ${Math.min(qa, qb)}`);
  }
  const ra = rewriteArtifacts(aText);
  const rb = rewriteArtifacts(bText);
  if (Math.abs(ra - rb) >= 2) {
    score += rb > ra ? 1 : -1;
    reasons.push(`machine-rewrite artifacts (stray capitals, restarted phrases): ${rb > ra ? b.label : a.label} has ${Math.max(ra, rb)}, ${rb > ra ? a.label : b.label} has ${Math.min(ra, rb)}`);
  }
  if (Math.abs(covA - covB) >= 0.08) {
    // the text that is (almost) wholly contained in the other is the derived one
    score += covB > covA ? 0.5 : -0.5;
    const [inner, outer] = covB > covA ? [b, a] : [a, b];
    reasons.push(`${inner.label} is more completely contained in ${outer.label} (${Math.round(Math.max(covA, covB) * 100)}% vs ${Math.round(Math.min(covA, covB) * 100)}%)`);
  }
  if (a.publishedAt && !b.publishedAt) reasons.push(`only ${a.label} carries a publication date`);
  if (b.publishedAt && !a.publishedAt) reasons.push(`only ${b.label} carries a publication date`);
  if (score === 0) return { copy: b, source: a, confidence: 'undetermined', reasons: reasons.length ? reasons : ['no evidence of direction'] };
  const confidence = Math.abs(score) >= 2 ? 'medium' : 'low';
  return score > 0 ? { copy: b, source: a, confidence, reasons } : { copy: a, source: b, confidence, reasons };
}

function coverage(units: AlignUnit[], idx: Iterable<number>): number {
  const total = units.reduce((s, u) => s + u.text.length, 0);
  let c = 0;
  for (const i of idx) c += units[i].text.length;
  return total ? c / total : 0;
}

/** Verify one pair; returns null when it is not a copy. */
export function compareDocs(a: CopyDoc, b: CopyDoc, shJ = 0): CopyRelation | null {
  const pairs = alignSentences(a.units, b.units);
  if (pairs.length < 2) return null;
  const passages = toPassages(pairs, a.units, b.units);
  const covA = coverage(a.units, pairs.map((p) => p.a));
  const covB = coverage(b.units, pairs.map((p) => p.b));
  const longest = Math.max(...passages.map((p) => p.pairs.length));
  const sim = pairs.reduce((s, p) => s + p.sim * a.units[p.a].text.length, 0) / Math.max(1, pairs.reduce((s, p) => s + a.units[p.a].text.length, 0));
  const maxCov = Math.max(covA, covB);
  // quotes of the same statement are shared by independent reports; copies share runs of sentences
  if (maxCov < 0.2 && longest < 3) return null;
  // two shared sentences are what independent reports of one statement look like, unless word-for-word
  if (pairs.length < 3 && !(sim >= 0.9 && Math.min(covA, covB) >= 0.8)) return null;
  const dir = decideDirection(a, b, passages, covA, covB);
  const aIsSource = dir.source.id === a.id;
  const copyCov = aIsSource ? covB : covA;
  const srcCov = aIsSource ? covA : covB;
  let kind: CopyKind;
  if (copyCov >= 0.5 && sim >= 0.9) kind = 'verbatim';
  else if (copyCov >= 0.5) kind = 'rewritten';
  else kind = 'partial';
  return {
    copyId: dir.copy.id,
    sourceId: dir.source.id,
    kind,
    copyCoverage: round(copyCov),
    sourceCoverage: round(srcCov),
    similarity: round(sim),
    shingleJaccard: round(shJ),
    directionConfidence: dir.confidence,
    reasons: dir.reasons,
    passages: passages.map((p) =>
      aIsSource
        ? { sourceText: p.aText, copyText: p.bText, similarity: round(p.similarity), sourceSentences: [p.aFrom, p.aTo], copySentences: [p.bFrom, p.bTo] }
        : { sourceText: p.bText, copyText: p.aText, similarity: round(p.similarity), sourceSentences: [p.bFrom, p.bTo], copySentences: [p.aFrom, p.aTo] },
    ),
    sentencePairs: pairs.map((p) => (aIsSource ? { source: p.a, copy: p.b, similarity: round(p.sim) } : { source: p.b, copy: p.a, similarity: round(p.sim) })),
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/**
 * Candidates verified per document, most shared bands first: a story republished by hundreds of outlets still
 * forms one connected group, while the number of alignments stays linear in the collection.
 */
export const MAX_CANDIDATES = 50;

interface IndexedDoc {
  shingles: Set<number>;
  signature: Uint32Array;
  chunkSignatures: Uint32Array[];
}

/** Find all copy relations in a set of documents, one document's candidates at a time. */
export function detectCopies(docs: CopyDoc[], opts: CopyOptions = {}): CopyRelation[] {
  const hasher = new MinHasher(opts.numPerm ?? 128);
  const docIndex = new LshIndex(opts.bands ?? 64, opts.rows ?? 2);
  // the passage-level index catches partial reuse inside otherwise different articles
  const chunkIndex = new LshIndex(32, 4);
  const chunkTokens = opts.chunkTokens ?? 60;
  const indexed = new Map<string, IndexedDoc>();
  for (const d of docs) {
    const sh = shingles(d.tokens, 2);
    const x: IndexedDoc = { shingles: sh, signature: hasher.signature(sh), chunkSignatures: [] };
    for (let i = 0; i < d.tokens.length; i += chunkTokens / 2) {
      const chunk = d.tokens.slice(i, i + chunkTokens);
      if (chunk.length < chunkTokens / 3) break;
      x.chunkSignatures.push(hasher.signature(shingles(chunk, 2)));
    }
    indexed.set(d.id, x);
    docIndex.insert(d.id, x.signature);
    for (const sig of x.chunkSignatures) chunkIndex.insert(d.id, sig);
  }
  const byId = new Map(docs.map((d) => [d.id, d]));
  const nearest = new Map<string, Set<string>>();
  for (const [id, x] of indexed) {
    const counts = docIndex.sharedBands(x.signature);
    for (const sig of x.chunkSignatures) chunkIndex.sharedBands(sig, counts);
    counts.delete(id);
    nearest.set(id, new Set([...counts].sort((p, q) => q[1] - p[1] || (p[0] < q[0] ? -1 : 1)).slice(0, MAX_CANDIDATES).map(([c]) => c)));
  }
  const out: CopyRelation[] = [];
  for (const id of [...byId.keys()].sort()) {
    for (const other of [...nearest.get(id)!].sort()) {
      // each pair once: from its smaller id, or from the larger when only it lists the pair
      if (other < id && nearest.get(other)!.has(id)) continue;
      const [a, b] = id < other ? [id, other] : [other, id];
      const rel = compareDocs(byId.get(a)!, byId.get(b)!, jaccard(indexed.get(a)!.shingles, indexed.get(b)!.shingles));
      if (rel) out.push(rel);
    }
  }
  return out;
}

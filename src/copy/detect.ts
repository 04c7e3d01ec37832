// Copy detection: MinHash LSH finds candidate pairs, sentence alignment confirms them,
// and textual evidence decides who copied whom.
import { jaccard } from './minhash.ts';
import { copyKeys, MAX_BUCKET, sharedCount, topCandidates, worthAligning, type CopyKeys } from './keys.ts';
import { alignWithMoves, toPassages, type AlignedPair, type Passage } from './align.ts';
import { buildUnits, type AlignUnit, type Unit } from './units.ts';
import { charShare, collectionIdf, findFurniture, sharedFurniture } from './furniture.ts';
import { enoughEvidence, judge, pairRole, rewrittenStructure, NEAR_IDENTICAL } from './evidence.ts';
import type { CopyKind, CopyRelation } from '../model/copy.ts';

export interface CopyDoc {
  id: string;
  label: string;
  publishedAt: string | null;
  units: AlignUnit[];
  tokens: string[];
  /** outlet or web site: blocks shared by articles of one site are its furniture */
  site?: string | null;
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

/** What deciding who copied whom reads of a document. */
export type DocMeta = Pick<CopyDoc, 'id' | 'label' | 'publishedAt'>;

function decideDirection(a: DocMeta, b: DocMeta, passages: Passage[], covA: number, covB: number): { copy: DocMeta; source: DocMeta; confidence: CopyRelation['directionConfidence']; reasons: string[] } {
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

function coverage(units: Unit[], idx: Iterable<number>): number {
  const total = units.reduce((s, u) => s + u.text.length, 0);
  let c = 0;
  for (const i of new Set(idx)) c += units[i].text.length;
  return total ? c / total : 0;
}

/** A document prepared for verification: joined units and its furniture. */
export interface VerifyDoc {
  doc: DocMeta;
  units: Unit[];
  site: string | null;
  furniture: Set<number>;
}

export function verifyDoc(doc: CopyDoc, furniture: Set<number> = new Set()): VerifyDoc {
  return { doc, units: buildUnits(doc.units), site: doc.site ?? null, furniture };
}

const isVerifyDoc = (x: CopyDoc | VerifyDoc): x is VerifyDoc => 'doc' in x;

/** Verify one pair; returns null when it is not a copy. `idf` (over the collection) judges shared blocks. */
export function compareDocs(a: CopyDoc | VerifyDoc, b: CopyDoc | VerifyDoc, shJ = 0, idf?: Map<string, number>): CopyRelation | null {
  const A = isVerifyDoc(a) ? a : verifyDoc(a);
  const B = isVerifyDoc(b) ? b : verifyDoc(b);
  const pairs = alignWithMoves(A.units, B.units);
  if (pairs.length < 2) return null;
  const roles = pairs.map((p) => pairRole(A.units[p.a], B.units[p.b], A.furniture.has(p.a), B.furniture.has(p.b)));
  // a short block the two share that is the page, not the story (one site, or texts otherwise unrelated); it only
  // takes evidence away, so it is not looked for where there is too little evidence to judge (most candidates)
  if (enoughEvidence(pairs, roles, A.units, B.units)) {
    const weights = idf ?? collectionIdf([A, B]);
    for (const p of toPassages(pairs, A.units, B.units)) {
      if (sharedFurniture(A, p.pairs.map((x) => x.a), B, p.pairs.map((x) => x.b), weights)) for (const x of p.pairs) roles[pairs.indexOf(x)] = 'furniture';
    }
  }
  const cov = (ps: AlignedPair[]): [number, number] => [coverage(A.units, ps.map((p) => p.a)), coverage(B.units, ps.map((p) => p.b))];
  let verdict = judge(pairs, roles, A.units, B.units, cov);
  if (!verdict.reason) {
    const rewrite = rewrittenStructure(A.units, B.units, charShare);
    if (!rewrite) return null;
    verdict = { evidence: rewrite, reported: rewrite, reason: 'rewritten structure' };
  }
  const kept = verdict.reported;
  const passages = toPassages(kept, A.units, B.units);
  const covA = coverage(A.units, kept.map((p) => p.a));
  const covB = coverage(B.units, kept.map((p) => p.b));
  const sim = kept.reduce((s, p) => s + p.sim * A.units[p.a].text.length, 0) / Math.max(1, kept.reduce((s, p) => s + A.units[p.a].text.length, 0));
  const dir = decideDirection(A.doc, B.doc, passages, covA, covB);
  const aIsSource = dir.source.id === A.doc.id;
  const copyCov = aIsSource ? covB : covA;
  const srcCov = aIsSource ? covA : covB;
  let kind: CopyKind;
  if (copyCov >= 0.5 && sim >= 0.9) kind = 'verbatim';
  else if (copyCov >= 0.5) kind = 'rewritten';
  else kind = 'partial';
  const quotes = kept.length - verdict.evidence.length;
  const reasons = [
    ...dir.reasons,
    verdict.reason === 'near-identical sentences'
      ? `${verdict.evidence.filter((p) => p.sim >= NEAR_IDENTICAL).length} long sentences taken almost word for word`
      : verdict.reason === 'rewritten structure'
        ? `${verdict.evidence.length} sentences follow the other text in order, reworded`
        : `${verdict.evidence.length} aligned sentences outside quotations`,
    ...(quotes ? [`${quotes} shared quotation(s) not counted as evidence of copying`] : []),
  ];
  const span = (u: Unit[], from: number, to: number): [number, number] => [u[from].from, u[to].to];
  return {
    copyId: dir.copy.id,
    sourceId: dir.source.id,
    kind,
    copyCoverage: round(copyCov),
    sourceCoverage: round(srcCov),
    similarity: round(sim),
    shingleJaccard: round(shJ),
    directionConfidence: dir.confidence,
    reasons,
    passages: passages.map((p) =>
      aIsSource
        ? { sourceText: p.aText, copyText: p.bText, similarity: round(p.similarity), sourceSentences: span(A.units, p.aFrom, p.aTo), copySentences: span(B.units, p.bFrom, p.bTo) }
        : { sourceText: p.bText, copyText: p.aText, similarity: round(p.similarity), sourceSentences: span(B.units, p.bFrom, p.bTo), copySentences: span(A.units, p.aFrom, p.aTo) },
    ),
    sentencePairs: kept.map((p) => (aIsSource ? { source: A.units[p.a].from, copy: B.units[p.b].from, similarity: round(p.sim) } : { source: B.units[p.b].from, copy: A.units[p.a].from, similarity: round(p.sim) })),
  };
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

export interface CopyResult {
  relations: CopyRelation[];
  /** document id -> sentence indexes that are page furniture shared with other documents */
  furniture: Map<string, number[]>;
}

/** Find all copy relations in a set of documents, one document's candidates at a time. */
export function detectCopies(docs: CopyDoc[]): CopyRelation[] {
  return findCopies(docs).relations;
}

export function findCopies(docs: CopyDoc[]): CopyResult {
  const keys = new Map<string, CopyKeys>();
  const buckets = new Map<number, string[]>();
  for (const d of docs) {
    const k = copyKeys(d.tokens);
    keys.set(d.id, k);
    for (const key of k.bandKeys) (buckets.get(key) ?? buckets.set(key, []).get(key)!).push(d.id);
  }
  const prepared = docs.map((d) => verifyDoc(d));
  const idf = collectionIdf(prepared);
  findFurniture(prepared, idf).forEach((f, i) => (prepared[i].furniture = f));
  const byId = new Map(prepared.map((v) => [v.doc.id, v]));
  const nearest = new Map<string, Set<string>>();
  for (const [id, k] of keys) {
    const counts = new Map<string, number>();
    for (const key of k.bandKeys) {
      const ids = buckets.get(key)!;
      if (ids.length > MAX_BUCKET) continue;
      for (const other of ids) if (other !== id) counts.set(other, (counts.get(other) ?? 0) + 1);
    }
    nearest.set(id, new Set(topCandidates(counts)));
  }
  const out: CopyRelation[] = [];
  for (const id of [...byId.keys()].sort()) {
    for (const other of [...nearest.get(id)!].sort()) {
      // each pair once: from its smaller id, or from the larger when only it lists the pair
      if (other < id && nearest.get(other)!.has(id)) continue;
      const [a, b] = id < other ? [id, other] : [other, id];
      const sa = keys.get(a)!.shingles;
      const sb = keys.get(b)!.shingles;
      if (!worthAligning(sharedCount(sa, sb), sa.size, sb.size)) continue;
      const rel = compareDocs(byId.get(a)!, byId.get(b)!, jaccard(sa, sb), idf);
      if (rel) out.push(rel);
    }
  }
  return { relations: out, furniture: furnitureSentences(prepared) };
}

/** document id -> original sentence indexes of its furniture units */
export function furnitureSentences(docs: VerifyDoc[]): Map<string, number[]> {
  const furniture = new Map<string, number[]>();
  for (const v of docs) if (v.furniture.size) furniture.set(v.doc.id, [...v.furniture].flatMap((i) => range(v.units[i].from, v.units[i].to)));
  return furniture;
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, k) => from + k);

// How a story spread: every publication in time order with what it is (own reporting, a wire story, a verbatim
// copy, a rewrite, a translation), the first report of each lineage (independent source), and the copy graph with
// the lag between publications. Plain data for the dossier JSON (and a UI to draw), plus its Markdown.
import type { CopyRelation } from '../model/copy.ts';
import { publishedTime } from '../model/article.ts';
import { agencyOf } from '../copy/credits.ts';

export type PublicationKind = 'own-reporting' | 'wire' | 'verbatim-copy' | 'rewrite' | 'translation';

export interface PropagationSource {
  ref: number;
  articleId: string;
  label: string;
  outlet: string | null;
  url: string | null;
  publishedAt: string | null;
  /** the independent-source (lineage) key and name */
  lineage: string;
  lineageName: string;
}

export interface Publication extends Omit<PropagationSource, 'lineageName'> {
  kind: PublicationKind;
  /** the article it copies (full copies only) */
  copyOf: string | null;
  /** seconds after the story's first dated report (null when undated) */
  secondsAfterFirst: number | null;
  firstInLineage: boolean;
}

export interface Lineage {
  key: string;
  name: string;
  /** credited to a news agency or other organisation rather than the outlet's own reporting */
  wire: boolean;
  firstReport: { articleId: string; ref: number; outlet: string | null; publishedAt: string | null };
  articleIds: string[];
}

export interface CopyEdge {
  sourceId: string;
  copyId: string;
  sourceRef: number;
  copyRef: number;
  kind: 'verbatim-copy' | 'rewrite' | 'translation' | 'partial';
  /** copy's publication minus the source's, in seconds (null when either is undated) */
  lagSeconds: number | null;
  directionConfidence: CopyRelation['directionConfidence'];
}

export interface Propagation {
  firstReport: { articleId: string; ref: number; outlet: string | null; publishedAt: string | null; lineage: string } | null;
  timeline: Publication[];
  lineages: Lineage[];
  edges: CopyEdge[];
}

/** A rewritten copy carrying machine-translation artifacts (stray capitals, restarted phrases) is a translation. */
export function edgeKind(c: CopyRelation): CopyEdge['kind'] {
  if (c.kind === 'verbatim') return 'verbatim-copy';
  if (c.kind === 'partial') return 'partial';
  return c.reasons.some((r) => /machine-rewrite artifacts/.test(r)) ? 'translation' : 'rewrite';
}

const dated = (t: string | null) => Number.isFinite(publishedTime(t));
export const lag = (from: string | null, to: string | null) => (dated(from) && dated(to) ? Math.round((publishedTime(to) - publishedTime(from)) / 1000) : null);

/** `sources` in reference order; `copies` among them. */
export function buildPropagation(sources: PropagationSource[], copies: CopyRelation[]): Propagation {
  const byId = new Map(sources.map((s) => [s.articleId, s]));
  const order = [...sources].sort((a, b) => publishedTime(a.publishedAt) - publishedTime(b.publishedAt) || a.ref - b.ref);
  const rank = new Map(order.map((s, i) => [s.articleId, i]));
  const edges: CopyEdge[] = copies
    .filter((c) => byId.has(c.copyId) && byId.has(c.sourceId))
    .map((c) => ({ sourceId: c.sourceId, copyId: c.copyId, sourceRef: byId.get(c.sourceId)!.ref, copyRef: byId.get(c.copyId)!.ref, kind: edgeKind(c), lagSeconds: lag(byId.get(c.sourceId)!.publishedAt, byId.get(c.copyId)!.publishedAt), directionConfidence: c.directionConfidence }))
    .sort((a, b) => a.sourceRef - b.sourceRef || a.copyRef - b.copyRef);
  // each full copy's parent: a verbatim source first, then the earliest
  const strength = { 'verbatim-copy': 0, translation: 1, rewrite: 2, partial: 3 };
  const parent = new Map<string, CopyEdge>();
  for (const e of [...edges].filter((e) => e.kind !== 'partial').sort((a, b) => strength[a.kind] - strength[b.kind] || rank.get(a.sourceId)! - rank.get(b.sourceId)!)) if (!parent.has(e.copyId)) parent.set(e.copyId, e);
  const wire = (key: string) => key.startsWith('org:') && (agencyOf(key.slice(4)) !== null || !sources.some((s) => s.outlet && s.outlet.toLowerCase() === key.slice(4).toLowerCase()));
  // a lineage's first report is its earliest original (what its copies were made from, dated or not)
  const originalsFirst = [...order].sort((a, b) => Number(parent.has(a.articleId)) - Number(parent.has(b.articleId)) || rank.get(a.articleId)! - rank.get(b.articleId)!);
  const lineages = new Map<string, Lineage>();
  for (const s of originalsFirst) {
    const l = lineages.get(s.lineage);
    if (l) l.articleIds.push(s.articleId);
    else lineages.set(s.lineage, { key: s.lineage, name: s.lineageName, wire: wire(s.lineage), firstReport: { articleId: s.articleId, ref: s.ref, outlet: s.outlet, publishedAt: s.publishedAt }, articleIds: [s.articleId] });
  }
  for (const l of lineages.values()) l.articleIds.sort((a, b) => rank.get(a)! - rank.get(b)!);
  const first = order.find((s) => dated(s.publishedAt)) ?? null;
  const timeline: Publication[] = order.map((s) => {
    const p = parent.get(s.articleId);
    const lin = lineages.get(s.lineage)!;
    const kind: PublicationKind = p ? (p.kind as PublicationKind) : lin.wire ? 'wire' : 'own-reporting';
    return { ref: s.ref, articleId: s.articleId, label: s.label, outlet: s.outlet, url: s.url, publishedAt: s.publishedAt, kind, lineage: s.lineage, copyOf: p?.sourceId ?? null, secondsAfterFirst: first ? lag(first.publishedAt, s.publishedAt) : null, firstInLineage: lin.firstReport.articleId === s.articleId };
  });
  return {
    firstReport: first ? { articleId: first.articleId, ref: first.ref, outlet: first.outlet, publishedAt: first.publishedAt, lineage: first.lineage } : null,
    timeline,
    lineages: [...lineages.values()],
    edges,
  };
}

/** "+2 h 15 min", "−40 min", "same minute". */
export function describeLag(seconds: number | null): string {
  if (seconds === null) return 'lag unknown (undated)';
  const m = Math.round(Math.abs(seconds) / 60);
  if (m === 0) return 'same minute';
  const d = Math.floor(m / 1440);
  const h = Math.floor((m % 1440) / 60);
  const parts = [d ? `${d} d` : '', h ? `${h} h` : '', m % 60 ? `${m % 60} min` : ''].filter(Boolean);
  return `${seconds < 0 ? '−' : '+'}${parts.join(' ')}`;
}

const KIND_TEXT: Record<PublicationKind, string> = { 'own-reporting': 'own reporting', wire: 'wire', 'verbatim-copy': 'verbatim copy', rewrite: 'rewrite', translation: 'translation' };
const when = (t: string | null) => (t ? t.slice(0, 16).replace('T', ' ') : 'undated');

/** The propagation section of the Markdown dossier; `name` renders a reference ("[3] Daily Herald"), already escaped. */
export function renderPropagation(p: Propagation, name: (ref: number) => string, lineageName: (key: string) => string): string[] {
  const L: string[] = ['## Propagation', ''];
  L.push(p.firstReport ? `First report: ${name(p.firstReport.ref)}, ${when(p.firstReport.publishedAt)} (${lineageName(p.firstReport.lineage)}).` : 'First report unknown: no article carries a publication time.', '');
  L.push('### Timeline', '');
  for (const t of p.timeline) {
    const copy = t.copyOf ? ` of ${name(p.timeline.find((x) => x.articleId === t.copyOf)!.ref)}` : '';
    const after = t.secondsAfterFirst ? ` (${describeLag(t.secondsAfterFirst)} after the first report)` : '';
    L.push(`- ${when(t.publishedAt)} · ${name(t.ref)} — ${KIND_TEXT[t.kind]}${copy}${after} · ${lineageName(t.lineage)}${t.firstInLineage ? ' · first report of its lineage' : ''}`);
  }
  L.push('', '### Lineages', '');
  for (const l of p.lineages) L.push(`- **${lineageName(l.key)}**${l.wire ? ' (wire)' : ''}: first reported by ${name(l.firstReport.ref)}, ${when(l.firstReport.publishedAt)}; ${l.articleIds.length} publication(s)`);
  L.push('', '### Who copied whom', '');
  if (!p.edges.length) L.push('No copies among these articles.');
  for (const e of p.edges) L.push(`- ${name(e.sourceRef)} → ${name(e.copyRef)}: ${e.kind.replace('-', ' ')}, ${describeLag(e.lagSeconds)} (direction: ${e.directionConfidence})`);
  L.push('');
  return L;
}

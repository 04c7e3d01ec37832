// A story dossier: everything known about one event, with numbered citations to the articles.
import type { Analysis, ArticleSummary, StoryEvent } from '../model/analysis.ts';
import type { CopyRelation } from '../model/copy.ts';
import type { Entity } from '../model/entity.ts';
import type { Contradiction, Fact } from '../model/fact.ts';
import { nameSources, type NamedSource } from '../copy/sources.ts';
import type { ApartExplanation, MemberExplanation } from '../model/event.ts';
import { truncate } from '../nlp/text.ts';
import { publishedTime } from '../model/article.ts';
import { resolveStory } from './resolve.ts';
import { buildPropagation, renderPropagation, type Propagation } from './propagation.ts';
import { storyHistory, renderHistory, type StoryHistoryEntry } from './history.ts';

export interface DossierSource {
  ref: number;
  articleId: string;
  label: string;
  outlet: string | null;
  title: string | null;
  publishedAt: string | null;
  url: string | null;
  origin: string;
  /** set when this article is a copy: it adds no independent corroboration */
  copyOf: string | null;
  /** the independent source the article speaks for ("AP" for a wire story run by any outlet) */
  source: string;
}

export interface Dossier {
  id: string;
  /** the story's persistent number (null for an analysis never saved) */
  number: number | null;
  /** set when the story was reached through the id of a story since merged into it */
  redirectedFrom: string | null;
  /** created, merges and splits naming this story, oldest first */
  history: StoryHistoryEntry[];
  /** the timeline of publications, the first report of each lineage and who copied whom */
  propagation: Propagation;
  title: string;
  dateFrom: string | null;
  dateTo: string | null;
  keyTerms: string[];
  articleCount: number;
  independentSources: number;
  /** the independent sources: who each is and which outlets carried it */
  sourceGroups: Array<NamedSource & { refs: number[] }>;
  sources: DossierSource[];
  copies: Array<CopyRelation & { copyRef: number; sourceRef: number; examples: Array<{ source: string; copy: string; similarity: number }> }>;
  entities: Array<{ id: string; name: string; type: string; aliases: string[]; articleCount: number }>;
  corroborated: Fact[];
  contradicted: Fact[];
  contradictions: Contradiction[];
  /** figures one source changed over time, earlier report first */
  updates: Contradiction[];
  singleSource: Fact[];
  framing: StoryEvent['framing'];
  /** why the articles were grouped, and which look-alike stories were kept apart and why */
  grouping: {
    members: Array<MemberExplanation & { ref: number }>;
    apart: Array<ApartExplanation & { title: string | null }>;
  };
  generatedAt: string;
}

/** Human date range of a story; month-only estimates come from the latest month the text mentions, so they are a lower bound. */
export function describeDates(from: string | null, to: string | null): string {
  if (!from) return 'date unknown';
  const one = (x: string) => (x.length === 7 ? `${x} or later (estimated from the text)` : x.length === 4 ? `${x} (year only)` : x);
  return !to || from === to ? one(from) : `${from} – ${to}`;
}

/** The story a number or id names (following merges; see resolveStory for where a redirect led). */
export function findEvent(an: Analysis, key: string): StoryEvent | null {
  return resolveStory(an, key)?.event ?? null;
}

export function buildDossier(an: Analysis, ev: StoryEvent, opts: { redirectedFrom?: string | null } = {}): Dossier {
  const byId = new Map(an.articles.map((a) => [a.id, a]));
  const members = ev.articleIds.map((id) => byId.get(id)).filter((a): a is ArticleSummary => !!a);
  const memberSet = new Set(ev.articleIds);
  const copies = an.copies.filter((c) => memberSet.has(c.copyId) && memberSet.has(c.sourceId));
  // each copy is shown as a copy of its best source: an original (not itself a copy), most of it aligned
  const copied = new Set(copies.map((c) => c.copyId));
  const copyOf = new Map<string, string>();
  for (const c of [...copies].sort((a, b) => Number(copied.has(b.sourceId)) - Number(copied.has(a.sourceId)) || a.copyCoverage - b.copyCoverage)) copyOf.set(c.copyId, c.sourceId);
  // originals first (by date), then copies
  members.sort((a, b) => Number(copyOf.has(a.id)) - Number(copyOf.has(b.id)) || publishedTime(a.publishedAt ?? a.eventDate?.date) - publishedTime(b.publishedAt ?? b.eventDate?.date) || a.label.localeCompare(b.label));
  const named = nameSources(members.map((a) => a.id), an.sourceGroup, members);
  const sourceName = new Map(named.flatMap((g) => g.articleIds.map((id) => [id, g.name] as [string, string])));
  const sources: DossierSource[] = members.map((a, i) => ({
    ref: i + 1,
    articleId: a.id,
    label: a.label,
    outlet: a.outlet,
    title: a.title,
    publishedAt: a.publishedAt,
    url: a.url,
    origin: a.origin,
    copyOf: copyOf.get(a.id) ?? null,
    source: sourceName.get(a.id) ?? a.outlet ?? a.label,
  }));
  const ref = new Map(sources.map((s) => [s.articleId, s.ref]));
  const sourceGroups = named
    .map((g) => ({ ...g, refs: g.articleIds.map((id) => ref.get(id)!).sort((x, y) => x - y) }))
    .sort((x, y) => x.refs[0] - y.refs[0]);
  const ents = an.entities
    .filter((e) => e.articleIds.some((id) => memberSet.has(id)))
    .map((e: Entity) => ({ id: e.id, name: e.name, type: e.type, aliases: e.aliases.map((a) => a.form).filter((f) => f !== e.name), articleCount: e.articleIds.filter((id) => memberSet.has(id)).length }))
    .sort((a, b) => b.articleCount - a.articleCount)
    .slice(0, 40);
  const lineageKey = new Map(named.flatMap((g) => g.articleIds.map((id) => [id, g.key] as [string, string])));
  const propagation = buildPropagation(
    sources.map((s) => ({ ref: s.ref, articleId: s.articleId, label: s.label, outlet: s.outlet, url: s.url, publishedAt: s.publishedAt, lineage: lineageKey.get(s.articleId) ?? `article:${s.articleId}`, lineageName: s.source })),
    copies,
  );
  return {
    id: ev.id,
    number: ev.number ?? null,
    redirectedFrom: opts.redirectedFrom ?? null,
    history: storyHistory(an, ev.id),
    propagation,
    title: ev.title,
    dateFrom: ev.dateFrom,
    dateTo: ev.dateTo,
    keyTerms: ev.keyTerms,
    articleCount: ev.articleIds.length,
    independentSources: ev.independentSources,
    sourceGroups,
    sources,
    copies: copies.map((c) => ({ ...c, copyRef: ref.get(c.copyId)!, sourceRef: ref.get(c.sourceId)!, examples: alignedExamples(c, byId.get(c.sourceId), byId.get(c.copyId)) })),
    entities: ents,
    corroborated: ev.facts.filter((f) => f.status === 'corroborated'),
    contradicted: ev.facts.filter((f) => f.status === 'contradicted'),
    contradictions: ev.contradictions.filter((c) => c.kind !== 'update'),
    updates: ev.contradictions.filter((c) => c.kind === 'update'),
    singleSource: rankSingleSource(ev.facts.filter((f) => f.status === 'single-source'), ents, ev.articleIds.length),
    framing: ev.framing,
    grouping: {
      members: (ev.explanation?.members ?? []).filter((m) => ref.has(m.articleId)).map((m) => ({ ...m, ref: ref.get(m.articleId)! })).sort((a, b) => a.ref - b.ref),
      apart: (ev.explanation?.apart ?? []).map((x) => ({ ...x, title: an.events.find((e) => e.id === x.storyId)?.title ?? null })),
    },
    generatedAt: an.generatedAt,
  };
}

function memberLine(d: Dossier, m: Dossier['grouping']['members'][number]): string {
  const bits: string[] = [];
  if (m.copyOf.length) bits.push(`is a copy or source of ${refs(d, m.copyOf)}`);
  if (m.sharedNames.length) bits.push(`shares names ${m.sharedNames.join(', ')}`);
  if (m.sharedTerms.length) bits.push(`shares words ${m.sharedTerms.join(', ')}`);
  const away = m.gapDays ? ` (${m.gapDays} day${m.gapDays === 1 ? '' : 's'} from the story's middle day)` : '';
  const date = !m.date ? 'no date in the text' : m.dateSource === 'cluster' ? `no date in the text; takes the story's ${m.date}` : m.date.length === 7 ? `dated ${m.date} or later${away}` : `dated ${m.date}${away}`;
  return `- [${m.ref}] fits the others at ${m.score.toFixed(2)} (content ${m.content.toFixed(2)}, names ${m.names.toFixed(2)}): ${bits.length ? bits.join('; ') : 'little in common'}; ${date}`;
}

/** A few aligned sentence pairs that show how the copy was made: the most and the least similar. */
function alignedExamples(c: CopyRelation, src: ArticleSummary | undefined, cp: ArticleSummary | undefined, n = 6): Array<{ source: string; copy: string; similarity: number }> {
  if (!src || !cp) return [];
  const sorted = [...c.sentencePairs].sort((a, b) => a.similarity - b.similarity);
  const pick = sorted.length <= n ? sorted : [...sorted.slice(-Math.ceil(n / 2)), ...sorted.slice(0, Math.floor(n / 2))];
  return pick
    .sort((a, b) => a.source - b.source)
    .map((p) => ({ source: src.sentences[p.source] ?? '', copy: cp.sentences[p.copy] ?? '', similarity: p.similarity }));
}

function refs(d: Dossier, articleIds: string[]): string {
  const m = new Map(d.sources.map((s) => [s.articleId, s.ref]));
  return [...new Set(articleIds.map((id) => m.get(id)).filter((x): x is number => x !== undefined))]
    .sort((a, b) => a - b)
    .map((r) => `[${r}]`)
    .join('');
}

/**
 * Article-supplied text as inert Markdown: brackets and angle brackets are escaped so no link,
 * autolink or raw HTML can be formed from it (only linkUrl makes links).
 */
export function mdText(s: string): string {
  return s.replace(/[\\[\]<>`]/g, (c) => '\\' + c);
}

/** A source address: http(s) URLs become autolinks; anything else (javascript:, file paths) stays inert code text. */
export function linkUrl(url: string): string {
  const u = URL.canParse(url) ? new URL(url) : null;
  if (u && (u.protocol === 'http:' || u.protocol === 'https:')) return `<${u.href}>`;
  return codeSpan(url);
}

/** A code span that holds any text: its fence is longer than any backtick run inside. */
function codeSpan(s: string): string {
  const flat = s.replace(/[\r\n]+/g, ' ');
  const longest = Math.max(0, ...(flat.match(/`+/g) ?? []).map((r) => r.length));
  const fence = '`'.repeat(longest + 1);
  const pad = flat.startsWith('`') || flat.endsWith('`') || /^ .* $/.test(flat) ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

function sourceName(s: DossierSource): string {
  return mdText(s.outlet ? `${s.label}, ${s.outlet}` : s.label);
}

function factLine(d: Dossier, f: Fact): string {
  const groups = f.sourceGroups.map((g) => refs(d, g)).join(' ');
  const copies = f.sourceGroups.flatMap((g) => g.slice(1));
  const note = copies.length ? ` — copies not counted: ${refs(d, copies)}` : '';
  const contested = f.status === 'contradicted' ? ' ⚠ contested (see Contradictions)' : '';
  return `- **${f.independentSources} independent** ${groups}: ${mdText(truncate(f.text, 300))}${note}${contested}`;
}

export function renderMarkdown(d: Dossier, opts: { maxSingle?: number } = {}): string {
  const maxSingle = opts.maxSingle ?? 25;
  const L: string[] = [];
  const when = describeDates(d.dateFrom, d.dateTo);
  L.push(`# ${mdText(d.title)}`, '');
  L.push(`Story ${d.number ?? ''} \`${d.id}\` · ${when} · ${d.articleCount} article(s) · **${d.independentSources} independent source(s)**`, '');
  if (d.keyTerms.length) L.push(`Key terms: ${mdText(d.keyTerms.join(', '))}`, '');

  L.push('## Independent sources', '');
  for (const g of d.sourceGroups) L.push(`- **${mdText(g.description)}** ${g.refs.map((r) => `[${r}]`).join('')}`);
  L.push('');

  const groupName = new Map(d.sourceGroups.map((g) => [g.key, mdText(g.name)]));
  const refName = (r: number) => `[${r}] ${sourceName(d.sources[r - 1])}`;
  L.push(...renderPropagation(d.propagation, refName, (k) => groupName.get(k) ?? mdText(k)));

  L.push('## Contradictions', '');
  if (!d.contradictions.length) L.push('None found.', '');
  for (const c of d.contradictions) {
    L.push(`- **${mdText(c.topic)}**`);
    for (const s of c.sides) L.push(`  - ${mdText(s.claim)} — ${mdText(sideSources(s))} ${refs(d, s.articleIds)}: “${mdText(truncate(s.citations[0]?.text ?? '', 220))}”`);
  }
  L.push('');

  if (d.updates.length) {
    L.push('## Updates (a figure changed between reports)', '');
    for (const c of d.updates) {
      L.push(`- **${mdText(c.topic)}**: ${c.sides.map((s) => `${mdText(s.claim)} (${mdText(sideSources(s))}${s.publishedAt ? `, ${s.publishedAt.slice(0, 16).replace('T', ' ')}` : ''}) ${refs(d, s.articleIds)}`).join(' → ')}`);
    }
    L.push('');
  }

  L.push('## Corroborated by independent sources', '');
  const corr = [...d.corroborated, ...d.contradicted.filter((f) => f.independentSources >= 2)];
  if (!corr.length) L.push('Nothing is reported by two or more independent sources.', '');
  for (const f of corr) L.push(factLine(d, f));
  L.push('');

  L.push('## Reported by one source only', '');
  const single = [...d.contradicted.filter((f) => f.independentSources < 2), ...d.singleSource];
  if (!single.length) L.push('None.', '');
  const ranked = single;
  for (const f of ranked.slice(0, maxSingle)) L.push(factLine(d, f));
  if (ranked.length > maxSingle) L.push(`- … and ${ranked.length - maxSingle} more (see the JSON dossier)`);
  L.push('');

  L.push('## Quotes', '');
  const quotes = [...d.corroborated, ...d.contradicted, ...d.singleSource].filter((f) => f.quote);
  if (!quotes.length) L.push('No quotations found.', '');
  for (const f of quotes.slice(0, 30)) L.push(`- **${mdText(f.quote!.speaker ?? 'unattributed')}**: “${mdText(truncate(f.quote!.text, 260))}” ${f.sourceGroups.map((g) => refs(d, g)).join(' ')}${f.independentSources > 1 ? ` — ${f.independentSources} independent sources` : ''}`);
  if (quotes.length > 30) L.push(`- … and ${quotes.length - 30} more (see the JSON dossier)`);
  L.push('');

  L.push('## Copies and rewrites', '');
  if (!d.copies.length) L.push('No copies found among these articles.', '');
  for (const c of d.copies) {
    L.push(
      `- [${c.copyRef}] is a **${c.kind} copy** of [${c.sourceRef}]: ${Math.round(c.copyCoverage * 100)}% of it aligns with the source, mean sentence similarity ${c.similarity.toFixed(2)}; direction: ${c.directionConfidence} (${mdText(c.reasons.join('; '))}).`,
    );
    for (const p of c.passages.slice(0, 5))
      L.push(`  - passage: source [${c.sourceRef}] sentences ${p.sourceSentences[0] + 1}–${p.sourceSentences[1] + 1} ↔ copy [${c.copyRef}] sentences ${p.copySentences[0] + 1}–${p.copySentences[1] + 1} (similarity ${p.similarity.toFixed(2)})`);
    if (c.passages.length > 5) L.push(`  - … ${c.passages.length - 5} more passages`);
    L.push(`  - aligned sentences (most and least alike):`);
    for (const x of c.examples) {
      L.push(`    - ${x.similarity.toFixed(2)} source: “${mdText(truncate(x.source, 200))}”`);
      L.push(`      copy: “${mdText(truncate(x.copy, 200))}”`);
    }
  }
  L.push('');

  L.push('## Who is involved', '');
  for (const e of d.entities.slice(0, 20)) L.push(`- ${mdText(e.name)} (${e.type}, ${e.articleCount} article(s))${e.aliases.length ? ` — also written: ${mdText(e.aliases.join(', '))}` : ''}`);
  L.push('');

  L.push('## How each outlet frames it', '');
  const srcBy = new Map(d.sources.map((s) => [s.articleId, s]));
  for (const fr of d.framing) {
    const s = srcBy.get(fr.articleId);
    if (!s) continue;
    L.push(`### [${s.ref}] ${sourceName(s)}`);
    const terms = Object.entries(fr.terms).map(([cat, t]) => `${mdText(cat)}: ${Object.entries(t).map(([k, v]) => `${mdText(k)} ×${v}`).join(', ')}`);
    if (terms.length) L.push(`- Wording — ${terms.join('; ')}`);
    for (const n of fr.namings.slice(0, 8)) L.push(`- Names ${mdText(n.entity)} as ${mdText([...n.titles.map((t) => `“${t} …”`), ...n.forms.map((f) => `“${f}”`)].join(', '))}`);
    if (fr.distinctiveTerms.length) L.push(`- Distinctive words: ${mdText(fr.distinctiveTerms.join(', '))}`);
    L.push('');
  }

  L.push('## Why these articles belong together', '');
  if (d.grouping.members.length <= 1) L.push('A single article: nothing else matched it closely enough.', '');
  else for (const m of d.grouping.members) L.push(memberLine(d, m));
  L.push('');
  for (const x of d.grouping.apart) {
    L.push(`### Kept apart from story \`${x.storyId}\`${x.title ? ` “${truncate(x.title, 100)}”` : ''}`);
    L.push(`- alike in content (${x.content.toFixed(2)}) and names (${x.names.toFixed(2)})${x.sharedTerms.length ? `, sharing ${x.sharedTerms.join(', ')}` : ''}`);
    for (const r of x.reasons) L.push(`- ${r}`);
    L.push('');
  }

  L.push(...renderHistory(d.id, d.history, d.redirectedFrom));

  L.push('## Sources', '');
  for (const s of d.sources) {
    const bits = [
      s.title ? `“${mdText(s.title)}”` : null,
      s.publishedAt ? s.publishedAt.slice(0, 10) : null,
      s.url ? linkUrl(s.url) : codeSpan(s.origin),
      s.source !== s.outlet ? `source: ${mdText(s.source)}` : null,
      s.copyOf ? `copy of [${d.sources.find((x) => x.articleId === s.copyOf)?.ref}]` : null,
    ].filter(Boolean);
    L.push(`${s.ref}. ${sourceName(s)} — ${bits.join(' · ')}`);
  }
  L.push('');
  return L.join('\n');
}

function sideSources(s: Contradiction['sides'][number]): string {
  return s.sources?.length ? s.sources.join(', ') : `${s.independentSources} independent`;
}

const ATTRIBUTED = /\b(?:said|says|told|according to|announced|confirmed|stated|reported)\b/i;

/**
 * Single-source facts by importance: figures first, then statements a named person or body is quoted or
 * cited for, then claims about the people and organisations most of the story's articles mention; within
 * that, what an article says early (the lead) before what it says late.
 */
export function rankSingleSource(facts: Fact[], entities: Array<{ id: string; type: string; articleCount: number }>, articleCount: number): Fact[] {
  const weight = new Map(entities.map((e) => [e.id, e.articleCount / Math.max(1, articleCount) * (e.type === 'place' ? 0.5 : 1)]));
  const score = (f: Fact) => {
    let s = f.figures.length ? 3 : 0;
    if (f.quote?.speaker || (f.entityIds.length && ATTRIBUTED.test(f.text))) s += 2;
    else if (f.kind === 'role') s += 1;
    s += Math.min(2, f.entityIds.reduce((x, id) => x + (weight.get(id) ?? 0), 0));
    s += Math.max(0, 1 - Math.min(...f.citations.map((c) => c.sentence)) / 10);
    return s;
  };
  const scored = new Map(facts.map((f) => [f, score(f)]));
  return [...facts].sort((a, b) => scored.get(b)! - scored.get(a)! || a.id.localeCompare(b.id));
}

// The export tables: articles, copy relations and facts with their sources, for the whole collection or one
// story, with every field needed to redo the analysis (ids, URLs, outlets, times, lineage, independence group).
import type { Analysis, StoryEvent } from '../model/analysis.ts';
import type { Article } from '../model/article.ts';
import { buildDossier, type Dossier } from '../dossier/dossier.ts';
import type { Cell } from './csv.ts';
import { edgeKind, lag } from '../dossier/propagation.ts';

export const TABLES = ['articles', 'copies', 'facts'] as const;
export type TableName = (typeof TABLES)[number];

export interface Table {
  columns: string[];
  rows: Array<Record<string, Cell>>;
}

export interface ExportInput {
  /** the analysis of the exported stories and what they touch (a slice of the stored one, or a whole one) */
  analysis: Analysis;
  /** the stories to export */
  stories: StoryEvent[];
  /** article id -> its story, for the articles at either end of the copies */
  storyOf: Map<string, string>;
  /** the stored articles (for origins, hashes and ingest times) */
  articles: Map<string, Pick<Article, 'author' | 'lang' | 'ingestedAt' | 'contentHash'>>;
  /** article id -> every origin it was received from */
  origins: Map<string, string[]>;
}

interface StoryView {
  event: StoryEvent;
  dossier: Dossier;
}

function views(inp: ExportInput): StoryView[] {
  return inp.stories.map((event) => ({ event, dossier: buildDossier(inp.analysis, event) }));
}

const ARTICLE_COLUMNS = ['id', 'label', 'story_id', 'story_number', 'outlet', 'url', 'title', 'author', 'published_at', 'lang', 'origin', 'origins', 'ingested_at', 'content_hash', 'words', 'independence_group', 'source_name', 'lineage_first_report', 'publication_kind', 'copy_of'];

function articleTable(inp: ExportInput, vs: StoryView[]): Table {
  const stored = inp.articles;
  const words = new Map(inp.analysis.articles.map((a) => [a.id, a.words]));
  const rows = vs.flatMap(({ event, dossier }) =>
    dossier.propagation.timeline.map((t) => {
      const a = stored.get(t.articleId);
      const src = dossier.sources.find((s) => s.articleId === t.articleId)!;
      const lineage = dossier.propagation.lineages.find((l) => l.key === t.lineage);
      return {
        id: t.articleId, label: t.label, story_id: event.id, story_number: event.number ?? null, outlet: t.outlet, url: t.url, title: src.title, author: a?.author ?? null,
        published_at: t.publishedAt, lang: a?.lang ?? null, origin: src.origin, origins: inp.origins.get(t.articleId) ?? [src.origin], ingested_at: a?.ingestedAt ?? null,
        content_hash: a?.contentHash ?? null, words: words.get(t.articleId) ?? null, independence_group: t.lineage, source_name: src.source,
        lineage_first_report: lineage?.firstReport.articleId ?? null, publication_kind: t.kind, copy_of: t.copyOf,
      };
    }),
  );
  return { columns: ARTICLE_COLUMNS, rows };
}

const COPY_COLUMNS = ['copy_id', 'source_id', 'copy_story_id', 'source_story_id', 'kind', 'publication_kind', 'copy_outlet', 'source_outlet', 'copy_url', 'source_url', 'copy_published_at', 'source_published_at', 'lag_seconds', 'copy_coverage', 'source_coverage', 'similarity', 'shingle_jaccard', 'direction_confidence', 'aligned_sentences', 'copy_group', 'source_group', 'reasons'];

/** Every copy relation touching the exported stories (a copy may cross into another story). */
function copyTable(inp: ExportInput, vs: StoryView[]): Table {
  const group = inp.analysis.sourceGroup;
  const art = new Map(inp.analysis.articles.map((a) => [a.id, a]));
  const storyOf = inp.storyOf;
  const wanted = new Set(vs.map((v) => v.event.id));
  const rows = inp.analysis.copies
    .filter((c) => wanted.has(storyOf.get(c.copyId) ?? '') || wanted.has(storyOf.get(c.sourceId) ?? ''))
    .map((c) => {
      const [cp, so] = [art.get(c.copyId), art.get(c.sourceId)];
      return {
        copy_id: c.copyId, source_id: c.sourceId, copy_story_id: storyOf.get(c.copyId) ?? null, source_story_id: storyOf.get(c.sourceId) ?? null, kind: c.kind, publication_kind: edgeKind(c),
        copy_outlet: cp?.outlet ?? null, source_outlet: so?.outlet ?? null, copy_url: cp?.url ?? null, source_url: so?.url ?? null, copy_published_at: cp?.publishedAt ?? null,
        source_published_at: so?.publishedAt ?? null, lag_seconds: lag(so?.publishedAt ?? null, cp?.publishedAt ?? null), copy_coverage: c.copyCoverage, source_coverage: c.sourceCoverage,
        similarity: c.similarity, shingle_jaccard: c.shingleJaccard, direction_confidence: c.directionConfidence, aligned_sentences: c.sentencePairs.length,
        copy_group: group[c.copyId] ?? null, source_group: group[c.sourceId] ?? null, reasons: c.reasons,
      };
    })
    .sort((a, b) => a.source_id.localeCompare(b.source_id) || a.copy_id.localeCompare(b.copy_id));
  return { columns: COPY_COLUMNS, rows };
}

const FACT_COLUMNS = ['id', 'story_id', 'story_number', 'kind', 'status', 'text', 'independent_sources', 'source_groups', 'cited_article_ids', 'cited_urls', 'citations', 'entity_ids', 'figures', 'contradiction_ids', 'quote_speaker'];

function factTable(inp: ExportInput, vs: StoryView[]): Table {
  const url = new Map(inp.analysis.articles.map((a) => [a.id, a.url]));
  const group = inp.analysis.sourceGroup;
  const rows = vs.flatMap(({ event }) =>
    event.facts.map((f) => {
      const cited = [...new Set(f.citations.map((c) => c.articleId))];
      return {
        id: f.id, story_id: event.id, story_number: event.number ?? null, kind: f.kind, status: f.status, text: f.text, independent_sources: f.independentSources,
        source_groups: f.sourceGroups.map((ids) => ({ group: group[ids[0]] ?? `article:${ids[0]}`, articleIds: ids })),
        cited_article_ids: cited, cited_urls: cited.map((id) => url.get(id) ?? ''), citations: f.citations.map((c) => ({ articleId: c.articleId, sentence: c.sentence })),
        entity_ids: f.entityIds, figures: f.figures.map((x) => ({ ...x })), contradiction_ids: f.contradictionIds, quote_speaker: f.quote?.speaker ?? null,
      };
    }),
  );
  return { columns: FACT_COLUMNS, rows };
}

export function exportTable(name: TableName, inp: ExportInput): Table {
  const vs = views(inp);
  return name === 'articles' ? articleTable(inp, vs) : name === 'copies' ? copyTable(inp, vs) : factTable(inp, vs);
}

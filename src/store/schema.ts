// One schema for both backends: embedded PGlite (default) and a PostgreSQL server.
import { customType, pgTable, text, integer, real, jsonb, timestamp, serial, bigserial, bigint, boolean, primaryKey, index, unique } from 'drizzle-orm/pg-core';

export const articles = pgTable(
  'articles',
  {
    id: text('id').primaryKey(),
    label: text('label').notNull(),
    origin: text('origin').notNull(),
    format: text('format').notNull(),
    url: text('url'),
    outlet: text('outlet'),
    title: text('title'),
    author: text('author'),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'string' }),
    /** the publication time as the source wrote it (offset kept), so its calendar day survives the round trip */
    publishedLocal: text('published_local'),
    lang: text('lang'),
    text: text('text').notNull(),
    removed: jsonb('removed').notNull(),
    raw: text('raw').notNull(),
    /** not unique: the same text from another outlet, URL or feed item is its own article (a verbatim copy) */
    contentHash: text('content_hash').notNull(),
    ingestedAt: timestamp('ingested_at', { withTimezone: true, mode: 'string' }).notNull(),
  },
  (t) => [index('articles_label_idx').on(t.label), index('articles_hash_idx').on(t.contentHash), index('articles_url_idx').on(t.url)],
);

/** Every origin (file, feed item, upload) an article was received from, the first one included. */
export const articleOrigins = pgTable(
  'article_origins',
  {
    articleId: text('article_id').notNull(),
    origin: text('origin').notNull(),
    url: text('url'),
    seenAt: timestamp('seen_at', { withTimezone: true, mode: 'string' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.articleId, t.origin] })],
);

export const ingestErrors = pgTable('ingest_errors', {
  id: serial('id').primaryKey(),
  origin: text('origin').notNull(),
  reason: text('reason').notNull(),
  /** the input as received (when it could be read), so a rejected document is never lost */
  raw: text('raw'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull(),
});

export const articleAnalysis = pgTable('article_analysis', {
  articleId: text('article_id').primaryKey(),
  eventDate: jsonb('event_date'),
  words: integer('words').notNull(),
  sentences: jsonb('sentences').notNull(),
  templates: jsonb('templates').notNull().default([]),
  /** the independent source (copy family or outlet) the article speaks for */
  sourceGroup: text('source_group'),
  /** paragraph numbers taken out as the outlet's template */
  templateParas: jsonb('template_paras').notNull().default([]),
});

export const copies = pgTable(
  'copies',
  {
    copyId: text('copy_id').notNull(),
    sourceId: text('source_id').notNull(),
    kind: text('kind').notNull(),
    copyCoverage: real('copy_coverage').notNull(),
    sourceCoverage: real('source_coverage').notNull(),
    similarity: real('similarity').notNull(),
    shingleJaccard: real('shingle_jaccard').notNull(),
    directionConfidence: text('direction_confidence').notNull(),
    reasons: jsonb('reasons').notNull(),
    passages: jsonb('passages').notNull(),
    sentencePairs: jsonb('sentence_pairs').notNull(),
  },
  (t) => [primaryKey({ columns: [t.copyId, t.sourceId] }), index('copies_source_idx').on(t.sourceId)],
);

export const events = pgTable('events', {
  id: text('id').primaryKey(),
  title: text('title').notNull(),
  dateFrom: text('date_from'),
  dateTo: text('date_to'),
  keyTerms: jsonb('key_terms').notNull(),
  independentSources: integer('independent_sources').notNull(),
  entityIds: jsonb('entity_ids').notNull(),
  framing: jsonb('framing').notNull(),
  explanation: jsonb('explanation'),
  position: integer('position').notNull(),
  /** the story's persistent number (see storyIds) */
  number: integer('number'),
});

/** Every story id ever given, with its number; a story merged into another redirects to it. */
export const storyIds = pgTable('story_ids', {
  id: text('id').primaryKey(),
  number: integer('number').notNull().unique(),
  redirectTo: text('redirect_to'),
  createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull(),
});

/** What happened to story ids between analyses: created, merge (otherId absorbed into storyId), split (storyId split from otherId). */
export const storyHistory = pgTable(
  'story_history',
  {
    id: serial('id').primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
    kind: text('kind').notNull(),
    storyId: text('story_id').notNull(),
    otherId: text('other_id'),
    articleIds: jsonb('article_ids').notNull(),
  },
  (t) => [index('story_history_story_idx').on(t.storyId), index('story_history_other_idx').on(t.otherId)],
);

export const eventArticles = pgTable(
  'event_articles',
  {
    eventId: text('event_id').notNull(),
    articleId: text('article_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.eventId, t.articleId] })],
);

/** One row per entity and story: what the story's articles say of it (an entity is the union of its rows). */
export const entities = pgTable('entities', {
  id: text('id').notNull(),
  eventId: text('event_id').notNull().default(''),
  name: text('name').notNull(),
  type: text('type').notNull(),
  aliases: jsonb('aliases').notNull(),
  articleIds: jsonb('article_ids').notNull(),
  mentions: jsonb('mentions').notNull(),
  position: integer('position').notNull(),
});

export const facts = pgTable(
  'facts',
  {
    id: text('id').primaryKey(),
    eventId: text('event_id').notNull(),
    kind: text('kind').notNull(),
    text: text('text').notNull(),
    status: text('status').notNull(),
    independentSources: integer('independent_sources').notNull(),
    sourceGroups: jsonb('source_groups').notNull(),
    citations: jsonb('citations').notNull(),
    figures: jsonb('figures').notNull(),
    entityIds: jsonb('entity_ids').notNull(),
    contradictionIds: jsonb('contradiction_ids').notNull(),
    quote: jsonb('quote'),
    position: integer('position').notNull(),
  },
  (t) => [index('facts_event_idx').on(t.eventId)],
);

export const contradictions = pgTable('contradictions', {
  id: text('id').primaryKey(),
  eventId: text('event_id').notNull(),
  kind: text('kind').notNull(),
  topic: text('topic').notNull(),
  sides: jsonb('sides').notNull(),
});

export const analysisRuns = pgTable('analysis_runs', {
  id: serial('id').primaryKey(),
  finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'string' }).notNull(),
  articleCount: integer('article_count').notNull(),
  fingerprint: text('fingerprint').notNull(),
  sourceGroup: jsonb('source_group').notNull(),
  timings: jsonb('timings').notNull(),
});

/** Work queue for ingest worker processes (PostgreSQL scale-out). */
export const jobs = pgTable('jobs', {
  id: serial('id').primaryKey(),
  origin: text('origin').notNull(),
  status: text('status').notNull(),
  attempts: integer('attempts').notNull(),
  worker: text('worker'),
  result: jsonb('result'),
  leaseUntil: timestamp('lease_until', { withTimezone: true, mode: 'string' }),
  updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull(),
});

/** Feeds that `watch` polls, each on its own schedule, with what the last fetch gave. */
export const feeds = pgTable('feeds', {
  id: serial('id').primaryKey(),
  url: text('url').notNull().unique(),
  intervalSeconds: integer('interval_seconds').notNull(),
  addedAt: timestamp('added_at', { withTimezone: true, mode: 'string' }).notNull(),
  etag: text('etag'),
  lastModified: text('last_modified'),
  lastFetchAt: timestamp('last_fetch_at', { withTimezone: true, mode: 'string' }),
  /** ok, not-modified or error */
  lastStatus: text('last_status'),
  lastError: text('last_error'),
  lastNewItems: integer('last_new_items').notNull().default(0),
  totalNewItems: integer('total_new_items').notNull().default(0),
  errorsInRow: integer('errors_in_row').notNull().default(0),
  nextFetchAt: timestamp('next_fetch_at', { withTimezone: true, mode: 'string' }).notNull(),
});

/** Every place a fetched document was found: one row per (article, feed or page it came through). */
export const itemOrigins = pgTable(
  'item_origins',
  {
    id: serial('id').primaryKey(),
    articleId: text('article_id').notNull(),
    canonicalUrl: text('canonical_url'),
    guid: text('guid'),
    /** the feed or page URL it was reached through */
    source: text('source').notNull(),
    seenAt: timestamp('seen_at', { withTimezone: true, mode: 'string' }).notNull(),
  },
  (t) => [unique('item_origins_article_source').on(t.articleId, t.source), index('item_origins_url_idx').on(t.canonicalUrl), index('item_origins_guid_idx').on(t.guid)],
);

/** One row per HTTP fetch: what was asked, what answered, what it gave. */
export const fetchLog = pgTable('fetch_log', {
  id: serial('id').primaryKey(),
  url: text('url').notNull(),
  finalUrl: text('final_url'),
  status: integer('status'),
  /** stored, not-modified, sitemap, refused or failed */
  outcome: text('outcome').notNull(),
  detail: text('detail'),
  newItems: integer('new_items').notNull(),
  at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
});

const bytes = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => 'bytea' });

/** The per-article work done once, when it is stored (model/features.ts); `seq` is the order analysis takes articles in. */
export const articleFeatures = pgTable('article_features', {
  articleId: text('article_id').primaryKey(),
  seq: bigserial('seq', { mode: 'number' }).notNull(),
  site: text('site'),
  sentences: jsonb('sentences').notNull(),
  sentTokens: jsonb('sent_tokens').notNull(),
  eventDate: jsonb('event_date'),
  mentions: jsonb('mentions').notNull(),
  paragraphKeys: jsonb('paragraph_keys').notNull(),
  /** hashed shingles as little-endian 32-bit integers (read for every copy candidate: binary, not JSON) */
  shingles: bytes('shingles').notNull(),
  /** copy bucket keys (little-endian 64-bit floats, whole numbers below 2^40): read for every analysed article, not
   * computed again (null: stored before they were kept) */
  bandKeys: bytes('band_keys'),
  /** event-grouping counts of the whole text (model/event.ts EventFeatures), to score candidate stories */
  event: jsonb('event').notNull(),
  /** [paragraph, text] of each sentence: what a copy check reads of a candidate (null: stored before it was kept; the
   * sentences, tags and all, are then cut down by the server, which cost ten times as much) */
  copyText: jsonb('copy_text'),
  /** per sentence, what a fact candidate takes from it alone (model/features.ts StoredSentenceFacts; null: stored
   * before they were kept) */
  sentenceFacts: jsonb('sentence_facts'),
  /** taken by an analysis (false: waiting for one) */
  analysed: boolean('analysed').notNull().default(false),
});

/** Copy-candidate buckets: articles sharing a key are aligned when the later one is analysed. A row is the key and its
 * holder's seq only: a lookup reads the index alone, and the holder's id from article_features' small (seq, id) index,
 * so at 100,000 articles the 3 GB index, not the index and a 4.5 GB table, is what must stay in memory. */
export const articleBands = pgTable('article_bands', { key: bigint('key', { mode: 'number' }).notNull(), seq: bigint('seq', { mode: 'number' }).notNull() }, (t) => [index('article_bands_key_seq_idx').on(t.key, t.seq)]);

/** Event terms and names an analysed article's story is found by (written with its analysis: a key held by articles
 * still waiting, as after a bulk ingest, made every lookup read past them). */
export const articleKeys = pgTable('article_keys', { key: text('key').notNull(), articleId: text('article_id').notNull() }, (t) => [index('article_keys_key_idx').on(t.key)]);

/** Paragraphs per site, to learn an outlet's templates from the articles analysed before. */
export const siteParagraphs = pgTable('site_paragraphs', { site: text('site').notNull(), key: text('key').notNull(), articleId: text('article_id').notNull() }, (t) => [primaryKey({ columns: [t.site, t.key, t.articleId] })]);

/** Document frequencies of event terms ('terms') and names ('names') over the analysed articles; ('docs', '') counts them. */
export const docFreq = pgTable('doc_freq', { field: text('field').notNull(), term: text('term').notNull(), n: integer('n').notNull() }, (t) => [primaryKey({ columns: [t.field, t.term] })]);

/** DDL kept in step with the tables above; applied idempotently on open. */
export const DDL = `
CREATE TABLE IF NOT EXISTS articles (
  id text PRIMARY KEY, label text NOT NULL, origin text NOT NULL, format text NOT NULL, url text, outlet text,
  title text, author text, published_at timestamptz, lang text, text text NOT NULL, removed jsonb NOT NULL,
  raw text NOT NULL, content_hash text NOT NULL, ingested_at timestamptz NOT NULL);
CREATE INDEX IF NOT EXISTS articles_label_idx ON articles (label);
CREATE TABLE IF NOT EXISTS ingest_errors (
  id serial PRIMARY KEY, origin text NOT NULL, reason text NOT NULL, raw text, created_at timestamptz NOT NULL);
CREATE TABLE IF NOT EXISTS article_analysis (
  article_id text PRIMARY KEY, event_date jsonb, words integer NOT NULL, sentences jsonb NOT NULL);
ALTER TABLE article_analysis ADD COLUMN IF NOT EXISTS templates jsonb NOT NULL DEFAULT '[]';
CREATE TABLE IF NOT EXISTS copies (
  copy_id text NOT NULL, source_id text NOT NULL, kind text NOT NULL, copy_coverage real NOT NULL,
  source_coverage real NOT NULL, similarity real NOT NULL, shingle_jaccard real NOT NULL,
  direction_confidence text NOT NULL, reasons jsonb NOT NULL, passages jsonb NOT NULL, sentence_pairs jsonb NOT NULL,
  PRIMARY KEY (copy_id, source_id));
CREATE TABLE IF NOT EXISTS events (
  id text PRIMARY KEY, title text NOT NULL, date_from text, date_to text, key_terms jsonb NOT NULL,
  independent_sources integer NOT NULL, entity_ids jsonb NOT NULL, framing jsonb NOT NULL, position integer NOT NULL);
ALTER TABLE events ADD COLUMN IF NOT EXISTS explanation jsonb;
CREATE TABLE IF NOT EXISTS event_articles (
  event_id text NOT NULL, article_id text NOT NULL, PRIMARY KEY (event_id, article_id));
CREATE TABLE IF NOT EXISTS entities (
  id text PRIMARY KEY, name text NOT NULL, type text NOT NULL, aliases jsonb NOT NULL, article_ids jsonb NOT NULL,
  mentions jsonb NOT NULL, position integer NOT NULL);
CREATE TABLE IF NOT EXISTS facts (
  id text PRIMARY KEY, event_id text NOT NULL, kind text NOT NULL, text text NOT NULL, status text NOT NULL,
  independent_sources integer NOT NULL, source_groups jsonb NOT NULL, citations jsonb NOT NULL, figures jsonb NOT NULL,
  entity_ids jsonb NOT NULL, contradiction_ids jsonb NOT NULL, quote jsonb, position integer NOT NULL);
ALTER TABLE facts ADD COLUMN IF NOT EXISTS quote jsonb;
ALTER TABLE articles ADD COLUMN IF NOT EXISTS published_local text;
CREATE INDEX IF NOT EXISTS facts_event_idx ON facts (event_id);
CREATE TABLE IF NOT EXISTS contradictions (
  id text PRIMARY KEY, event_id text NOT NULL, kind text NOT NULL, topic text NOT NULL, sides jsonb NOT NULL);
CREATE TABLE IF NOT EXISTS analysis_runs (
  id serial PRIMARY KEY, finished_at timestamptz NOT NULL, article_count integer NOT NULL, fingerprint text NOT NULL,
  source_group jsonb NOT NULL, timings jsonb NOT NULL);
CREATE TABLE IF NOT EXISTS jobs (
  id serial PRIMARY KEY, origin text NOT NULL, status text NOT NULL, attempts integer NOT NULL, worker text,
  result jsonb, updated_at timestamptz NOT NULL);
ALTER TABLE jobs ADD COLUMN IF NOT EXISTS lease_until timestamptz;
CREATE TABLE IF NOT EXISTS feeds (
  id serial PRIMARY KEY, url text NOT NULL UNIQUE, interval_seconds integer NOT NULL, added_at timestamptz NOT NULL,
  etag text, last_modified text, last_fetch_at timestamptz, last_status text, last_error text,
  last_new_items integer NOT NULL DEFAULT 0, total_new_items integer NOT NULL DEFAULT 0,
  errors_in_row integer NOT NULL DEFAULT 0, next_fetch_at timestamptz NOT NULL);
CREATE TABLE IF NOT EXISTS item_origins (
  id serial PRIMARY KEY, article_id text NOT NULL, canonical_url text, guid text, source text NOT NULL,
  seen_at timestamptz NOT NULL, CONSTRAINT item_origins_article_source UNIQUE (article_id, source));
CREATE INDEX IF NOT EXISTS item_origins_url_idx ON item_origins (canonical_url);
CREATE INDEX IF NOT EXISTS item_origins_guid_idx ON item_origins (guid);
CREATE TABLE IF NOT EXISTS fetch_log (
  id serial PRIMARY KEY, url text NOT NULL, final_url text, status integer, outcome text NOT NULL, detail text,
  new_items integer NOT NULL, at timestamptz NOT NULL);
ALTER TABLE articles DROP CONSTRAINT IF EXISTS articles_content_hash_key;
CREATE INDEX IF NOT EXISTS articles_hash_idx ON articles (content_hash);
CREATE INDEX IF NOT EXISTS articles_url_idx ON articles (url);
CREATE TABLE IF NOT EXISTS article_origins (
  article_id text NOT NULL, origin text NOT NULL, url text, seen_at timestamptz NOT NULL, PRIMARY KEY (article_id, origin));
ALTER TABLE events ADD COLUMN IF NOT EXISTS number integer;
CREATE TABLE IF NOT EXISTS story_ids (
  id text PRIMARY KEY, number integer NOT NULL UNIQUE, redirect_to text, created_at timestamptz NOT NULL);
CREATE TABLE IF NOT EXISTS story_history (
  id serial PRIMARY KEY, at timestamptz NOT NULL, kind text NOT NULL, story_id text NOT NULL, other_id text,
  article_ids jsonb NOT NULL);
CREATE INDEX IF NOT EXISTS story_history_story_idx ON story_history (story_id);
ALTER TABLE articles ADD COLUMN IF NOT EXISTS search tsvector GENERATED ALWAYS AS (to_tsvector('english', left(coalesce(title, '') || ' ' || text, 100000))) STORED;
ALTER TABLE facts ADD COLUMN IF NOT EXISTS search tsvector GENERATED ALWAYS AS (to_tsvector('english', text)) STORED;
DROP INDEX IF EXISTS articles_fts_idx;
DROP INDEX IF EXISTS facts_fts_idx;
CREATE INDEX IF NOT EXISTS articles_search_idx ON articles USING gin (search);
CREATE INDEX IF NOT EXISTS facts_search_idx ON facts USING gin (search);
CREATE TABLE IF NOT EXISTS article_features (
  article_id text PRIMARY KEY, seq bigserial NOT NULL, site text, sentences jsonb NOT NULL, sent_tokens jsonb NOT NULL,
  event_date jsonb, mentions jsonb NOT NULL, paragraph_keys jsonb NOT NULL, shingles bytea NOT NULL, event jsonb NOT NULL);
CREATE UNIQUE INDEX IF NOT EXISTS article_features_seq_id_idx ON article_features (seq) INCLUDE (article_id);
DROP INDEX IF EXISTS article_features_seq_idx;
CREATE TABLE IF NOT EXISTS article_bands (key bigint NOT NULL, seq bigint NOT NULL);
-- bands stored before rows carried their holder's seq, or while they also carried its id
DO $$ BEGIN
  IF EXISTS (SELECT 1 FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = 'article_bands' AND column_name = 'article_id') THEN
    ALTER TABLE article_bands ADD COLUMN IF NOT EXISTS seq bigint NOT NULL DEFAULT 0;
    UPDATE article_bands b SET seq = f.seq FROM article_features f WHERE b.seq = 0 AND f.article_id = b.article_id;
    ALTER TABLE article_bands DROP COLUMN article_id;
    ALTER TABLE article_bands ALTER COLUMN seq DROP DEFAULT;
  END IF;
END $$;
DROP INDEX IF EXISTS article_bands_key_idx;
CREATE INDEX IF NOT EXISTS article_bands_key_seq_idx ON article_bands (key, seq);
CREATE TABLE IF NOT EXISTS article_keys (key text NOT NULL, article_id text NOT NULL);
CREATE INDEX IF NOT EXISTS article_keys_key_idx ON article_keys (key);
CREATE TABLE IF NOT EXISTS site_paragraphs (site text NOT NULL, key text NOT NULL, article_id text NOT NULL, PRIMARY KEY (site, key, article_id));
CREATE TABLE IF NOT EXISTS doc_freq (field text NOT NULL, term text NOT NULL, n integer NOT NULL, PRIMARY KEY (field, term));
ALTER TABLE article_analysis ADD COLUMN IF NOT EXISTS source_group text;
ALTER TABLE article_analysis ADD COLUMN IF NOT EXISTS template_paras jsonb NOT NULL DEFAULT '[]';
ALTER TABLE entities ADD COLUMN IF NOT EXISTS event_id text NOT NULL DEFAULT '';
ALTER TABLE entities DROP CONSTRAINT IF EXISTS entities_pkey;
CREATE UNIQUE INDEX IF NOT EXISTS entities_event_idx ON entities (id, event_id);
CREATE INDEX IF NOT EXISTS event_articles_article_idx ON event_articles (article_id);
ALTER TABLE article_features ADD COLUMN IF NOT EXISTS analysed boolean NOT NULL DEFAULT false;
CREATE INDEX IF NOT EXISTS article_features_pending_idx ON article_features (seq) WHERE NOT analysed;
CREATE INDEX IF NOT EXISTS entities_event_id_idx ON entities (event_id);
CREATE INDEX IF NOT EXISTS contradictions_event_idx ON contradictions (event_id);
CREATE INDEX IF NOT EXISTS story_ids_redirect_idx ON story_ids (redirect_to);
CREATE INDEX IF NOT EXISTS articles_ingested_idx ON articles (ingested_at);
ALTER TABLE article_features ADD COLUMN IF NOT EXISTS band_keys bytea;
ALTER TABLE article_features ADD COLUMN IF NOT EXISTS copy_text jsonb;
ALTER TABLE article_features ADD COLUMN IF NOT EXISTS sentence_facts jsonb;
CREATE INDEX IF NOT EXISTS copies_source_idx ON copies (source_id);
CREATE INDEX IF NOT EXISTS story_history_other_idx ON story_history (other_id);
-- The first holders of each copy bucket, and the stories of each event key's first carriers, read in index order.
-- The planner, expecting a hundred entries a key, would rather read a boilerplate bucket's thousands of rows in a
-- bitmap scan and sort them (at 100,000 stored articles one lookup took 2 s instead of 20 ms); the setting is the
-- function's, so a lookup is one statement rather than a transaction of four.
DROP FUNCTION IF EXISTS np_bucket_holders(bigint[], bigint, int);
CREATE OR REPLACE FUNCTION np_bucket_seqs(keys bigint[], up_to bigint, cap int) RETURNS TABLE (bucket bigint, seqs int[])
  LANGUAGE sql STABLE SET enable_bitmapscan = off AS $$
  SELECT k.key, h.seqs FROM unnest(keys) AS k(key) CROSS JOIN LATERAL (
    SELECT array_agg(b.seq::int ORDER BY b.seq) AS seqs FROM (
      SELECT seq FROM article_bands WHERE key = k.key AND seq <= up_to ORDER BY seq LIMIT cap + 1) b) h
  WHERE cardinality(h.seqs) > 1 $$;
CREATE OR REPLACE FUNCTION np_stories_with_keys(keys text[], cap int) RETURNS TABLE (event_key text, story text)
  LANGUAGE sql STABLE SET enable_bitmapscan = off AS $$
  SELECT DISTINCT k.key, h.story FROM unnest(keys) AS k(key) CROSS JOIN LATERAL (
    SELECT e.event_id AS story FROM article_keys a JOIN event_articles e ON e.article_id = a.article_id WHERE a.key = k.key LIMIT cap) h $$;
`;

// Command-line interface: ingest, analyze, stories, dossier, copies, entities, search, export, errors, serve, worker, demo.
import { parseArgs } from 'node:util';
import { writeFileSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openStore, currentAnalysis, runAnalysis, defaultLocation } from './service.ts';
import { ingestPaths, emptyReport, ingestBytes, type IngestReport } from './ingest/ingest.ts';
import { ingestWithWorkers, runWorker } from './ingest/distributed.ts';
import { buildDossier, renderMarkdown, describeDates } from './dossier/dossier.ts';
import { resolveStory } from './dossier/resolve.ts';
import { isPostgresUrl, lockHolder, type Store } from './store/store.ts';
import { toStorageError } from './store/errors.ts';
import { ProgressBar } from './progress.ts';
import type { Analysis } from './analysis/analyze.ts';
import type { Format } from './ingest/parse.ts';
import { searchCommand } from './cli/search.ts';
import { exportCommand } from './cli/export.ts';
import { InvalidQuery } from './model/search.ts';
import { InvalidExport } from './export/run.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const BIN = resolve(HERE, '../bin/newsprov.mjs');

export const USAGE = `newsprov — news provenance & corroboration engine

Usage: newsprov <command> [options]

Commands:
  ingest <path…|->      add articles (plain text, HTML, RSS/Atom; files or folders; - reads stdin)
                        --format text|html|rss|atom   force the input format
                        --workers N   parse in N worker processes (needs a PostgreSQL --db)
                        --no-analyze  skip the analysis after ingesting
  analyze               recompute copies, events, entities and facts over all articles
  stories [--json]      list the stories (events) with their articles and sources
  dossier <story>       dossier of a story (its number from 'stories', or its id; numbers and ids
                        never change, and those of a story merged into another lead to it)
                        --json   JSON instead of Markdown;  --out FILE   write to a file
                        --all --out DIR   every story, as .md and .json files
  copies [--json]       copy/rewrite relations with direction evidence
  entities [--json]     entities with their aliases
  search <words…>       full-text search over articles and facts (web-search syntax: "phrase", -word, or)
                        --outlet NAME  --from DATE  --to DATE  --entity NAME|ID  --story N|ID
                        --limit N (default 50)  --json
  export <table>        articles, copies or facts, with ids, URLs, outlets, times, lineage and independence group
                        --format csv|json (default csv)  --story N|ID  --out FILE (default stdout)
  errors                rejected inputs (kept with their raw content)
  serve                 HTTP API and web UI   --port 8080 --host 127.0.0.1
                        --token T   API token required for writes (or $NEWSPROV_API_TOKEN);
                                    needed when --host is beyond loopback
                        --allow-host NAME   a further name clients use in Host (repeatable)
  worker                take ingest jobs from the PostgreSQL queue until it is empty
  demo [dir]            ingest the example corpus into a fresh database and write dossiers to ./out

Options for every command:
  --db LOCATION         embedded database directory (default .newsprov/db, or $NEWSPROV_DB)
                        or postgres://user@host/db for a PostgreSQL server
  -h, --help            this help
`;

class UsageError extends Error {}

/** Bad search or export parameters are usage errors (exit status 2) with their own message. */
function asUsage(e: unknown): never {
  if (e instanceof InvalidQuery || e instanceof InvalidExport) throw new UsageError(e.message);
  throw e;
}

function log(...a: unknown[]) {
  process.stderr.write(a.join(' ') + '\n');
}

function out(s: string) {
  process.stdout.write(s.endsWith('\n') ? s : s + '\n');
}

function progressFn() {
  let bar: ProgressBar | null = null;
  let stage = '';
  return (s: string, done: number, total: number) => {
    if (s !== stage) {
      bar?.done();
      stage = s;
      bar = new ProgressBar(s, total);
    }
    bar!.update(done);
    if (done >= total) {
      bar!.done();
      bar = null;
      stage = '';
    }
  };
}

function printReport(r: IngestReport) {
  log(`ingested ${r.inserted.length} new article(s) from ${r.files} file(s); ${r.duplicates.length} already stored; ${r.errors.length} rejected`);
  for (const w of r.warnings) log(`  warning: ${w.origin}: ${w.warning}`);
  for (const e of r.errors) log(`  rejected: ${e.reason}`);
  if (r.errors.length) log(`  (rejected inputs are kept; list them with 'newsprov errors')`);
}

function storiesText(an: Analysis): string {
  const byId = new Map(an.articles.map((a) => [a.id, a]));
  const copyOf = new Map(an.copies.map((c) => [c.copyId, c]));
  const L: string[] = [];
  an.events.forEach((e, i) => {
    const when = describeDates(e.dateFrom, e.dateTo);
    const corr = e.facts.filter((f) => f.status === 'corroborated').length;
    L.push(`${e.number ?? i + 1}. [${e.id}] ${e.title}`);
    L.push(`   ${when} · ${e.articleIds.length} article(s) · ${e.independentSources} independent source(s) · ${corr} corroborated fact(s) · ${e.contradictions.length} contradiction(s)`);
    for (const id of e.articleIds) {
      const a = byId.get(id)!;
      const c = copyOf.get(id);
      const note = c ? ` — ${c.kind} copy of ${byId.get(c.sourceId)?.label}` : '';
      L.push(`   - ${a.label}${a.outlet ? ` (${a.outlet})` : ''}: ${a.title ?? a.sentences[0]?.slice(0, 80) ?? ''}${note}`);
    }
  });
  if (!an.events.length) L.push('No stories yet: ingest some articles first (newsprov ingest <path>).');
  return L.join('\n');
}

async function withStore<X>(db: string | undefined, fn: (s: Store) => Promise<X>): Promise<X> {
  const store = await openStore(db);
  try {
    return await fn(store);
  } finally {
    await store.close();
  }
}

/** The bytes of stdin, undecoded: ingestBytes decides the charset as it does for files and HTTP bodies. */
async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        db: { type: 'string' },
        json: { type: 'boolean' },
        out: { type: 'string' },
        all: { type: 'boolean' },
        format: { type: 'string' },
        workers: { type: 'string' },
        'no-analyze': { type: 'boolean' },
        port: { type: 'string' },
        host: { type: 'string' },
        token: { type: 'string' },
        'allow-host': { type: 'string', multiple: true },
        story: { type: 'string' },
        outlet: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        entity: { type: 'string' },
        limit: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    log(`error: ${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values: o, positionals } = parsed;
  const [cmd, ...rest] = positionals;
  if (o.help || !cmd || cmd === 'help') {
    out(USAGE);
    return cmd || o.help ? 0 : 2;
  }
  const db = o.db;
  try {
    switch (cmd) {
      case 'ingest': {
        if (!rest.length) throw new UsageError('ingest needs at least one file, folder or - (stdin)');
        const format = o.format as Format | undefined;
        if (format && !['text', 'html', 'rss', 'atom'].includes(format)) throw new UsageError(`unknown --format ${format} (text, html, rss or atom)`);
        const workers = o.workers ? Number(o.workers) : 0;
        if (o.workers && (!Number.isInteger(workers) || workers < 1 || workers > 64)) throw new UsageError('--workers takes a whole number from 1 to 64');
        const location = db ?? defaultLocation();
        if (workers && !isPostgresUrl(location)) throw new UsageError('--workers needs a PostgreSQL server: pass --db postgres://… (the embedded database serves one process)');
        return await withStore(location, async (store) => {
          let report: IngestReport;
          let failed = 0;
          if (rest.length === 1 && rest[0] === '-') {
            report = emptyReport();
            report.files = 1;
            await ingestBytes(store, await readStdin(), 'stdin', report, { format });
          } else if (workers) ({ report, failed } = await ingestWithWorkers(store, BIN, location, rest, workers));
          else report = await ingestPaths(store, rest, { format });
          printReport(report);
          if (failed) log(`  ${failed} file(s) failed to process (see 'newsprov errors')`);
          if (!o['no-analyze'] && report.inserted.length) {
            const an = await runAnalysis(store, progressFn());
            log(`analysed ${an.articles.length} article(s): ${an.events.length} stor(y/ies), ${an.copies.length} copy relation(s), ${an.entities.length} entities`);
          }
          return failed || (report.errors.length && !report.inserted.length && !report.duplicates.length) ? 1 : 0;
        });
      }
      case 'analyze':
        return await withStore(db, async (store) => {
          const an = await runAnalysis(store, progressFn());
          log(`analysed ${an.articles.length} article(s) in ${Object.values(an.timings).reduce((a, b) => a + b, 0)} ms: ${an.events.length} stor(y/ies), ${an.copies.length} copy relation(s)`);
          return 0;
        });
      case 'stories':
        return await withStore(db, async (store) => {
          const an = await currentAnalysis(store, progressFn());
          if (o.json)
            out(JSON.stringify(an.events.map((e, i) => ({ number: e.number ?? i + 1, id: e.id, title: e.title, dateFrom: e.dateFrom, dateTo: e.dateTo, articleIds: e.articleIds, articles: e.articleIds.map((id) => an.articles.find((a) => a.id === id)?.label), independentSources: e.independentSources, corroboratedFacts: e.facts.filter((f) => f.status === 'corroborated').length, contradictions: e.contradictions.length })), null, 2));
          else out(storiesText(an));
          return 0;
        });
      case 'dossier':
        return await withStore(db, async (store) => {
          const an = await currentAnalysis(store, progressFn());
          if (o.all) {
            if (!o.out) throw new UsageError('dossier --all needs --out DIR');
            mkdirSync(o.out, { recursive: true });
            for (const ev of an.events) {
              const d = buildDossier(an, ev);
              writeFileSync(join(o.out, `${ev.id}.md`), renderMarkdown(d));
              writeFileSync(join(o.out, `${ev.id}.json`), JSON.stringify(d, null, 2));
            }
            log(`wrote ${an.events.length} dossier(s) to ${o.out}`);
            return 0;
          }
          if (!rest[0]) throw new UsageError('dossier needs a story number or id (see: newsprov stories)');
          const found = resolveStory(an, rest[0]);
          if (!found) throw new UsageError(`no story "${rest[0]}" (see: newsprov stories)`);
          if (found.redirectedFrom) log(`story ${rest[0]} was merged into story ${found.event.number} (${found.event.id}); showing that one`);
          const d = buildDossier(an, found.event, { redirectedFrom: found.redirectedFrom });
          const text = o.json ? JSON.stringify(d, null, 2) : renderMarkdown(d);
          if (o.out) {
            writeFileSync(o.out, text);
            log(`wrote ${o.out}`);
          } else out(text);
          return 0;
        });
      case 'copies':
        return await withStore(db, async (store) => {
          const an = await currentAnalysis(store, progressFn());
          const lab = (id: string) => an.articles.find((a) => a.id === id)?.label ?? id;
          if (o.json) out(JSON.stringify(an.copies.map((c) => ({ ...c, copy: lab(c.copyId), source: lab(c.sourceId) })), null, 2));
          else {
            if (!an.copies.length) out('No copies found.');
            for (const c of an.copies) {
              out(`${lab(c.copyId)} is a ${c.kind} copy of ${lab(c.sourceId)} (coverage ${Math.round(c.copyCoverage * 100)}%, similarity ${c.similarity.toFixed(2)}, direction ${c.directionConfidence})`);
              for (const r of c.reasons) out(`  - ${r}`);
              out(`  ${c.sentencePairs.length} aligned sentence pairs in ${c.passages.length} passage(s)`);
            }
          }
          return 0;
        });
      case 'entities':
        return await withStore(db, async (store) => {
          const an = await currentAnalysis(store, progressFn());
          if (o.json) out(JSON.stringify(an.entities.map(({ mentions, ...e }) => ({ ...e, mentionCount: mentions.length })), null, 2));
          else for (const e of an.entities) out(`${e.name} (${e.type}, ${e.articleIds.length} article(s))${e.aliases.length > 1 ? ' — ' + e.aliases.map((a) => `${a.form}×${a.count}`).join(', ') : ''}`);
          return 0;
        });
      case 'search':
        if (!rest.length) throw new UsageError('search needs some words, e.g. newsprov search "bridge collapse"');
        return await withStore(db, async (store) => {
          await currentAnalysis(store, progressFn());
          out(await searchCommand(store, rest, o).catch(asUsage));
          return 0;
        });
      case 'export':
        return await withStore(db, async (store) => {
          const r = await exportCommand(store, await currentAnalysis(store, progressFn()), rest, o).catch(asUsage);
          if (r.stdout !== null) process.stdout.write(r.stdout);
          log(r.note);
          return 0;
        });
      case 'errors':
        return await withStore(db, async (store) => {
          const errs = await store.listErrors();
          if (o.json) out(JSON.stringify(errs, null, 2));
          else if (!errs.length) out('No rejected inputs.');
          else for (const e of errs) out(`${e.createdAt.slice(0, 19)}  ${e.reason}${e.hasRaw ? '' : ' (content could not be read)'}`);
          return 0;
        });
      case 'serve': {
        const { startServer } = await import('./server/server.ts');
        const port = o.port ? Number(o.port) : 8080;
        if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError('--port takes a port number');
        const { checkSecurityOptions } = await import('./server/security.ts');
        const host = o.host ?? '127.0.0.1';
        const token = o.token ?? process.env.NEWSPROV_API_TOKEN ?? null;
        const allowHosts = (o['allow-host'] ?? []).flatMap((h) => h.split(',')).map((h) => h.trim()).filter(Boolean);
        try {
          checkSecurityOptions({ bindHost: host, token, allowHosts });
        } catch (e) {
          throw new UsageError((e as Error).message);
        }
        const store = await openStore(db);
        const srv = await startServer(store, { port, host, token, allowHosts });
        log(`newsprov serving on ${srv.url} (database: ${store.kind}); Ctrl-C stops`);
        await new Promise<void>((res) => {
          const stop = () => res();
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        });
        await srv.close();
        await store.close();
        return 0;
      }
      case 'worker':
        return await withStore(db, async (store) => {
          if (store.kind !== 'postgres') throw new UsageError('worker needs a PostgreSQL server: --db postgres://…');
          const n = await runWorker(store);
          log(`worker ${process.pid}: processed ${n} job(s)`);
          return 0;
        });
      case 'demo': {
        const corpus = rest[0] ?? resolve(HERE, '../../shared/corpus/seeds');
        if (!existsSync(corpus)) throw new UsageError(`example corpus not found at ${corpus}; pass its folder: newsprov demo <dir>`);
        const location = db ?? resolve('.newsprov/demo');
        if (!db) {
          const holder = lockHolder(location);
          if (holder) throw new UsageError(`the demo database ${location} is in use by process ${holder} (a running 'serve'?); stop it first`);
          rmSync(location, { recursive: true, force: true });
        }
        return await withStore(location, async (store) => {
          const report = await ingestPaths(store, [corpus]);
          printReport(report);
          const an = await runAnalysis(store, progressFn());
          out(storiesText(an));
          const dir = o.out ?? 'out';
          mkdirSync(dir, { recursive: true });
          for (const ev of an.events) {
            const d = buildDossier(an, ev);
            writeFileSync(join(dir, `${ev.id}.md`), renderMarkdown(d));
            writeFileSync(join(dir, `${ev.id}.json`), JSON.stringify(d, null, 2));
          }
          out(`\nDossiers written to ${dir}/ (Markdown and JSON). Database: ${location}`);
          out(`Next: npx newsprov dossier 1 --db ${location}   or   npx newsprov serve --db ${location}`);
          return 0;
        });
      }
      default:
        throw new UsageError(`unknown command "${cmd}"`);
    }
  } catch (e) {
    if (e instanceof UsageError) {
      log(`error: ${e.message}\n(run 'newsprov --help' for usage)`);
      return 2;
    }
    log(`error: ${toStorageError(e, db ?? defaultLocation()).message}`);
    if (process.env.NEWSPROV_DEBUG) log((e as Error).stack ?? '');
    return 1;
  }
}

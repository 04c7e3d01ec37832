// newsprov ingest: files, folders or stdin into the store, then the analysis.
import { fileURLToPath } from 'node:url';
import { defaultLocation, analyseAndCount } from '../service.ts';
import { ingestPaths, emptyReport, ingestBytes, type IngestReport } from '../ingest/ingest.ts';
import { ingestWithWorkers } from '../ingest/distributed.ts';
import { isPostgresUrl } from '../store/store.ts';
import type { Format } from '../ingest/parse.ts';
import { UsageError, log, progressFn, str, withStore, type Command } from './context.ts';
import { printReport } from './report.ts';

const BIN = fileURLToPath(new URL('../../bin/newsprov.mjs', import.meta.url));

/** The bytes of stdin, undecoded: ingestBytes decides the charset as it does for files and HTTP bodies. */
async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

function workerCount(v: string | undefined): number {
  if (v === undefined) return 0;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 64) throw new UsageError('--workers takes a whole number from 1 to 64');
  return n;
}

export const ingest: Command = {
  name: 'ingest',
  usage: `ingest <path…|->      add articles (plain text, HTML, RSS/Atom; files or folders; - reads stdin)
                        --format text|html|rss|atom   force the input format
                        --workers N   parse in N worker processes (needs a PostgreSQL --db)
                        --no-analyze  skip the analysis after ingesting`,
  options: { format: { type: 'string' }, workers: { type: 'string' }, 'no-analyze': { type: 'boolean' } },
  async run({ o, rest, db }) {
    if (!rest.length) throw new UsageError('ingest needs at least one file, folder or - (stdin)');
    const format = str(o.format) as Format | undefined;
    if (format && !['text', 'html', 'rss', 'atom'].includes(format)) throw new UsageError(`unknown --format ${format} (text, html, rss or atom)`);
    const workers = workerCount(str(o.workers));
    const location = db ?? defaultLocation();
    if (workers && !isPostgresUrl(location)) throw new UsageError('--workers needs a PostgreSQL server: pass --db postgres://… (the embedded database serves one process)');
    return withStore(location, async (store) => {
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
        const an = await analyseAndCount(store, progressFn());
        log(`analysed ${an.articles} article(s): ${an.stories} stor(y/ies), ${an.copies} copy relation(s), ${an.entities} entities`);
      }
      return failed || (report.errors.length && !report.inserted.length && !report.duplicates.length) ? 1 : 0;
    });
  },
};

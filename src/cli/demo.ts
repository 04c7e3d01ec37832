// newsprov demo: the example corpus into a fresh database, the stories printed, dossiers written.
import { existsSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureAnalysis } from '../service.ts';
import { ingestPaths } from '../ingest/ingest.ts';
import { lockHolder } from '../store/store.ts';
import { UsageError, out, progressFn, str, withStore, type Command } from './context.ts';
import { NO_STORIES, printReport, storyLines } from './report.ts';
import { writeDossiers } from './dossier.ts';

const SEEDS = fileURLToPath(new URL('../../../shared/corpus/seeds', import.meta.url));

export const demo: Command = {
  name: 'demo',
  usage: 'demo [dir]            ingest the example corpus into a fresh database and write dossiers to ./out',
  options: { out: { type: 'string' } },
  async run({ o, rest, db }) {
    const corpus = rest[0] ?? SEEDS;
    if (!existsSync(corpus)) throw new UsageError(`example corpus not found at ${corpus}; pass its folder: newsprov demo <dir>`);
    const location = db ?? resolve('.newsprov/demo');
    if (!db) {
      const holder = lockHolder(location);
      if (holder) throw new UsageError(`the demo database ${location} is in use by process ${holder} (a running 'serve'?); stop it first`);
      rmSync(location, { recursive: true, force: true });
    }
    return withStore(location, async (store) => {
      printReport(await ingestPaths(store, [corpus]));
      await ensureAnalysis(store, progressFn());
      let n = 0;
      for await (const page of store.reads.storyPages()) for (const e of page) (out(storyLines(e).join('\n')), n++);
      if (!n) out(NO_STORIES);
      const dir = str(o.out) ?? 'out';
      await writeDossiers(store, dir);
      out(`\nDossiers written to ${dir}/ (Markdown and JSON). Database: ${location}`);
      out(`Next: npx newsprov dossier 1 --db ${location}   or   npx newsprov serve --db ${location}`);
      return 0;
    });
  },
};

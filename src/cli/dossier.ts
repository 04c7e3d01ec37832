// newsprov dossier: the cited dossier of one story, or of every story into a folder (read a page of stories at a time).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDossier, renderMarkdown } from '../dossier/dossier.ts';
import type { Store } from '../store/store.ts';
import { chunked } from '../store/reads.ts';
import { log, out, str, UsageError, withAnalysedStore, type Command } from './context.ts';

/** Every story's dossier as DIR/<id>.md and DIR/<id>.json; returns how many were written. */
export async function writeDossiers(store: Store, dir: string): Promise<number> {
  mkdirSync(dir, { recursive: true });
  let n = 0;
  for (const ids of chunked((await store.reads.storyOrder()).map((s) => s.id), 50)) {
    const slice = await store.slices.slice(ids);
    for (const ev of slice.stories) {
      const d = buildDossier(slice.analysis, ev);
      writeFileSync(join(dir, `${ev.id}.md`), renderMarkdown(d));
      writeFileSync(join(dir, `${ev.id}.json`), JSON.stringify(d, null, 2));
      n++;
    }
  }
  return n;
}

export const dossier: Command = {
  name: 'dossier',
  usage: `dossier <story>       dossier of a story (its number from 'stories', or its id; numbers and ids
                        never change, and those of a story merged into another lead to it)
                        --json   JSON instead of Markdown;  --out FILE   write to a file
                        --all --out DIR   every story, as .md and .json files`,
  options: { json: { type: 'boolean' }, out: { type: 'string' }, all: { type: 'boolean' } },
  run: ({ o, rest, db }) =>
    withAnalysedStore(db, async (store) => {
      const file = str(o.out);
      if (o.all) {
        if (!file) throw new UsageError('dossier --all needs --out DIR');
        log(`wrote ${await writeDossiers(store, file)} dossier(s) to ${file}`);
        return 0;
      }
      if (!rest[0]) throw new UsageError('dossier needs a story number or id (see: newsprov stories)');
      const found = await store.reads.resolveStory(rest[0]);
      if (!found) throw new UsageError(`no story "${rest[0]}" (see: newsprov stories)`);
      if (found.redirectedFrom) log(`story ${rest[0]} was merged into story ${found.number} (${found.id}); showing that one`);
      const slice = await store.slices.slice([found.id]);
      const d = buildDossier(slice.analysis, slice.stories[0], { redirectedFrom: found.redirectedFrom });
      const text = o.json ? JSON.stringify(d, null, 2) : renderMarkdown(d);
      if (file) {
        writeFileSync(file, text);
        log(`wrote ${file}`);
      } else out(text);
      return 0;
    }),
};

// newsprov dossier: the cited dossier of one story, or of every story into a folder.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildDossier, renderMarkdown } from '../dossier/dossier.ts';
import { resolveStory } from '../dossier/resolve.ts';
import type { Analysis } from '../model/analysis.ts';
import { log, out, str, UsageError, withAnalysis, type Command } from './context.ts';

/** Every story's dossier as DIR/<id>.md and DIR/<id>.json. */
export function writeDossiers(an: Analysis, dir: string): void {
  mkdirSync(dir, { recursive: true });
  for (const ev of an.events) {
    const d = buildDossier(an, ev);
    writeFileSync(join(dir, `${ev.id}.md`), renderMarkdown(d));
    writeFileSync(join(dir, `${ev.id}.json`), JSON.stringify(d, null, 2));
  }
}

export const dossier: Command = {
  name: 'dossier',
  usage: `dossier <story>       dossier of a story (its number from 'stories', or its id; numbers and ids
                        never change, and those of a story merged into another lead to it)
                        --json   JSON instead of Markdown;  --out FILE   write to a file
                        --all --out DIR   every story, as .md and .json files`,
  options: { json: { type: 'boolean' }, out: { type: 'string' }, all: { type: 'boolean' } },
  run: ({ o, rest, db }) =>
    withAnalysis(db, (an) => {
      const file = str(o.out);
      if (o.all) {
        if (!file) throw new UsageError('dossier --all needs --out DIR');
        writeDossiers(an, file);
        log(`wrote ${an.events.length} dossier(s) to ${file}`);
        return 0;
      }
      if (!rest[0]) throw new UsageError('dossier needs a story number or id (see: newsprov stories)');
      const found = resolveStory(an, rest[0]);
      if (!found) throw new UsageError(`no story "${rest[0]}" (see: newsprov stories)`);
      if (found.redirectedFrom) log(`story ${rest[0]} was merged into story ${found.event.number} (${found.event.id}); showing that one`);
      const d = buildDossier(an, found.event, { redirectedFrom: found.redirectedFrom });
      const text = o.json ? JSON.stringify(d, null, 2) : renderMarkdown(d);
      if (file) {
        writeFileSync(file, text);
        log(`wrote ${file}`);
      } else out(text);
      return 0;
    }),
};

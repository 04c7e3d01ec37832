// newsprov copies: copy/rewrite relations across the collection with their direction evidence, a page at a time.
import { labelledCopies } from '../service.ts';
import { out, withAnalysedStore, type Command } from './context.ts';

export const copies: Command = {
  name: 'copies',
  usage: 'copies [--json]       copy/rewrite relations with direction evidence',
  options: { json: { type: 'boolean' } },
  run: ({ o, db }) =>
    withAnalysedStore(db, async (store) => {
      let n = 0;
      if (o.json) process.stdout.write('[');
      for await (const page of labelledCopies(store))
        for (const c of page) {
          if (o.json) process.stdout.write((n ? ',\n' : '\n') + JSON.stringify(c, null, 2).replace(/^/gm, '  '));
          else {
            out(`${c.copy} is a ${c.kind} copy of ${c.source} (coverage ${Math.round(c.copyCoverage * 100)}%, similarity ${c.similarity.toFixed(2)}, direction ${c.directionConfidence})`);
            for (const r of c.reasons) out(`  - ${r}`);
            out(`  ${c.sentencePairs.length} aligned sentence pairs in ${c.passages.length} passage(s)`);
          }
          n++;
        }
      if (o.json) out(n ? '\n]' : ']');
      else if (!n) out('No copies found.');
      return 0;
    }),
};

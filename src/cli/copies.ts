// newsprov copies: copy/rewrite relations across the collection with their direction evidence.
import { out, withAnalysis, type Command } from './context.ts';

export const copies: Command = {
  name: 'copies',
  usage: 'copies [--json]       copy/rewrite relations with direction evidence',
  options: { json: { type: 'boolean' } },
  run: ({ o, db }) =>
    withAnalysis(db, (an) => {
      const label = new Map(an.articles.map((a) => [a.id, a.label]));
      const lab = (id: string) => label.get(id) ?? id;
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
    }),
};

// newsprov stories: the stories (events) with their articles and independent sources, read a page at a time.
import { out, withAnalysedStore, type Command } from './context.ts';
import { NO_STORIES, storyLines } from './report.ts';

export const stories: Command = {
  name: 'stories',
  usage: 'stories [--json]      list the stories (events) with their articles and sources',
  options: { json: { type: 'boolean' } },
  run: ({ o, db }) =>
    withAnalysedStore(db, async (store) => {
      let n = 0;
      if (o.json) process.stdout.write('[');
      for await (const page of store.reads.storyPages()) {
        for (const e of page) {
          if (o.json) {
            const entry = { number: e.number, id: e.id, title: e.title, dateFrom: e.dateFrom, dateTo: e.dateTo, articleIds: e.articles.map((a) => a.id), articles: e.articles.map((a) => a.label), independentSources: e.independentSources, corroboratedFacts: e.corroboratedFacts, contradictions: e.contradictions };
            process.stdout.write((n ? ',\n' : '\n') + JSON.stringify(entry, null, 2).replace(/^/gm, '  '));
          } else out(storyLines(e).join('\n'));
          n++;
        }
      }
      if (o.json) out(n ? '\n]' : ']');
      else if (!n) out(NO_STORIES);
      return 0;
    }),
};

// newsprov analyze: recompute the analysis over every stored article.
import { runAnalysis } from '../service.ts';
import { log, progressFn, withStore, type Command } from './context.ts';

export const analyzeCommand: Command = {
  name: 'analyze',
  usage: 'analyze               recompute copies, events, entities and facts over all articles',
  run: ({ db }) =>
    withStore(db, async (store) => {
      const an = await runAnalysis(store, progressFn());
      log(`analysed ${an.articles.length} article(s) in ${Object.values(an.timings).reduce((a, b) => a + b, 0)} ms: ${an.events.length} stor(y/ies), ${an.copies.length} copy relation(s)`);
      return 0;
    }),
};

// newsprov analyze: bring the analysis up to date with the stored articles (only new ones are analysed),
// or with --rebuild forget it and analyse every stored article again, in the order they arrived.
import { engineOf } from '../service.ts';
import { log, progressFn, withStore, type Command } from './context.ts';

export const analyzeCommand: Command = {
  name: 'analyze',
  usage: `analyze               analyse the articles stored since the last analysis (copies, events, entities, facts)
                        --rebuild  forget every result and analyse all stored articles again`,
  options: { rebuild: { type: 'boolean' } },
  run: ({ o, db }) =>
    withStore(db, async (store) => {
      const engine = engineOf(store);
      const r = o.rebuild ? await engine.rebuild(progressFn()) : await engine.update(progressFn());
      if (!r) {
        log('another process is analysing this database; try again when it is done');
        return 1;
      }
      const n = await store.results.counts();
      log(`analysed ${r.articles} article(s) in ${r.ms} ms: ${n.stories} stor(y/ies) in all, ${n.copies} copy relation(s)`);
      return 0;
    }),
};

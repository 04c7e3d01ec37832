// newsprov worker: take ingest jobs from the PostgreSQL queue until it is empty.
import { runWorker } from '../ingest/distributed.ts';
import { UsageError, log, withStore, type Command } from './context.ts';

export const worker: Command = {
  name: 'worker',
  usage: 'worker                take ingest jobs from the PostgreSQL queue until it is empty',
  run: ({ db }) =>
    withStore(db, async (store) => {
      if (store.kind !== 'postgres') throw new UsageError('worker needs a PostgreSQL server: --db postgres://…');
      const n = await runWorker(store);
      log(`worker ${process.pid}: processed ${n} job(s)`);
      return 0;
    }),
};

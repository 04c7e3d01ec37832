// newsprov worker: take ingest jobs from the PostgreSQL queue until it is empty, or (--follow) as a
// long-lived daemon that waits for more and, with --analyze, brings the analysis up to date after new work.
import { followQueue, runWorker } from '../ingest/distributed.ts';
import { updateAnalysis } from '../service.ts';
import type { Store } from '../store/store.ts';
import { UsageError, log, str, withStore, type Command, type OptionValues } from './context.ts';

function pollMs(v: string | undefined): number {
  if (v === undefined) return 2000;
  const s = Number(v);
  if (!(s >= 0.1 && s <= 3600)) throw new UsageError(`--poll takes seconds from 0.1 to 3600, not "${v}"`);
  return s * 1000;
}

async function follow(store: Store, o: OptionValues): Promise<number> {
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  // one analysis at a time across all workers; one that finds another running tries again after its next wait
  const analyze = async () => {
    const r = await updateAnalysis(store);
    log(r ? `worker ${process.pid}: analysed ${r.articles} new article(s) in ${r.ms} ms: ${r.stories} stor(y/ies) written` : `worker ${process.pid}: another worker is analysing; trying again later`);
    return r !== null;
  };
  log(`worker ${process.pid}: following the queue${o.analyze ? ', analysing after new work' : ''}; SIGTERM or Ctrl-C stops`);
  try {
    return await followQueue(store, { pollMs: pollMs(str(o.poll)), signal: stop.signal, afterWork: o.analyze ? analyze : undefined });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

export const worker: Command = {
  name: 'worker',
  usage: `worker                take ingest jobs from the PostgreSQL queue until it is empty
                        --follow   keep running and take new jobs as they come (a daemon; SIGTERM stops)
                        --poll S   seconds between looks at an empty queue (default 2)
                        --analyze  with --follow: update the analysis after new work (one worker at a time)`,
  options: { follow: { type: 'boolean' }, poll: { type: 'string' }, analyze: { type: 'boolean' } },
  run: ({ o, db }) =>
    withStore(db, async (store) => {
      if (store.kind !== 'postgres') throw new UsageError('worker needs a PostgreSQL server: --db postgres://…');
      if ((o.poll !== undefined || o.analyze) && !o.follow) throw new UsageError('--poll and --analyze go with --follow');
      const n = o.follow ? await follow(store, o) : await runWorker(store);
      log(`worker ${process.pid}: processed ${n} job(s)`);
      return 0;
    }),
};

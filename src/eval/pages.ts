// Parses evaluation pages on a pool of worker threads (or in this thread when workers <= 1).
// A page that kills or hangs its worker is recorded as an engine crash and the pool goes on.
import { Worker } from 'node:worker_threads';
import { parsePage, type PageResult, type PageTask } from './page.ts';

const WORKER_URL = new URL('./page-worker.ts', import.meta.url).href;
// Worker threads do not inherit tsx's loader in Node 20: the worker registers it before importing TypeScript.
const BOOTSTRAP = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_URL)}); });`;
/** far above any page's parse time (well under a second); only a hang in the engine reaches it */
const PAGE_TIMEOUT_MS = 120_000;
/** workers dying one after another without finishing a page means the pool itself is broken */
const MAX_DEATHS_IN_A_ROW = 3;

const crashed = (task: PageTask, why: string): PageResult => ({ path: task.path, text: null, title: null, author: null, publishedAt: null, rejected: null, crashed: `${task.path}: ${why}`, ms: 0 });

export async function parsePages(tasks: PageTask[], workers: number, onDone: (done: number) => void = () => {}): Promise<Map<string, PageResult>> {
  const results = new Map<string, PageResult>();
  if (workers <= 1 || tasks.length < 2) {
    for (const t of tasks) {
      results.set(t.path, parsePage(t));
      onDone(results.size);
    }
    return results;
  }
  const queue = [...tasks];
  let deathsInARow = 0;
  const record = (r: PageResult) => {
    results.set(r.path, r);
    onDone(results.size);
  };
  const runWorker = () =>
    new Promise<void>((resolveWorker, rejectWorker) => {
      let worker: Worker;
      let current: PageTask | undefined;
      let timer: NodeJS.Timeout | undefined;
      const next = () => {
        current = queue.shift();
        if (!current) return void worker.terminate().then(() => resolveWorker());
        const task = current;
        timer = setTimeout(() => replace(`no result after ${PAGE_TIMEOUT_MS / 1000} s (the engine hangs on this page)`, task), PAGE_TIMEOUT_MS);
        worker.postMessage(task);
      };
      const replace = (why: string, task: PageTask | undefined) => {
        clearTimeout(timer);
        worker.removeAllListeners();
        void worker.terminate();
        if (++deathsInARow >= MAX_DEATHS_IN_A_ROW) return rejectWorker(new Error(`page workers keep dying (last: ${why})`));
        if (task) record(crashed(task, why));
        start();
        next();
      };
      const start = () => {
        worker = new Worker(BOOTSTRAP, { eval: true });
        worker.on('message', (r: PageResult) => {
          clearTimeout(timer);
          deathsInARow = 0;
          record(r);
          next();
        });
        worker.on('error', (e) => replace(`worker died: ${e.message}`, current));
      };
      start();
      next();
    });
  await Promise.all(Array.from({ length: Math.min(workers, tasks.length) }, runWorker));
  return results;
}

// Parses evaluation pages on a pool of worker threads (or in this thread when workers <= 1).
import { Worker } from 'node:worker_threads';
import { parsePage, type PageResult, type PageTask } from './page.ts';

const WORKER_URL = new URL('./page-worker.ts', import.meta.url).href;
// Worker threads do not inherit tsx's loader in Node 20: the worker registers it before importing TypeScript.
const BOOTSTRAP = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then((tsx) => { tsx.register(); return import(${JSON.stringify(WORKER_URL)}); });`;

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
  const runWorker = () =>
    new Promise<void>((resolveWorker) => {
      let current: PageTask | undefined;
      let worker: Worker;
      const next = () => {
        current = queue.shift();
        if (current) worker.postMessage(current);
        else void worker.terminate().then(() => resolveWorker());
      };
      const start = () => {
        worker = new Worker(BOOTSTRAP, { eval: true });
        worker.on('message', (r: PageResult) => {
          results.set(r.path, r);
          onDone(results.size);
          next();
        });
        // a page that kills its worker (out of memory, a native crash) counts as a crash; go on with a fresh worker
        worker.on('error', (e) => {
          if (current) {
            results.set(current.path, { path: current.path, text: null, title: null, author: null, publishedAt: null, rejected: null, crashed: `worker died: ${e.message}`, ms: 0 });
            onDone(results.size);
          }
          start();
          next();
        });
      };
      start();
      next();
    });
  await Promise.all(Array.from({ length: Math.min(workers, tasks.length) }, runWorker));
  return results;
}

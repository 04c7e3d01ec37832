// A heap budget for the analysing process. What the engine keeps between chunks is small (tens of MB), but each
// chunk parses the stored features of its neighbourhood and drops them again; with Node's default limit (a quarter
// of the machine's memory, up to 4 GiB) V8 lets that garbage pile up to ~800 MB before it collects, so the
// resident size swings between ~450 MB and ~1 GB (measured at 50,000 stored articles). Collecting when the heap
// passes a budget keeps the peak near the budget whatever the collection size; `--max-old-space-size` would do the
// same but must be given when Node starts, which the library, `serve`, `worker` and `analyze` cannot all ensure.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/** The heap the engine lets grow before it collects, in bytes (NEWSPROV_HEAP_BUDGET_MB, default 384; 0 never). */
export function heapBudget(): number {
  const mb = Number(process.env.NEWSPROV_HEAP_BUDGET_MB ?? 384);
  return Number.isFinite(mb) && mb > 0 ? mb * 1048576 : Infinity;
}

let collector: (() => void) | null = null;

/** V8's full collection: `gc` when Node was started with --expose-gc, else one made available now (a context
 * created after the flag is set gets the function). */
export function fullCollection(): () => void {
  if (collector) return collector;
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) return (collector = g);
  setFlagsFromString('--expose-gc');
  return (collector = runInNewContext('gc') as () => void);
}

/** Collect when the heap in use has passed `budget` bytes; returns whether it did. */
export function collectOverBudget(budget = heapBudget()): boolean {
  if (process.memoryUsage().heapUsed <= budget) return false;
  fullCollection()();
  return true;
}

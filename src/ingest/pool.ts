// A small pool of worker threads that parse documents, each within a time budget. A document that
// takes longer is given up (its worker is terminated and replaced) with a clear reason, so one
// hostile input can neither freeze a batch nor block the server's event loop. Idle workers are
// unref'd: they never keep a finished CLI command or test process alive.
import { Worker } from 'node:worker_threads';
import { availableParallelism } from 'node:os';
import { ItemError, ParseRejection } from './errors.ts';
import type { ParseOptions, ParsedDocument } from './parse.ts';
import type { ParseReply, ParseRequest } from './parse-worker.ts';

const DEFAULT_BUDGET_SECONDS = 10;
/** Heap of one parser thread: with a limit, a document that exhausts it ends its thread, not the process. */
const WORKER_HEAP_MB = 2048;
// compiled (dist/), the worker is plain JavaScript; from the sources it boots through tsx
const BOOT = new URL(import.meta.url.endsWith('.js') ? './parse-worker.js' : './parse-worker-boot.mjs', import.meta.url);

/** Seconds one document may take to parse: $NEWSPROV_PARSE_TIMEOUT, else the default. */
export function defaultBudgetMs(): number {
  const s = Number(process.env.NEWSPROV_PARSE_TIMEOUT);
  return (Number.isFinite(s) && s > 0 ? s : DEFAULT_BUDGET_SECONDS) * 1000;
}

/**
 * The parent's Node options minus those that only make sense for the main script (`-e CODE`,
 * `--input-type`), which a worker thread refuses; `--import tsx` and the like are kept.
 */
function workerExecArgv(): string[] {
  const out: string[] = [];
  const args = process.execArgv;
  for (let i = 0; i < args.length; i++) {
    if (/^(-e|--eval|-p|--print)$/.test(args[i])) i++;
    else if (!/^(--input-type|--eval=|--print=)/.test(args[i])) out.push(args[i]);
  }
  return out;
}

function defaultSize(): number {
  const n = Number(process.env.NEWSPROV_PARSE_WORKERS);
  return Number.isInteger(n) && n > 0 ? n : Math.max(1, Math.min(4, availableParallelism()));
}

interface Job {
  req: ParseRequest;
  resolve: (d: ParsedDocument) => void;
  reject: (e: Error) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job: Job | null;
  timer: NodeJS.Timeout | null;
}

export class ParsePool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  readonly size: number;
  readonly budgetMs: number;

  constructor(opts: { size?: number; budgetMs?: number } = {}) {
    this.size = opts.size ?? defaultSize();
    this.budgetMs = opts.budgetMs ?? defaultBudgetMs();
  }

  /** Parse one document in a worker; rejects with a ParseRejection for bad input or when over the budget. */
  parse(text: string, origin: string, opts: ParseOptions = {}): Promise<ParsedDocument> {
    return this.submit(origin, opts, { text });
  }

  /** Decode (see decode.ts) and parse one input's bytes in a worker; decoding warnings come with the document's. */
  parseBytes(bytes: Uint8Array, origin: string, opts: ParseOptions & { contentType?: string | null } = {}): Promise<ParsedDocument> {
    const { contentType, ...parseOpts } = opts;
    return this.submit(origin, parseOpts, { bytes, contentType });
  }

  private submit(origin: string, opts: ParseOptions, input: ParseRequest['input']): Promise<ParsedDocument> {
    if (this.closed) return Promise.reject(new Error('parse pool is closed'));
    return new Promise((resolve, reject) => {
      this.queue.push({ req: { id: this.nextId++, origin, opts, input }, resolve, reject });
      this.dispatch();
    });
  }

  /** Stop every worker; queued and running parses are rejected. */
  async close(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('parse pool closed'));
    await Promise.all(this.slots.splice(0).map((s) => this.retire(s, new Error('parse pool closed'))));
  }

  private dispatch(): void {
    while (this.queue.length) {
      const idle = this.slots.find((s) => s.ready && !s.job);
      if (!idle) {
        if (this.slots.length < this.size) this.spawn();
        return;
      }
      const job = this.queue.shift()!;
      idle.job = job;
      idle.worker.ref();
      idle.timer = setTimeout(() => this.overBudget(idle), this.budgetMs);
      idle.worker.postMessage(job.req);
    }
  }

  private spawn(): void {
    const worker = new Worker(BOOT, { execArgv: workerExecArgv(), resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    const slot: Slot = { worker, ready: false, job: null, timer: null };
    this.slots.push(slot);
    worker.on('message', (m: ParseReply | 'ready') => {
      if (m === 'ready') {
        slot.ready = true;
        worker.unref();
        this.dispatch();
      } else this.finish(slot, m);
    });
    worker.on('error', (e) => this.failed(slot, e));
    worker.on('exit', (code) => this.failed(slot, new Error(`parser thread exited with code ${code}`)));
  }

  private finish(slot: Slot, reply: ParseReply): void {
    const job = slot.job;
    if (!job || job.req.id !== reply.id) return;
    clearTimeout(slot.timer!);
    slot.job = null;
    slot.timer = null;
    slot.worker.unref();
    if (reply.ok) {
      const { articles, errors, warnings, features } = reply.value;
      job.resolve({ articles, errors: errors.map((e) => new ItemError(e.message, e.raw)), warnings, features });
    } else {
      // a non-InputError from a worker is a parser bug met on this input: still this input's rejection
      const message = reply.input ? reply.message : `${job.req.origin}: the parser failed (${reply.message})`;
      job.reject(new ParseRejection(message, reply.text, reply.warnings));
    }
    this.dispatch();
  }

  private overBudget(slot: Slot): void {
    const job = slot.job;
    if (!job) return;
    const seconds = this.budgetMs / 1000;
    void this.retire(slot, new ParseRejection(`${job.req.origin}: parsing took longer than ${seconds} s; gave up (the limit is set by NEWSPROV_PARSE_TIMEOUT)`));
    this.dispatch();
  }

  /** A worker that crashed or exited: its document fails, a fresh worker takes the queue. */
  private failed(slot: Slot, e: Error): void {
    if (!this.slots.includes(slot)) return;
    const job = slot.job;
    const booting = !slot.ready;
    void this.retire(slot, job ? new ParseRejection(`${job.req.origin}: the parser failed (${e.message})`) : e);
    // a worker that cannot even start would fail again: report that to everyone waiting
    if (booting && !job) for (const q of this.queue.splice(0)) q.reject(new Error(`cannot start a parser thread: ${e.message}`));
    this.dispatch();
  }

  private async retire(slot: Slot, reason: Error): Promise<void> {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
    if (slot.timer) clearTimeout(slot.timer);
    slot.job?.reject(reason);
    slot.job = null;
    slot.worker.removeAllListeners();
    slot.worker.on('error', () => {});
    await slot.worker.terminate();
  }
}

let shared: ParsePool | null = null;

/** The process-wide pool (created on first use). */
export function parsePool(): ParsePool {
  shared ??= new ParsePool();
  return shared;
}

/** Stop the process-wide pool; the next parse starts a new one. */
export async function closeParsePool(): Promise<void> {
  const p = shared;
  shared = null;
  await p?.close();
}

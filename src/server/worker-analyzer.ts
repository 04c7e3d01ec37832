// The analysis in a long-lived worker thread (its language model is loaded once), one request at a time.
import { Worker } from 'node:worker_threads';
import type { Analysis } from '../model/analysis.ts';
import type { Article } from '../model/article.ts';

// compiled (dist/), the worker is plain JavaScript; from the sources it boots through tsx
const ENTRY = new URL(import.meta.url.endsWith('.js') ? './analysis-worker.js' : './analysis-worker.mjs', import.meta.url);

interface Pending {
  resolve: (a: Analysis) => void;
  reject: (e: Error) => void;
}

export class WorkerAnalyzer {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, Pending>();
  private seq = 0;

  analyze(articles: Article[]): Promise<Analysis> {
    const id = ++this.seq;
    return new Promise<Analysis>((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.ensureWorker().postMessage({ id, articles });
    });
  }

  async close(): Promise<void> {
    const w = this.worker;
    this.worker = null;
    this.failAll(new Error('analysis worker stopped'));
    if (w) await w.terminate();
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(ENTRY);
    w.unref();
    w.on('message', (m: { id: number; analysis?: Analysis; error?: string }) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      if (m.error !== undefined) p.reject(new Error(`analysis failed: ${m.error}`));
      else p.resolve(m.analysis!);
    });
    // a crashed worker fails what it held; the next request starts a fresh one
    const lost = (why: string) => {
      if (this.worker === w) this.worker = null;
      this.failAll(new Error(why));
    };
    w.on('error', (e) => lost(`analysis worker crashed: ${e.message}`));
    w.on('exit', (code) => lost(`analysis worker exited (code ${code})`));
    this.worker = w;
    return w;
  }

  private failAll(e: Error): void {
    for (const p of this.pending.values()) p.reject(e);
    this.pending.clear();
  }
}

// HTTP API (JSON) and a small web UI over the same store and analysis.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Store } from '../store/store.ts';
import { currentAnalysis, runAnalysis } from '../service.ts';
import { buildDossier, findEvent, renderMarkdown } from '../dossier/dossier.ts';
import { emptyReport, ingestContent } from '../ingest/ingest.ts';
import type { Format } from '../ingest/parse.ts';
import { UI_HTML } from './ui.ts';

const MAX_BODY = 20 * 1024 * 1024;

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function send(res: ServerResponse, status: number, body: unknown, type = 'application/json; charset=utf-8') {
  const data = typeof body === 'string' ? body : JSON.stringify(body, null, 2);
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  res.end(data);
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let n = 0;
  for await (const c of req) {
    n += (c as Buffer).length;
    if (n > MAX_BODY) throw new HttpError(413, `request body larger than ${MAX_BODY / 1048576} MiB`);
    chunks.push(c as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startServer(store: Store, opts: { port: number; host: string }): Promise<{ url: string; close: () => Promise<void> }> {
  // one writer at a time; readers wait for a running analysis rather than computing their own
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <X>(fn: () => Promise<X>): Promise<X> => {
    const p = queue.then(fn, fn);
    queue = p.catch(() => {});
    return p;
  };
  const analysis = () => serial(() => currentAnalysis(store));

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname.replace(/\/+$/, '') || '/';
    const m = req.method ?? 'GET';
    if (m === 'GET' && (path === '/' || path === '/index.html')) return send(res, 200, UI_HTML, 'text/html; charset=utf-8');
    if (m === 'GET' && path === '/api/health') return send(res, 200, { ok: true, storage: store.kind, articles: await store.countArticles() });
    if (m === 'GET' && path === '/api/stories') {
      const an = await analysis();
      return send(
        res,
        200,
        an.events.map((e, i) => ({
          number: i + 1,
          id: e.id,
          title: e.title,
          dateFrom: e.dateFrom,
          dateTo: e.dateTo,
          keyTerms: e.keyTerms,
          articles: e.articleIds.map((id) => {
            const a = an.articles.find((x) => x.id === id)!;
            const c = an.copies.find((x) => x.copyId === id);
            return { id, label: a.label, outlet: a.outlet, title: a.title, copyOf: c ? c.sourceId : null };
          }),
          independentSources: e.independentSources,
          corroboratedFacts: e.facts.filter((f) => f.status === 'corroborated').length,
          contradictions: e.contradictions.length,
        })),
      );
    }
    let mm = /^\/api\/stories\/([^/]+)(\/dossier\.md)?$/.exec(path);
    if (m === 'GET' && mm) {
      const an = await analysis();
      const ev = findEvent(an, decodeURIComponent(mm[1]));
      if (!ev) throw new HttpError(404, `no story ${mm[1]}`);
      const d = buildDossier(an, ev);
      return mm[2] ? send(res, 200, renderMarkdown(d), 'text/markdown; charset=utf-8') : send(res, 200, d);
    }
    if (m === 'GET' && path === '/api/articles') {
      const arts = await store.listArticles();
      return send(res, 200, arts.map(({ raw: _r, text, removed: _x, ...a }) => ({ ...a, words: text.split(/\s+/).filter(Boolean).length })));
    }
    mm = /^\/api\/articles\/([^/]+)$/.exec(path);
    if (m === 'GET' && mm) {
      const a = await store.getArticle(decodeURIComponent(mm[1]));
      if (!a) throw new HttpError(404, `no article ${mm[1]}`);
      const { raw: _r, ...rest } = a;
      return send(res, 200, rest);
    }
    if (m === 'GET' && path === '/api/copies') return send(res, 200, (await analysis()).copies);
    if (m === 'GET' && path === '/api/entities') return send(res, 200, (await analysis()).entities.map(({ mentions, ...e }) => ({ ...e, mentionCount: mentions.length })));
    if (m === 'GET' && path === '/api/errors') return send(res, 200, await store.listErrors());
    if (m === 'POST' && path === '/api/articles') {
      const body = await readBody(req);
      const format = (url.searchParams.get('format') ?? undefined) as Format | undefined;
      if (format && !['text', 'html', 'rss', 'atom'].includes(format)) throw new HttpError(400, `unknown format ${format} (text, html, rss or atom)`);
      const origin = url.searchParams.get('origin') || `upload-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      const result = await serial(async () => {
        const report = emptyReport();
        report.files = 1;
        await ingestContent(store, body, origin, report, { format });
        if (report.inserted.length) await runAnalysis(store);
        return report;
      });
      const status = result.inserted.length ? 201 : result.errors.length ? 422 : 200;
      return send(res, status, result);
    }
    if (m === 'POST' && path === '/api/analyze') {
      const an = await serial(() => runAnalysis(store));
      return send(res, 200, { articles: an.articles.length, stories: an.events.length, copies: an.copies.length, timings: an.timings });
    }
    if (path.startsWith('/api/')) throw new HttpError(m === 'GET' || m === 'POST' ? 404 : 405, `no route ${m} ${path}`);
    throw new HttpError(404, 'not found');
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e) => {
      const status = e instanceof HttpError ? e.status : 500;
      send(res, status, { error: (e as Error).message });
    });
  });
  await new Promise<void>((res, rej) => {
    server.once('error', rej);
    server.listen(opts.port, opts.host, () => res());
  });
  const addr = server.address() as AddressInfo;
  return {
    url: `http://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${addr.port}`,
    close: () => new Promise<void>((res) => server.close(() => res())),
  };
}

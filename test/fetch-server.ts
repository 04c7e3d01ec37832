// A local HTTP server for the fetch tests: 127.0.0.1, port 0, routes given by the test. It records
// every request (path and headers) so tests can check what the fetcher sent. No test touches the internet.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => void | Promise<void>;

export interface TestServer {
  /** http://127.0.0.1:PORT */
  base: string;
  port: number;
  requests: Array<{ path: string; headers: IncomingMessage['headers'] }>;
  routes: Map<string, Handler>;
  /** requests to one path */
  hits(path: string): number;
  close(): Promise<void>;
}

/** A response with a body and headers. */
export function send(res: ServerResponse, status: number, body: string | Uint8Array, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-length': String(Buffer.byteLength(body)), ...headers });
  res.end(body);
}

export async function startServer(routes: Record<string, Handler> = {}): Promise<TestServer> {
  const table = new Map(Object.entries(routes));
  const requests: TestServer['requests'] = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ path: url.pathname + url.search, headers: req.headers });
    const h = table.get(url.pathname);
    if (!h) return send(res, 404, 'not found', { 'content-type': 'text/plain' });
    try {
      await h(req, res, url);
    } catch (e) {
      if (!res.headersSent) send(res, 500, String(e));
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${port}`,
    port,
    requests,
    routes: table,
    hits: (path) => requests.filter((r) => r.path.split('?')[0] === path).length,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

const para = (topic: string, n: number) =>
  Array.from({ length: n }, (_, i) => `The ${topic} council met on Tuesday and agreed on measure number ${i + 1}, officials said in a statement after a long debate about the budget.`).join(' ');

/** An RSS 2.0 feed with items (guid, link, title, body long enough to become articles). */
export function rss(title: string, items: Array<{ guid: string; link: string; title: string; topic?: string }>): string {
  const body = items
    .map((it) => `<item><title>${it.title}</title><link>${it.link.replace(/&/g, '&amp;')}</link><guid isPermaLink="false">${it.guid}</guid><pubDate>Tue, 14 May 2024 10:00:00 GMT</pubDate><description>${para(it.topic ?? it.title, 4)}</description></item>`)
    .join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>${title}</title><link>https://news.example/</link>\n${body}\n</channel></rss>`;
}

/** An HTML article page, optionally naming a canonical URL and feeds. */
export function page(title: string, opts: { canonical?: string; feeds?: string[]; topic?: string } = {}): string {
  const links = [opts.canonical ? `<link rel="canonical" href="${opts.canonical}">` : '', ...(opts.feeds ?? []).map((f) => `<link rel="alternate" type="application/rss+xml" title="Feed" href="${f}">`)].join('');
  const paras = Array.from({ length: 5 }, (_, i) => `<p>${para(opts.topic ?? title, 2)} Paragraph ${i + 1}.</p>`).join('');
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title>${links}</head><body><article><h1>${title}</h1>${paras}</article></body></html>`;
}

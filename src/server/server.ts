// Binds the HTTP application to an address (hono on node:http).
import { createAdaptorServer } from '@hono/node-server';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Store } from '../store/store.ts';
import { createApp, type AppOptions } from './app.ts';

export interface ServeOptions extends Omit<AppOptions, 'bindHost'> {
  port: number;
  host: string;
}

export async function startServer(store: Store, opts: ServeOptions): Promise<{ url: string; close: () => Promise<void> }> {
  const { app, analysis, close } = createApp(store, { ...opts, bindHost: opts.host });
  // the stored analysis is read while the socket opens, so the first page does not wait for it
  const warming = analysis.warm().catch(() => null);
  const server = createAdaptorServer({ fetch: app.fetch }) as Server;
  await new Promise<void>((res, rej) => {
    server.once('error', rej);
    server.listen(opts.port, opts.host, () => {
      server.off('error', rej);
      res();
    });
  });
  const addr = server.address() as AddressInfo;
  return {
    url: `http://${opts.host.includes(':') ? `[${opts.host}]` : opts.host}:${addr.port}`,
    close: async () => {
      const closed = new Promise<void>((res) => server.close(() => res()));
      server.closeIdleConnections();
      await closed;
      await warming;
      await close();
    },
  };
}

// The web UI in a real browser: Debian's chromium driven by playwright-core (no browser download),
// against a real server over a store holding the example corpus and a wire report with its republication.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { Store } from '../src/store/store.ts';
import { startServer } from '../src/server/server.ts';
import { ingestPaths } from '../src/ingest/ingest.ts';
import { runAnalysis } from '../src/service.ts';
import { FIXTURES, SEEDS } from './helpers.ts';

export const CHROMIUM = process.env.NEWSPROV_CHROMIUM || '/usr/bin/chromium';

/** Flags for a root, offline machine: no sandbox, no background connections, no GPU. */
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

export function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) throw new Error(`no browser at ${CHROMIUM}: install Debian's chromium (scripts/chromium.sh does) or set NEWSPROV_CHROMIUM`);
  return chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true });
}

export interface UiServer {
  url: string;
  store: Store;
  close(): Promise<void>;
}

/** A server on 127.0.0.1 over an in-memory store with the example corpus and the wire fixtures, analysed. */
export async function startUiServer(): Promise<UiServer> {
  const store = await Store.open({ location: 'memory://' });
  await ingestPaths(store, [SEEDS, join(FIXTURES, 'wire')]);
  await runAnalysis(store);
  const srv = await startServer(store, { port: 0, host: '127.0.0.1', log: () => {} });
  return { url: srv.url, store, close: async () => { await srv.close(); await store.close(); } };
}

// The HTTP application over a Store: security guards, the API routes and the web UI. Built without
// a socket so tests can call app.request(); server.ts binds it to an address.
import { Hono } from 'hono';
import type { Store } from '../store/store.ts';
import { ServerAnalysis, type AnalyzeFn, type BurstDelay } from './analysis.ts';
import { HttpError, clip, errorResponse } from './http.ts';
import { checkSecurityOptions, hostGuard, pathGuard, securityHeaders, writeGuard, type SecurityOptions } from './security.ts';
import { updateAnalysis } from '../service.ts';
import { articleRoutes } from './routes/articles.ts';
import { feedRoutes } from './routes/feeds.ts';
import { findingRoutes } from './routes/findings.ts';
import { statusRoutes } from './routes/status.ts';
import { storyRoutes } from './routes/stories.ts';
import { viewRoutes } from './routes/views.ts';
import { searchRoutes } from './routes/search.ts';
import { exportRoutes } from './routes/export.ts';
import { uiRoutes } from './ui.ts';

export interface AppOptions extends SecurityOptions {
  /** how the analysis is brought up to date; default: the incremental engine, a few articles at a time so requests are served between */
  analyze?: AnalyzeFn;
  /** the server log (errors with their ids); default stderr */
  log?: (msg: string) => void;
  /** how long a burst of posts may pause before it is analysed (default 300 ms, at most 5 s after its first post) */
  burstDelay?: BurstDelay;
}

export interface ServerApp {
  app: Hono;
  analysis: ServerAnalysis;
  /** wait for a running analysis to be saved, then stop the analysis worker */
  close(): Promise<void>;
}

export function createApp(store: Store, opts: AppOptions): ServerApp {
  checkSecurityOptions(opts);
  const log = opts.log ?? ((m: string) => process.stderr.write(`[newsprov serve] ${m}\n`));
  const analysis = new ServerAnalysis(store, opts.analyze ?? ((s) => updateAnalysis(s)), log, opts.burstDelay);
  const deps = { store, analysis };

  const app = new Hono({ strict: false });
  app.use('*', securityHeaders(), pathGuard(), hostGuard(opts), writeGuard(opts));
  app.route('/', uiRoutes());
  app.route('/api', statusRoutes(deps));
  app.route('/api/stories', storyRoutes(deps));
  app.route('/api', articleRoutes(deps));
  app.route('/api', viewRoutes(deps));
  app.route('/api', findingRoutes(deps));
  app.route('/api', feedRoutes(deps));
  app.route('/api', searchRoutes(deps));
  app.route('/api', exportRoutes(deps));
  app.notFound((c) => {
    const m = c.req.method;
    const api = c.req.path.startsWith('/api/');
    const e = api && !['GET', 'HEAD', 'POST'].includes(m) ? new HttpError(405, `method ${clip(m, 10)} not allowed on ${clip(c.req.path)}`) : new HttpError(404, api ? `no route ${clip(m, 10)} ${clip(c.req.path)}` : 'not found');
    return errorResponse(c, e, log);
  });
  app.onError((e, c) => errorResponse(c, e, log));
  return {
    app,
    analysis,
    close: async () => {
      await analysis.close();
    },
  };
}

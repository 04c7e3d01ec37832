// The web UI: a static page, its script and its stylesheet, served as separate files so the
// Content-Security-Policy can forbid inline script.
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';

const asset = (name: string) => readFileSync(new URL(`./ui/${name}`, import.meta.url), 'utf8');

export const UI_HTML = asset('index.html');
/** the page's scripts, in the order the page loads them */
export const UI_SCRIPTS = ['util.js', 'charts.js', 'story.js', 'pages.js', 'app.js'];
const SCRIPT = new Map(UI_SCRIPTS.map((name) => [name, asset(name)]));
export const UI_CSS = asset('style.css');

export function uiRoutes(): Hono {
  const r = new Hono({ strict: false });
  r.get('/', (c) => c.html(UI_HTML));
  r.get('/index.html', (c) => c.html(UI_HTML));
  // every view has its own address; the page's script reads it and shows that view
  for (const view of ['/stories/:id', '/articles/:id', '/entities/:id', '/search']) r.get(view, (c) => c.html(UI_HTML));
  for (const [name, body] of SCRIPT) r.get(`/ui/${name}`, (c) => c.body(body, 200, { 'content-type': 'text/javascript; charset=utf-8' }));
  r.get('/ui/style.css', (c) => c.body(UI_CSS, 200, { 'content-type': 'text/css; charset=utf-8' }));
  return r;
}

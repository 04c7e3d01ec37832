// The web UI: a static page, its script and its stylesheet, served as separate files so the
// Content-Security-Policy can forbid inline script.
import { readFileSync } from 'node:fs';
import { Hono } from 'hono';

const asset = (name: string) => readFileSync(new URL(`./ui/${name}`, import.meta.url), 'utf8');

export const UI_HTML = asset('index.html');
export const UI_SCRIPT = asset('app.js');
export const UI_CSS = asset('style.css');

export function uiRoutes(): Hono {
  const r = new Hono({ strict: false });
  r.get('/', (c) => c.html(UI_HTML));
  r.get('/index.html', (c) => c.html(UI_HTML));
  r.get('/ui/app.js', (c) => c.body(UI_SCRIPT, 200, { 'content-type': 'text/javascript; charset=utf-8' }));
  r.get('/ui/style.css', (c) => c.body(UI_CSS, 200, { 'content-type': 'text/css; charset=utf-8' }));
  return r;
}

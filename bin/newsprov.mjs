#!/usr/bin/env node
// Launcher: runs the compiled CLI (dist/, built by `npm ci` through prepare) while it is newer than
// every source file; otherwise (a checkout edited since, or NEWSPROV_FROM_SOURCE=1) the TypeScript
// sources through tsx, so a stale build is never run.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const stamp = join(root, 'dist/.built');

function newestSource(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) t = Math.max(t, e.isDirectory() ? newestSource(join(dir, e.name)) : statSync(join(dir, e.name)).mtimeMs);
  return t;
}

const useCompiled = !process.env.NEWSPROV_FROM_SOURCE && existsSync(stamp) && statSync(stamp).mtimeMs >= newestSource(join(root, 'src'));
let main;
if (useCompiled) ({ main } = await import(new URL('../dist/cli.js', import.meta.url).href));
else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import(new URL('../src/cli.ts', import.meta.url).href));
}
process.exitCode = await main(process.argv.slice(2));

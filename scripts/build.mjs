// `npm run build` (run by `npm ci` through prepare): compiles src/ to dist/ so the CLI starts without
// transpiling, and copies the files the code reads at run time (web UI assets).
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
rmSync(join(root, 'dist'), { recursive: true, force: true });
execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json')], { stdio: 'inherit' });
cpSync(join(root, 'src/server/ui'), join(root, 'dist/server/ui'), { recursive: true });
// the launcher runs dist/ only while this stamp is newer than every source file
writeFileSync(join(root, 'dist/.built'), new Date().toISOString() + '\n');

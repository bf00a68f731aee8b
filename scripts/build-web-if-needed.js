#!/usr/bin/env node
// Builds the web bundle when it is missing or older than its sources, so that
// `npm install && npm start` is all a user types. `--force` always builds.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const web = path.join(root, 'web');
const marker = path.join(web, 'dist', 'index.html');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const full = path.join(dir, entry.name);
    const time = entry.isDirectory() ? newestSource(full) : statSync(full).mtimeMs;
    if (time > newest) newest = time;
  }
  return newest;
}

if (!existsSync(path.join(web, 'index.html'))) process.exit(0);
const force = process.argv.includes('--force');
if (!force && existsSync(marker) && statSync(marker).mtimeMs >= newestSource(web)) process.exit(0);

let viteBin;
try {
  const manifest = createRequire(import.meta.url).resolve('vite/package.json');
  const { bin } = JSON.parse(readFileSync(manifest, 'utf8'));
  viteBin = path.join(path.dirname(manifest), typeof bin === 'string' ? bin : bin.vite);
} catch {
  console.warn(
    'vouch: vite is not installed (a production install?); the web app was not rebuilt.',
  );
  process.exit(existsSync(marker) ? 0 : 1);
}
console.log('vouch: building the web app…');
const result = spawnSync(
  process.execPath,
  [viteBin, 'build', '--config', 'web/vite.config.ts', '--logLevel', 'warn'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
process.exit(result.status ?? 1);

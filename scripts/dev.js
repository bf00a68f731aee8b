#!/usr/bin/env node
// `npm run dev`: the API server (restarted on change) and Vite's dev server with hot reload.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const manifest = createRequire(import.meta.url).resolve('vite/package.json');
const { bin } = JSON.parse(readFileSync(manifest, 'utf8'));
const vite = path.join(path.dirname(manifest), typeof bin === 'string' ? bin : bin.vite);
const children = [
  spawn(process.execPath, ['--watch', 'src/cli.ts', 'serve'], { stdio: 'inherit' }),
  spawn(process.execPath, [vite, '--config', 'web/vite.config.ts'], { stdio: 'inherit' }),
];
console.log(
  'vouch: API on http://localhost:3000, web app with hot reload on http://localhost:5173',
);
const stop = () => {
  for (const child of children) child.kill('SIGTERM');
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);

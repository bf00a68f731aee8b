#!/usr/bin/env -S MALLOC_ARENA_MAX=2 node --max-semi-space-size=4 --optimize-for-size
// Node 22.18+ runs the TypeScript sources directly (type stripping): no build step. On an
// older Node, check-node.js says so in one line and exits 1 before any .ts is loaded (hence
// the dynamic import below: a static one would be loaded, and fail, before the check ran).
// A 4 MB young generation keeps the server's peak RSS under 200 MB under load (measured in
// `npm run bench`); the default 16 MB let it reach 260–360 MB. Two malloc arenas instead of
// one per thread keep native memory (SQLite, pg, argon2 in the thread pool) from spreading,
// and --optimize-for-size makes V8 collect before growing the heap (board on PostgreSQL under
// load: 254 → 150 MB).
import { checkNode } from '../scripts/check-node.js';

checkNode();
await import('../src/cli.ts');

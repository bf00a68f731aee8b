#!/usr/bin/env -S MALLOC_ARENA_MAX=2 MALLOC_MMAP_THRESHOLD_=131072 node --max-semi-space-size=4 --optimize-for-size
// Node 22.18+ runs the TypeScript sources directly (type stripping): no build step. On an
// older Node, check-node.js says so in one line and exits 1 before any .ts is loaded (hence
// the dynamic import below: a static one would be loaded, and fail, before the check ran).
// A 4 MB young generation keeps the server's peak RSS under 200 MB under load (measured in
// `npm run bench`); the default 16 MB let it reach 260–360 MB. Two malloc arenas instead of
// one per thread keep native memory (SQLite, pg, argon2 in the thread pool) from spreading,
// and --optimize-for-size makes V8 collect before growing the heap (board on PostgreSQL under
// load: 254 → 150 MB). A fixed mmap threshold returns every block of 128 KB or more to the
// system when it is freed: an import's upload churns through such buffers, which glibc's moving
// threshold kept in its arenas (peak 188–203 → 174–185 MB while importing 100,000 rows).
import { checkNode } from '../scripts/check-node.js';

checkNode();
await import('../src/cli.ts');

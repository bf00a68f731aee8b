import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach } from 'vitest';
import { type DatabaseHandle, openDatabase } from '../platform/db.ts';
import { createPostgresDatabase, type TestTarget } from './testing.ts';

/**
 * For migration tests: `open()` gives a new, empty database on `target` (a fresh SQLite file,
 * or a fresh PostgreSQL database), closed and removed after each test.
 */
export function useEmptyDatabase(target: TestTarget): { open: () => Promise<DatabaseHandle> } {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });
  async function open(): Promise<DatabaseHandle> {
    if (target === 'postgres') {
      const pg = await createPostgresDatabase(process.env.DATABASE_URL_TEST ?? '');
      const handle = openDatabase({ dialect: 'postgres', url: pg.url });
      cleanups.push(pg.drop, handle.close);
      return handle;
    }
    const dir = mkdtempSync(path.join(tmpdir(), 'vouch-migration-'));
    const handle = openDatabase({ dialect: 'sqlite', file: path.join(dir, 'vouch.db') });
    cleanups.push(async () => rmSync(dir, { recursive: true, force: true }), handle.close);
    return handle;
  }
  return { open };
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Insertable } from 'kysely';
import { afterEach } from 'vitest';
import type { ContactTable } from '../contacts/contact.tables.ts';
import { type DatabaseHandle, openDatabase } from '../platform/db.ts';
import type { PracticeTable } from '../practices/practice.tables.ts';
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

/** A practice row as the first migrations shaped it, for seeding a database migrated part-way. */
export const earlyPracticeRow = (id: string, at: string): Insertable<PracticeTable> => ({
  id,
  name: 'P',
  profession: 'coach',
  value_proposition: '',
  key_phrases: '[]',
  ideal_client: '',
  time_zone: 'UTC',
  postal_address: '',
  settings: '{}',
  ethics_overrides: '{}',
  set_up_at: null,
  created_at: at,
  updated_at: at,
});

/** A contact row as the first migrations shaped it (before 0015's name parts). */
export const earlyContactRow = (
  practiceId: string,
  id: string,
  name: string,
  at: string,
): Insertable<ContactTable> => ({
  practice_id: practiceId,
  id,
  name,
  name_key: name.toLowerCase(),
  email: null,
  email_key: null,
  phone: null,
  organization: null,
  organization_key: null,
  category_id: null,
  stage: 'met',
  stage_rank: 0,
  met_where: null,
  met_how: null,
  email_consent: 0,
  do_not_ask: 0,
  notes: null,
  last_touch_at: null,
  keep_in_touch_days: null,
  is_treating_provider: 0,
  created_at: at,
  updated_at: at,
});

import { describe, expect, it } from 'vitest';
import {
  earlyContactRow,
  earlyPracticeRow,
  useEmptyDatabase,
} from '../../test-support/empty-database.ts';
import { testTargets } from '../../test-support/testing.ts';
import { newId } from '../ids.ts';
import { migrateToLatest, migrateUpTo } from './index.ts';

/**
 * 0022 adds the import tables and gives every existing contact with a phone its phone key
 * (more than one page of them, in two practices); contacts without a phone, or with too few
 * digits to be one, get none, and none was imported.
 */
describe.each(testTargets)('migration 0022-imports on existing data (%s)', (target) => {
  const { open } = useEmptyDatabase(target);

  it('backfills phone keys page by page, and leaves the rest alone', async () => {
    const { db, dialect } = await open();
    await migrateUpTo(db, dialect, '0021-introductions');
    const at = '2026-02-01T10:00:00.000Z';
    const practices = [newId(), newId()];
    for (const id of practices)
      await db.insertInto('practice').values(earlyPracticeRow(id, at)).execute();
    const expected: Record<string, string | null> = {};
    const rows = [];
    for (let i = 0; i < 1200; i++) {
      const id = newId();
      const practiceId = practices[i % 2] ?? '';
      const kind = i % 4;
      const phone =
        kind === 0
          ? `+1 (312) 555-${String(i).padStart(4, '0')}`
          : kind === 1
            ? `0044 20 7946 ${String(i).padStart(4, '0')}`
            : kind === 2
              ? null
              : '555-01';
      expected[id] =
        kind === 0
          ? `312555${String(i).padStart(4, '0')}`
          : kind === 1
            ? `44207946${String(i).padStart(4, '0')}`
            : null;
      rows.push({ ...earlyContactRow(practiceId, id, `Person ${i}`, at), phone });
    }
    for (let i = 0; i < rows.length; i += 200)
      await db
        .insertInto('contact')
        .values(rows.slice(i, i + 200))
        .execute();

    await migrateToLatest(db, dialect);
    const after = await db.selectFrom('contact').select(['id', 'phone_key', 'import_id']).execute();
    expect(after).toHaveLength(1200);
    expect(Object.fromEntries(after.map((r) => [r.id, r.phone_key]))).toEqual(expected);
    expect(after.every((r) => r.import_id === null)).toBe(true);
    for (const table of ['import_batch', 'import_chunk', 'import_problem'] as const)
      expect(await db.selectFrom(table).selectAll().execute()).toEqual([]);
  });
});

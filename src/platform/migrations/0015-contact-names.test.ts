import { describe, expect, it } from 'vitest';
import {
  earlyContactRow,
  earlyPracticeRow,
  useEmptyDatabase,
} from '../../test-support/empty-database.ts';
import { testTargets } from '../../test-support/testing.ts';
import { newId } from '../ids.ts';
import { migrateToLatest, migrateUpTo } from './index.ts';

/** 0015 splits the names stored before into parts: a title is no longer a first name. */
describe.each(testTargets)('migration 0015-contact-names on existing data (%s)', (target) => {
  const { open } = useEmptyDatabase(target);

  it('splits honorific, given and family name and suffix; the display name stays', async () => {
    const { db, dialect } = await open();
    await migrateUpTo(db, dialect, '0014-audit-chain');
    const at = '2026-01-05T10:00:00.000Z';
    const practiceId = newId();
    await db.insertInto('practice').values(earlyPracticeRow(practiceId, at)).execute();
    const names = ['Dr. Alan Reyes', 'prof maria lopez, PhD', 'Ann', 'Mrs Jo March Jr.'];
    for (const name of names)
      await db
        .insertInto('contact')
        .values(earlyContactRow(practiceId, newId(), name, at))
        .execute();
    await migrateToLatest(db, dialect);
    const rows = await db
      .selectFrom('contact')
      .select([
        'name',
        'honorific',
        'given_name',
        'family_name',
        'suffix',
        'preferred_name',
        'salutation',
      ])
      .where('practice_id', '=', practiceId)
      .orderBy('name')
      .execute();
    expect(rows).toEqual([
      row('Ann', null, 'Ann', null, null),
      row('Dr. Alan Reyes', 'Dr.', 'Alan', 'Reyes', null),
      row('Mrs Jo March Jr.', 'Mrs.', 'Jo', 'March', 'Jr.'),
      row('prof maria lopez, PhD', 'Prof.', 'maria', 'lopez', 'PhD'),
    ]);
  });

  it('splits every name of a practice larger than one page of the migration', async () => {
    const { db, dialect } = await open();
    await migrateUpTo(db, dialect, '0014-audit-chain');
    const at = '2026-01-05T10:00:00.000Z';
    const practiceIds = [newId(), newId()];
    for (const practiceId of practiceIds) {
      await db.insertInto('practice').values(earlyPracticeRow(practiceId, at)).execute();
      for (let start = 0; start < 1_250; start += 250)
        await db
          .insertInto('contact')
          .values(
            Array.from({ length: 250 }, (_, i) =>
              earlyContactRow(practiceId, newId(), `Dr. Given${start + i} Family`, at),
            ),
          )
          .execute();
    }
    await migrateToLatest(db, dialect);
    const unsplit = await db
      .selectFrom('contact')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .where((eb) => eb.or([eb('given_name', 'is', null), eb('honorific', '!=', 'Dr.')]))
      .executeTakeFirstOrThrow();
    expect(Number(unsplit.n)).toBe(0);
    const total = await db
      .selectFrom('contact')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(total.n)).toBe(2_500);
  });
});

const row = (
  name: string,
  honorific: string | null,
  given_name: string | null,
  family_name: string | null,
  suffix: string | null,
) => ({
  name,
  honorific,
  given_name,
  family_name,
  suffix,
  preferred_name: null,
  salutation: null,
});

import { sql } from 'kysely';
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
 * 0013 makes referral.referred_id nullable; on SQLite by rebuilding the table. Existing
 * referrals, and the rows that hang off them by cascading foreign keys, must all survive.
 */
describe.each(testTargets)('migration 0013-erasure on existing data (%s)', (target) => {
  const { open } = useEmptyDatabase(target);

  it('keeps every referral, tag and event, the lags and the foreign keys', async () => {
    const { db, dialect } = await open();
    await migrateUpTo(db, dialect, '0008-insight-groupings');
    const at = '2026-01-05T10:00:00.000Z';
    const practiceId = newId();
    const [ann, bob, referralId] = [newId(), newId(), newId()];
    await db.insertInto('practice').values(earlyPracticeRow(practiceId, at)).execute();
    for (const [id, name] of [
      [ann, 'Ann'],
      [bob, 'Bob'],
    ] as const)
      await db
        .insertInto('contact')
        .values(earlyContactRow(practiceId, id, name, at))
        .execute();
    await db
      .insertInto('referral')
      .values({
        practice_id: practiceId,
        id: referralId,
        referrer_id: ann,
        referred_id: bob,
        received_at: at,
        channel: 'phone',
        circle_id: null,
        place: null,
        need: 'taxes',
        value_minor: null,
        currency: 'USD',
        consent_to_update: 0,
        warm_handoff: 0,
        status: 'contacted',
        status_changed_at: at,
        first_contact_at: '2026-01-05T11:30:00.000Z',
        meeting_at: null,
        client_at: null,
        closed_at: null,
        thanked_at: null,
        conversion_thanked_at: null,
        referrer_told_status: null,
        referrer_told_at: null,
        owner_id: null,
        created_by: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await db
      .insertInto('referral_tag')
      .values({ practice_id: practiceId, referral_id: referralId, tag: 'warm' })
      .execute();
    await db
      .insertInto('referral_event')
      .values({
        practice_id: practiceId,
        id: newId(),
        referral_id: referralId,
        kind: 'created',
        from_status: null,
        to_status: 'new',
        at,
        by: null,
        note: 'kept',
      })
      .execute();

    await migrateToLatest(db, dialect);

    const referral = await db
      .selectFrom('referral')
      .select(['referrer_id', 'referred_id', 'need', 'first_contact_minutes'])
      .executeTakeFirstOrThrow();
    expect(referral).toMatchObject({ referrer_id: ann, referred_id: bob, need: 'taxes' });
    expect(Number(referral.first_contact_minutes)).toBeCloseTo(90);
    expect(await db.selectFrom('referral_tag').select('tag').execute()).toEqual([{ tag: 'warm' }]);
    expect(await db.selectFrom('referral_event').select('note').execute()).toEqual([
      { note: 'kept' },
    ]);
    // Now nullable, and the foreign keys still hold.
    await db.updateTable('referral').set({ referred_id: null }).execute();
    await expect(
      db.updateTable('referral').set({ referrer_id: newId() }).execute(),
    ).rejects.toThrow();
    if (dialect === 'sqlite') {
      const fk = await sql`pragma foreign_keys`.execute(db);
      expect(fk.rows).toEqual([{ foreign_keys: 1 }]);
      const indexes = await sql`select name from sqlite_master
        where type = 'index' and tbl_name = 'referral' and sql is not null`.execute(db);
      expect(indexes.rows.length).toBeGreaterThanOrEqual(15);
    }
  });
});

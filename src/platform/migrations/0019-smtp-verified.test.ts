import { describe, expect, it } from 'vitest';
import { earlyPracticeRow, useEmptyDatabase } from '../../test-support/empty-database.ts';
import { testTargets } from '../../test-support/testing.ts';
import { newId } from '../ids.ts';
import { migrateToLatest, migrateUpTo } from './index.ts';

/**
 * 0019 adds smtp_settings.verified_at. Settings that already delivered a message since they
 * were saved start verified (at the last delivery); others, and older deliveries, do not.
 */
describe.each(testTargets)('migration 0019-smtp-verified on existing data (%s)', (target) => {
  const { open } = useEmptyDatabase(target);

  it('marks settings verified by their last delivery since they were saved, only those', async () => {
    const { db, dialect } = await open();
    await migrateUpTo(db, dialect, '0014-audit-chain');
    const saved = '2026-03-01T10:00:00.000Z';
    const practices = { delivered: newId(), before: newId(), none: newId() };
    for (const id of Object.values(practices)) {
      await db.insertInto('practice').values(earlyPracticeRow(id, saved)).execute();
      const smtp = {
        practice_id: id,
        host: 'smtp.example.com',
        port: 587,
        security: 'starttls' as const,
        username: null,
        password_encrypted: null,
        from_email: 'me@example.com',
        from_name: null,
        updated_at: saved,
      };
      // Kysely's table type already has verified_at; the column does not exist yet.
      await db
        .insertInto('smtp_settings')
        .values(smtp as never)
        .execute();
    }
    const message = (practiceId: string, sentAt: string | null, status: 'sent' | 'queued') =>
      db
        .insertInto('message')
        .values({
          practice_id: practiceId,
          id: newId(),
          template_key: 'ask',
          recipient_contact_id: null,
          to_name: null,
          to_email: 'x@example.com',
          subject: 's',
          body: 'b',
          channel: 'email',
          status,
          attempts: 1,
          last_error: null,
          next_attempt_at: null,
          provider_id: null,
          idempotency_key: newId(),
          is_referrer_facing: 0,
          subject_type: null,
          subject_id: null,
          created_by: null,
          created_at: saved,
          queued_at: saved,
          sent_at: sentAt,
          fact_key: null,
        })
        .execute();
    await message(practices.delivered, '2026-03-02T09:00:00.000Z', 'sent');
    await message(practices.delivered, '2026-03-05T09:00:00.000Z', 'sent');
    await message(practices.delivered, null, 'queued');
    await message(practices.before, '2026-02-20T09:00:00.000Z', 'sent');

    await migrateToLatest(db, dialect);
    const rows = await db
      .selectFrom('smtp_settings')
      .select(['practice_id', 'verified_at'])
      .execute();
    const verified = Object.fromEntries(rows.map((r) => [r.practice_id, r.verified_at]));
    expect(verified).toEqual({
      [practices.delivered]: '2026-03-05T09:00:00.000Z',
      [practices.before]: null,
      [practices.none]: null,
    });
  });
});

import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * The agenda's scans (issue 5, Part A). Each kind reads only the rows that still need doing —
 * unthanked referrals, referrer updates pending, partners not notified, check-ins not done —
 * through partial indexes, so the large practice (60,000 referrals) answers from a few index
 * pages instead of a scan. The same statements build SQLite and PostgreSQL.
 */
export const agenda: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createIndex('referral_unthanked')
      .on('referral')
      .columns(['practice_id', 'received_at'])
      .where(sql<boolean>`thanked_at is null and referrer_id is not null`)
      .execute();
    await db.schema
      .createIndex('referral_conversion_unthanked')
      .on('referral')
      .columns(['practice_id', 'client_at'])
      .where(
        sql<boolean>`client_at is not null and conversion_thanked_at is null and referrer_id is not null`,
      )
      .execute();
    // §3.2: consent given, referrer known, and the status differs from the last one told
    // (never told counts as told `new`, which has nothing to report).
    await db.schema
      .createIndex('referral_update_pending')
      .on('referral')
      .columns(['practice_id', 'status_changed_at'])
      .where(
        sql<boolean>`consent_to_update = 1 and referrer_id is not null and coalesce(referrer_told_status, 'new') <> status`,
      )
      .execute();
    await db.schema
      .createIndex('referral_given_unnotified')
      .on('referral_given')
      .columns(['practice_id', 'given_at'])
      .where(sql<boolean>`partner_notified_at is null`)
      .execute();
    await db.schema
      .createIndex('referral_given_unchecked')
      .on('referral_given')
      .columns(['practice_id', 'given_at'])
      .where(sql<boolean>`checked_in_at is null`)
      .execute();
    // Quiet sources and keep-in-touch read contacts longest-untouched first (the anchor of
    // cadence.rules.ts: last touch, else creation) and stop at the agenda's limit.
    await sql`create index contact_by_anchor on contact (practice_id, (coalesce(last_touch_at, created_at)))`.execute(
      db,
    );
    await db.schema
      .createIndex('calendar_feed_by_user')
      .on('calendar_feed')
      .columns(['practice_id', 'user_id', 'created_at'])
      .execute();
  },
};

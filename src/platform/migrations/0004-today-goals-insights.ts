import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Today, goals and insights (issue 5): snoozed and dismissed agenda items (the agenda itself
 * is computed, never stored), yearly goals and their celebrations, the messaging survey, and
 * per-user calendar feeds.
 */
export const todayGoalsInsights: Migration = {
  async up(db: Kysely<unknown>) {
    // An item's key names its kind, its subject and the version of its cause (e.g. the last
    // touch), so a dismissed item returns only when its cause changes.
    await db.schema
      .createTable('agenda_mark')
      .addColumn('practice_id', 'text', (c) =>
        c.notNull().references('practice.id').onDelete('cascade'),
      )
      .addColumn('item_key', 'text', (c) => c.notNull())
      .addColumn('state', 'text', (c) => c.notNull()) // snoozed | dismissed
      .addColumn('until', 'text')
      .addColumn('reason', 'text')
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('agenda_mark_pk', ['practice_id', 'item_key'])
      .execute();

    await db.schema
      .createTable('goal')
      .addColumn('practice_id', 'text', (c) =>
        c.notNull().references('practice.id').onDelete('cascade'),
      )
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('target_clients', 'integer', (c) => c.notNull())
      .addColumn('email_team', 'integer', (c) => c.notNull())
      .addColumn('updated_by', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('goal_pk', ['practice_id', 'year'])
      .execute();
    await db.schema
      .createTable('celebration')
      .addColumn('practice_id', 'text', (c) =>
        c.notNull().references('practice.id').onDelete('cascade'),
      )
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('threshold', 'integer', (c) => c.notNull()) // 25 | 50 | 75 | 100
      .addColumn('reached_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('celebration_pk', ['practice_id', 'year', 'threshold'])
      .execute();
    await db.schema
      .createTable('celebration_seen')
      .addColumn('practice_id', 'text', (c) =>
        c.notNull().references('practice.id').onDelete('cascade'),
      )
      .addColumn('year', 'integer', (c) => c.notNull())
      .addColumn('threshold', 'integer', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) =>
        c.notNull().references('auth_user.id').onDelete('cascade'),
      )
      .addColumn('seen_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('celebration_seen_pk', [
        'practice_id',
        'year',
        'threshold',
        'user_id',
      ])
      .execute();

    await db.schema
      .createTable('survey')
      .addColumn('practice_id', 'text', (c) =>
        c.notNull().references('practice.id').onDelete('cascade'),
      )
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('survey_pk', ['practice_id', 'id'])
      .execute();
    await db.schema
      .createTable('survey_recipient')
      .addColumn('practice_id', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('survey_id', 'text', (c) => c.notNull())
      .addColumn('contact_id', 'text', (c) => c.notNull())
      // SHA-256 of the per-person link token; the token itself is only in the invitation.
      .addColumn('token_hash', 'text', (c) => c.unique())
      .addColumn('invited_at', 'text')
      .addColumn('answered_at', 'text')
      .addColumn('answer', 'text')
      .addColumn('score_percent', 'integer')
      .addColumn('matched_phrases', 'text') // JSON array
      .addColumn('missed_phrases', 'text') // JSON array
      .addColumn('entered_by', 'text') // a user when entered by hand
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('survey_recipient_pk', ['practice_id', 'id'])
      .addForeignKeyConstraint(
        'survey_recipient_survey_fk',
        ['practice_id', 'survey_id'],
        'survey',
        ['practice_id', 'id'],
        (fk) => fk.onDelete('cascade'),
      )
      .addForeignKeyConstraint(
        'survey_recipient_contact_fk',
        ['practice_id', 'contact_id'],
        'contact',
        ['practice_id', 'id'],
        (fk) => fk.onDelete('cascade'),
      )
      .execute();
    await db.schema
      .createIndex('survey_recipient_by_contact')
      .on('survey_recipient')
      .columns(['practice_id', 'contact_id', 'answered_at'])
      .execute();
    await db.schema
      .createIndex('survey_recipient_by_survey')
      .on('survey_recipient')
      .columns(['practice_id', 'survey_id'])
      .execute();

    await db.schema
      .createTable('calendar_feed')
      .addColumn('practice_id', 'text', (c) =>
        c.notNull().references('practice.id').onDelete('cascade'),
      )
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) =>
        c.notNull().references('auth_user.id').onDelete('cascade'),
      )
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .addPrimaryKeyConstraint('calendar_feed_pk', ['practice_id', 'id'])
      .execute();

    // Indexes for the agenda's and insights' scans not covered by earlier migrations.
    await db.schema
      .createIndex('referral_by_client_at')
      .on('referral')
      .columns(['practice_id', 'client_at'])
      .execute();
    await db.schema
      .createIndex('referral_by_closed_at')
      .on('referral')
      .columns(['practice_id', 'closed_at'])
      .execute();
    await db.schema
      .createIndex('contact_by_last_touch')
      .on('contact')
      .columns(['practice_id', 'last_touch_at'])
      .execute();
    await db.schema
      .createIndex('referral_given_by_notified')
      .on('referral_given')
      .columns(['practice_id', 'partner_notified_at'])
      .execute();
  },
};

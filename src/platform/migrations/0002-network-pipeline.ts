import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * The network and the referral pipeline (issue 3): most-wanted categories, circle kinds,
 * per-contact cadence, interactions, referrals received (with their events and tags) and
 * referrals given. References carry practice_id, as in the foundation.
 */
export const networkPipeline: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('category').addColumn('most_wanted_rank', 'integer').execute();
    await db.schema.alterTable('category').addColumn('target', 'integer').execute();
    await db.schema.alterTable('circle').addColumn('kind', 'text').execute();
    await db.schema.alterTable('circle').addColumn('notes', 'text').execute();
    await db.schema.alterTable('contact').addColumn('keep_in_touch_days', 'integer').execute();
    await db.schema.alterTable('stage_change').addColumn('reason', 'text').execute();

    await db.schema
      .createTable('interaction')
      .addColumn('practice_id', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('contact_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('occurred_at', 'text', (c) => c.notNull())
      .addColumn('summary', 'text')
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('interaction_pk', ['practice_id', 'id'])
      .addForeignKeyConstraint(
        'interaction_contact_fk',
        ['practice_id', 'contact_id'],
        'contact',
        ['practice_id', 'id'],
        (fk) => fk.onDelete('cascade'),
      )
      .execute();
    await db.schema
      .createIndex('interaction_by_contact')
      .on('interaction')
      .columns(['practice_id', 'contact_id', 'occurred_at'])
      .execute();

    await db.schema
      .createTable('referral')
      .addColumn('practice_id', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      // null: the referrer was explicitly chosen as unknown
      .addColumn('referrer_id', 'text')
      .addColumn('referred_id', 'text', (c) => c.notNull())
      .addColumn('received_at', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('circle_id', 'text')
      .addColumn('place', 'text')
      .addColumn('need', 'text')
      .addColumn('value_minor', 'integer')
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('consent_to_update', 'integer', (c) => c.notNull())
      .addColumn('warm_handoff', 'integer', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('status_changed_at', 'text', (c) => c.notNull())
      .addColumn('first_contact_at', 'text')
      .addColumn('meeting_at', 'text')
      .addColumn('client_at', 'text')
      .addColumn('closed_at', 'text')
      .addColumn('thanked_at', 'text')
      .addColumn('conversion_thanked_at', 'text')
      // the last status the referrer was told about, and when
      .addColumn('referrer_told_status', 'text')
      .addColumn('referrer_told_at', 'text')
      .addColumn('owner_id', 'text', (c) => c.references('auth_user.id').onDelete('set null'))
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('referral_pk', ['practice_id', 'id'])
      .addForeignKeyConstraint('referral_referrer_fk', ['practice_id', 'referrer_id'], 'contact', [
        'practice_id',
        'id',
      ])
      .addForeignKeyConstraint(
        'referral_referred_fk',
        ['practice_id', 'referred_id'],
        'contact',
        ['practice_id', 'id'],
        (fk) => fk.onDelete('cascade'),
      )
      .addForeignKeyConstraint('referral_circle_fk', ['practice_id', 'circle_id'], 'circle', [
        'practice_id',
        'id',
      ])
      .execute();
    for (const [name, columns] of [
      ['referral_by_received', ['practice_id', 'received_at', 'id']],
      // Board columns: open ones oldest first, client and closed by latest move.
      ['referral_by_status', ['practice_id', 'status', 'received_at', 'id']],
      ['referral_by_status_changed', ['practice_id', 'status', 'status_changed_at', 'id']],
      ['referral_by_referrer', ['practice_id', 'referrer_id', 'received_at']],
      ['referral_by_referred', ['practice_id', 'referred_id']],
      ['referral_by_circle', ['practice_id', 'circle_id', 'received_at']],
      ['referral_by_owner', ['practice_id', 'owner_id', 'received_at']],
      ['referral_by_channel', ['practice_id', 'channel', 'received_at']],
    ] as const) {
      await db.schema
        .createIndex(name)
        .on('referral')
        .columns([...columns])
        .execute();
    }

    await db.schema
      .createTable('referral_tag')
      .addColumn('practice_id', 'text', (c) => c.notNull())
      .addColumn('referral_id', 'text', (c) => c.notNull())
      .addColumn('tag', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('referral_tag_pk', ['practice_id', 'referral_id', 'tag'])
      .addForeignKeyConstraint(
        'referral_tag_referral_fk',
        ['practice_id', 'referral_id'],
        'referral',
        ['practice_id', 'id'],
        (fk) => fk.onDelete('cascade'),
      )
      .execute();
    await db.schema
      .createIndex('referral_tag_by_tag')
      .on('referral_tag')
      .columns(['practice_id', 'tag', 'referral_id'])
      .execute();

    // Every status change, reopening, thank-you and referrer update, with its time and author.
    await db.schema
      .createTable('referral_event')
      .addColumn('practice_id', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('referral_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('from_status', 'text')
      .addColumn('to_status', 'text')
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('by', 'text')
      .addColumn('note', 'text')
      .addPrimaryKeyConstraint('referral_event_pk', ['practice_id', 'id'])
      .addForeignKeyConstraint(
        'referral_event_referral_fk',
        ['practice_id', 'referral_id'],
        'referral',
        ['practice_id', 'id'],
        (fk) => fk.onDelete('cascade'),
      )
      .execute();
    await db.schema
      .createIndex('referral_event_by_referral')
      .on('referral_event')
      .columns(['practice_id', 'referral_id', 'at'])
      .execute();

    await db.schema
      .createTable('referral_given')
      .addColumn('practice_id', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('person_id', 'text', (c) => c.notNull())
      .addColumn('partner_id', 'text', (c) => c.notNull())
      .addColumn('given_at', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('partner_notified_at', 'text')
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('outcome_at', 'text')
      .addColumn('checked_in_at', 'text')
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('referral_given_pk', ['practice_id', 'id'])
      .addForeignKeyConstraint(
        'referral_given_person_fk',
        ['practice_id', 'person_id'],
        'contact',
        ['practice_id', 'id'],
        (fk) => fk.onDelete('cascade'),
      )
      .addForeignKeyConstraint(
        'referral_given_partner_fk',
        ['practice_id', 'partner_id'],
        'contact',
        ['practice_id', 'id'],
        (fk) => fk.onDelete('cascade'),
      )
      .execute();
    for (const [name, columns] of [
      ['referral_given_by_partner', ['practice_id', 'partner_id', 'given_at']],
      ['referral_given_by_person', ['practice_id', 'person_id']],
      ['referral_given_by_date', ['practice_id', 'given_at', 'id']],
    ] as const) {
      await db.schema
        .createIndex(name)
        .on('referral_given')
        .columns([...columns])
        .execute();
    }
    await db.schema
      .createIndex('category_most_wanted')
      .on('category')
      .columns(['practice_id', 'most_wanted_rank'])
      .where(sql.ref('most_wanted_rank'), 'is not', null)
      .execute();
  },
};

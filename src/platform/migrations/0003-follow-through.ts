import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Follow-through (issue 4): moments and asks, commitments and their credits, incentives with
 * the ethics verdict they were created under, letter templates, the outbox of messages, and
 * each practice's SMTP settings.
 */
export const followThrough: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('contact')
      .addColumn('is_treating_provider', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    // JSON: { [incentiveKind]: ruling } — a practice may only tighten its profile's rulings.
    await db.schema
      .alterTable('practice')
      .addColumn('ethics_overrides', 'text', (c) => c.notNull().defaultTo('{}'))
      .execute();

    await db.schema
      .createTable('moment')
      .addColumn('practice_id', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('contact_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('score', 'integer')
      .addColumn('occurred_at', 'text', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('moment_pk', ['practice_id', 'id'])
      .addForeignKeyConstraint(
        'moment_contact_id_fk',
        ['practice_id', 'contact_id'],
        'contact',
        ['practice_id', 'id'],
        (fk) => fk.onDelete('cascade'),
      )
      .execute();
    await db.schema
      .createIndex('moment_by_contact')
      .on('moment')
      .columns(['practice_id', 'contact_id', 'occurred_at'])
      .execute();
    await db.schema
      .createIndex('moment_by_time')
      .on('moment')
      .columns(['practice_id', 'occurred_at'])
      .execute();

    await db.schema
      .createTable('ask')
      .addColumn('practice_id', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('contact_id', 'text', (c) => c.notNull())
      .addColumn('asked_at', 'text', (c) => c.notNull())
      .addColumn('moment_id', 'text')
      .addColumn('outcome', 'text')
      .addColumn('note', 'text')
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('ask_pk', ['practice_id', 'id'])
      .addForeignKeyConstraint(
        'ask_contact_id_fk',
        ['practice_id', 'contact_id'],
        'contact',
        ['practice_id', 'id'],
        (fk) => fk.onDelete('cascade'),
      )
      .execute();
    await db.schema
      .createIndex('ask_by_contact')
      .on('ask')
      .columns(['practice_id', 'contact_id', 'asked_at'])
      .execute();

    await db.schema
      .createTable('commitment')
      .addColumn('practice_id', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('contact_id', 'text', (c) => c.notNull())
      .addColumn('made_at', 'text', (c) => c.notNull())
      .addColumn('promised_count', 'integer', (c) => c.notNull())
      .addColumn('incentive_for_referrer', 'text')
      .addColumn('incentive_for_referred', 'text')
      .addColumn('due_at', 'text')
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('fulfilled_at', 'text')
      .addColumn('released_at', 'text')
      .addColumn('reminders_sent', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_reminder_at', 'text')
      .addColumn('ask_id', 'text')
      .addColumn('note', 'text')
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('commitment_pk', ['practice_id', 'id'])
      .addForeignKeyConstraint(
        'commitment_contact_id_fk',
        ['practice_id', 'contact_id'],
        'contact',
        ['practice_id', 'id'],
        (fk) => fk.onDelete('cascade'),
      )
      .execute();
    await db.schema
      .createIndex('commitment_by_contact')
      .on('commitment')
      .columns(['practice_id', 'contact_id', 'status', 'made_at'])
      .execute();
    await db.schema
      .createIndex('commitment_by_status')
      .on('commitment')
      .columns(['practice_id', 'status', 'made_at'])
      .execute();

    // A referral credits at most one commitment (the oldest open one of its referrer).
    await db.schema
      .createTable('commitment_credit')
      .addColumn('practice_id', 'text', (c) => c.notNull())
      .addColumn('referral_id', 'text', (c) => c.notNull())
      .addColumn('commitment_id', 'text', (c) => c.notNull())
      .addColumn('credited_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('commitment_credit_pk', ['practice_id', 'referral_id'])
      .addForeignKeyConstraint(
        'commitment_credit_referral_id_fk',
        ['practice_id', 'referral_id'],
        'referral',
        ['practice_id', 'id'],
        (fk) => fk.onDelete('cascade'),
      )
      .addForeignKeyConstraint(
        'commitment_credit_commitment_id_fk',
        ['practice_id', 'commitment_id'],
        'commitment',
        ['practice_id', 'id'],
        (fk) => fk.onDelete('cascade'),
      )
      .execute();
    await db.schema
      .createIndex('commitment_credit_by_commitment')
      .on('commitment_credit')
      .columns(['practice_id', 'commitment_id', 'credited_at'])
      .execute();

    await db.schema
      .createTable('incentive')
      .addColumn('practice_id', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('recipient', 'text', (c) => c.notNull()) // referrer | referred
      .addColumn('recipient_contact_id', 'text')
      .addColumn('description', 'text')
      .addColumn('value_minor', 'integer')
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('referral_id', 'text')
      .addColumn('commitment_id', 'text')
      .addColumn('status', 'text', (c) => c.notNull()) // promised | delivered
      .addColumn('promised_at', 'text', (c) => c.notNull())
      .addColumn('delivered_at', 'text')
      .addColumn('verdict', 'text', (c) => c.notNull())
      .addColumn('verdict_reason', 'text', (c) => c.notNull())
      .addColumn('verdict_source', 'text', (c) => c.notNull())
      .addColumn('disclosed_at', 'text')
      .addColumn('disclosure_method', 'text')
      .addColumn('disclosure_note', 'text')
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('incentive_pk', ['practice_id', 'id'])
      .addForeignKeyConstraint(
        'incentive_recipient_contact_id_fk',
        ['practice_id', 'recipient_contact_id'],
        'contact',
        ['practice_id', 'id'],
        (fk) => fk.onDelete('cascade'),
      )
      .addForeignKeyConstraint(
        'incentive_referral_id_fk',
        ['practice_id', 'referral_id'],
        'referral',
        ['practice_id', 'id'],
        (fk) => fk.onDelete('cascade'),
      )
      .addForeignKeyConstraint(
        'incentive_commitment_id_fk',
        ['practice_id', 'commitment_id'],
        'commitment',
        ['practice_id', 'id'],
        (fk) => fk.onDelete('cascade'),
      )
      .execute();
    await db.schema
      .createIndex('incentive_by_recipient')
      .on('incentive')
      .columns(['practice_id', 'recipient_contact_id'])
      .execute();
    await db.schema
      .createIndex('incentive_by_referral')
      .on('incentive')
      .columns(['practice_id', 'referral_id'])
      .execute();
    await db.schema
      .createIndex('incentive_by_commitment')
      .on('incentive')
      .columns(['practice_id', 'commitment_id'])
      .execute();

    // A practice's edited copy of a shipped template; absent → the shipped text.
    await db.schema
      .createTable('letter_template')
      .addColumn('practice_id', 'text', (c) =>
        c.notNull().references('practice.id').onDelete('cascade'),
      )
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('updated_by', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('letter_template_pk', ['practice_id', 'key'])
      .execute();

    await db.schema
      .createTable('message')
      .addColumn('practice_id', 'text', (c) =>
        c.notNull().references('practice.id').onDelete('cascade'),
      )
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('template_key', 'text', (c) => c.notNull())
      .addColumn('recipient_contact_id', 'text')
      .addColumn('to_name', 'text')
      .addColumn('to_email', 'text')
      .addColumn('subject', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull()) // email | letter (copy / print)
      .addColumn('status', 'text', (c) => c.notNull()) // draft | queued | sending | sent | failed
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('last_error', 'text')
      .addColumn('next_attempt_at', 'text')
      .addColumn('provider_id', 'text')
      .addColumn('idempotency_key', 'text', (c) => c.notNull().unique())
      .addColumn('is_referrer_facing', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('subject_type', 'text')
      .addColumn('subject_id', 'text')
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('queued_at', 'text')
      .addColumn('sent_at', 'text')
      .addPrimaryKeyConstraint('message_pk', ['practice_id', 'id'])
      .execute();
    await db.schema
      .createIndex('message_by_time')
      .on('message')
      .columns(['practice_id', 'created_at', 'id'])
      .execute();
    await db.schema
      .createIndex('message_by_subject')
      .on('message')
      .columns(['practice_id', 'subject_type', 'subject_id'])
      .execute();
    await db.schema
      .createIndex('message_by_recipient')
      .on('message')
      .columns(['practice_id', 'recipient_contact_id'])
      .execute();
    // The worker's scan across practices: due messages only.
    await db.schema
      .createIndex('message_due')
      .on('message')
      .columns(['status', 'next_attempt_at'])
      .where(sql.ref('status'), 'in', ['queued', 'sending'])
      .execute();

    await db.schema
      .createTable('smtp_settings')
      .addColumn('practice_id', 'text', (c) =>
        c.primaryKey().references('practice.id').onDelete('cascade'),
      )
      .addColumn('host', 'text', (c) => c.notNull())
      .addColumn('port', 'integer', (c) => c.notNull())
      .addColumn('security', 'text', (c) => c.notNull()) // tls | starttls | none
      .addColumn('username', 'text')
      // Encrypted with the server secret (AES-256-GCM); never returned by the API.
      .addColumn('password_encrypted', 'text')
      .addColumn('from_email', 'text', (c) => c.notNull())
      .addColumn('from_name', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
  },
};

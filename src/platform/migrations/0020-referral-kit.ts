import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Issue 12, the referral kit (§3.9): personal referral links, the submissions of their public
 * intake page, and the link a referral came through. A link belongs to its contact (erasing
 * the contact deletes it); a revoked link stays, so its referrals keep their numbers. Codes
 * are unique across practices: the public page finds the practice by the code alone.
 */
export const referralKit: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('referral_link')
      .addColumn('practice_id', 'text', (c) =>
        c.notNull().references('practice.id').onDelete('cascade'),
      )
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('code', 'text', (c) => c.notNull())
      // null: the practice-wide link, without a referrer
      .addColumn('contact_id', 'text')
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('revoked_at', 'text')
      .addColumn('visits', 'integer', (c) => c.notNull().defaultTo(0))
      .addPrimaryKeyConstraint('referral_link_pk', ['practice_id', 'id'])
      .addForeignKeyConstraint(
        'referral_link_contact_fk',
        ['practice_id', 'contact_id'],
        'contact',
        ['practice_id', 'id'],
        (fk) => fk.onDelete('cascade'),
      )
      .execute();
    await db.schema
      .createIndex('referral_link_by_code')
      .on('referral_link')
      .column('code')
      .unique()
      .execute();
    // A contact's links, live or revoked: the live one's lookup, and the erasure's cascade.
    await db.schema
      .createIndex('referral_link_by_contact')
      .on('referral_link')
      .columns(['practice_id', 'contact_id'])
      .execute();
    // One live link per contact, and one practice-wide link: a second POST answers the first.
    await sql`create unique index referral_link_live on referral_link
      (practice_id, coalesce(contact_id, '')) where revoked_at is null`.execute(db);

    await db.schema
      .createTable('intake_submission')
      .addColumn('practice_id', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('link_id', 'text', (c) => c.notNull())
      .addColumn('referral_id', 'text', (c) => c.notNull())
      .addColumn('submitted_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('intake_submission_pk', ['practice_id', 'id'])
      .addForeignKeyConstraint(
        'intake_submission_link_fk',
        ['practice_id', 'link_id'],
        'referral_link',
        ['practice_id', 'id'],
        (fk) => fk.onDelete('cascade'),
      )
      .execute();
    await db.schema
      .createIndex('intake_submission_by_link')
      .on('intake_submission')
      .columns(['practice_id', 'link_id', 'submitted_at'])
      .execute();

    // No foreign key: the link of an erased referrer goes, its referrals stay (anonymous).
    await db.schema.alterTable('referral').addColumn('intake_link_id', 'text').execute();
    await db.schema
      .createIndex('referral_by_intake_link')
      .on('referral')
      .columns(['practice_id', 'intake_link_id', 'received_at'])
      .execute();
  },
};

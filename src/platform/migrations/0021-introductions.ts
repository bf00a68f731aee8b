import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Warm introductions (issue 12, PRODUCT.md §3.9):
 * - `practice.booking_url`: the link to book a first meeting, put in introductions ('' = none);
 * - `message.cc_contact_id`, `cc_name`, `cc_email`: an introduction goes to the referred person
 *   with the referrer in Cc (the contact id, so that the referrer's erasure or opt-out reaches
 *   the message too);
 * - `contact.email_opted_out_at`: when the contact withdrew their email consent (the opt-out
 *   link, or consent turned off), null when they never did. An introduction is a one-off
 *   message the person expects, so it needs no consent to relationship mail, but an opt-out is
 *   honoured. Contacts whose last recorded consent change (audit log) turned it off start
 *   opted out at that time;
 * - `referral_completion`: the contacted referrals of a range with what the warm-handoff chart
 *   counts, so that chart is one pass over a small index.
 */
export const introductions: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('practice')
      .addColumn('booking_url', 'text', (c) => c.notNull().defaultTo(''))
      .execute();
    for (const column of ['cc_contact_id', 'cc_name', 'cc_email'])
      await db.schema.alterTable('message').addColumn(column, 'text').execute();
    await db.schema
      .createIndex('message_by_cc')
      .on('message')
      .columns(['practice_id', 'cc_contact_id'])
      .where(sql.ref('cc_contact_id'), 'is not', null)
      .execute();
    await db.schema.alterTable('contact').addColumn('email_opted_out_at', 'text').execute();
    await sql`
      update contact set email_opted_out_at = w.at
        from (select practice_id, subject_id, max(created_at) as at from audit_log
               where action = 'contact.email_consent_changed' and subject_type = 'contact'
               group by practice_id, subject_id) w
       where w.practice_id = contact.practice_id and w.subject_id = contact.id
         and contact.email_consent = 0`.execute(db);
    await db.schema
      .createIndex('referral_completion')
      .on('referral')
      // first_contact_at too, although the condition implies it: SQLite then reads the index
      // alone (covering) instead of visiting every row to check the condition again.
      .columns(['practice_id', 'received_at', 'warm_handoff', 'client_at', 'first_contact_at'])
      .where(sql.ref('first_contact_at'), 'is not', null)
      .execute();
  },
};

import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * When the practice's current SMTP settings last carried an email (issue 11): "Email is set
 * up" is said only then. Saving different connection settings clears it. Settings that have
 * already delivered a message since they were saved count as verified from that message.
 */
export const smtpVerified: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('smtp_settings').addColumn('verified_at', 'text').execute();
    await sql`
      update smtp_settings set verified_at = (
        select max(m.sent_at) from message m
        where m.practice_id = smtp_settings.practice_id
          and m.status = 'sent' and m.sent_at >= smtp_settings.updated_at
      )`.execute(db);
  },
};

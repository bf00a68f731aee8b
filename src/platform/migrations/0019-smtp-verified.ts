import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * When the practice's current SMTP settings last carried a test email (issue 11): "Email is
 * set up" is said only then. Saving different connection settings clears it.
 */
export const smtpVerified: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('smtp_settings').addColumn('verified_at', 'text').execute();
  },
};

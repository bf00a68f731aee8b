import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * A private link a queued email carries (issue 14: the password-reset link), sealed with the
 * server secret: the stored body holds a placeholder, so the practice's outbox and its export
 * never show a usable link; the worker opens it at send time and clears it once sent.
 * better-auth's `auth_verification` already holds the reset tokens (as digests).
 */
export const passwordReset: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('message').addColumn('sealed_link', 'text').execute();
  },
};

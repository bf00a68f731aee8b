import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Issue 14, the team (PRODUCT.md §8): invitations by email. Only a SHA-256 hash of an
 * invitation's token is kept; the link itself is derived again from the server secret when
 * the outbox sends it. One live (neither used nor revoked) invitation per email and practice.
 * Agenda items assigned to a member: by the item's kind and subject (`kind:subjectId`), so an
 * assignment outlives the cause versions of the item's key.
 */
export const team: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('invitation')
      .addColumn('practice_id', 'text', (c) =>
        c.notNull().references('practice.id').onDelete('cascade'),
      )
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('email', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      // No foreign key: a removed inviter's invitations keep naming them.
      .addColumn('invited_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      // When the current link was made (a re-send makes a new one): the link's expiry runs from here.
      .addColumn('sent_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('accepted_at', 'text')
      .addColumn('accepted_by', 'text')
      .addColumn('revoked_at', 'text')
      .addPrimaryKeyConstraint('invitation_pk', ['practice_id', 'id'])
      .execute();
    await sql`create unique index invitation_live on invitation (practice_id, email)
      where accepted_at is null and revoked_at is null`.execute(db);

    await db.schema
      .createTable('agenda_assignment')
      .addColumn('practice_id', 'text', (c) =>
        c.notNull().references('practice.id').onDelete('cascade'),
      )
      .addColumn('item_key', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('assigned_by', 'text')
      .addColumn('assigned_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('agenda_assignment_pk', ['practice_id', 'item_key'])
      .execute();
    await db.schema
      .createIndex('agenda_assignment_by_user')
      .on('agenda_assignment')
      .columns(['practice_id', 'user_id'])
      .execute();
  },
};

import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * The demo as its own practice (issue 11, point 12): `practice.demo_of_user_id` names the user
 * whose sandbox a demo practice is (null for every real practice; at most one demo per user),
 * and `practice_member.in_demo` says that this member is looking at their demo instead of
 * their practice. Deleting the demo practice deletes everything in it (every table's practice
 * key cascades); deleting the user deletes their demo.
 */
export const demoPractice: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .alterTable('practice')
      .addColumn('demo_of_user_id', 'text', (c) => c.references('auth_user.id').onDelete('cascade'))
      .execute();
    await db.schema
      .createIndex('practice_demo_of_user')
      .on('practice')
      .column('demo_of_user_id')
      .unique()
      .execute();
    await db.schema
      .alterTable('practice_member')
      .addColumn('in_demo', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  },
};

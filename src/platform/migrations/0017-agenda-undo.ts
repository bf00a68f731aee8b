import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Issue 11 §9: what a one-key or one-click action on Today recorded can be taken back. Each
 * action (or bulk action) writes one row holding the steps that reverse it (ids and the
 * few columns it changed, never names); `undone_at` makes a second undo a conflict.
 */
export const agendaUndo: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('agenda_undo')
      .addColumn('practice_id', 'text', (c) =>
        c.notNull().references('practice.id').onDelete('cascade'),
      )
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('undone_at', 'text')
      .addColumn('steps', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('agenda_undo_pk', ['practice_id', 'id'])
      .execute();
  },
};

import type { Selectable } from 'kysely';
import type { Queryable } from '../platform/db.ts';
import type { InteractionTable } from './interaction.tables.ts';

export type InteractionRow = Selectable<InteractionTable>;

/**
 * Locks the contact's row for the rest of the transaction (a no-op update works on both
 * databases), so that concurrent touches recompute `last_touch_at` one after the other.
 * Answers whether the contact exists in the practice.
 */
export async function lockContactForTouch(
  db: Queryable,
  practiceId: string,
  contactId: string,
): Promise<boolean> {
  const result = await db
    .updateTable('contact')
    .set((eb) => ({ last_touch_at: eb.ref('last_touch_at') }))
    .where('practice_id', '=', practiceId)
    .where('id', '=', contactId)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Sets the contact's last touch to its latest interaction (null when none is left). */
export async function refreshLastTouch(
  db: Queryable,
  practiceId: string,
  contactId: string,
): Promise<void> {
  await db
    .updateTable('contact')
    .set((eb) => ({
      last_touch_at: eb
        .selectFrom('interaction')
        .select((e) => e.fn.max('interaction.occurred_at').as('latest'))
        .where('interaction.practice_id', '=', practiceId)
        .where('interaction.contact_id', '=', contactId),
    }))
    .where('practice_id', '=', practiceId)
    .where('id', '=', contactId)
    .execute();
}

export async function insertInteractionRow(db: Queryable, row: InteractionRow): Promise<void> {
  await db.insertInto('interaction').values(row).execute();
}

export async function findInteractionRow(db: Queryable, practiceId: string, id: string) {
  return db
    .selectFrom('interaction')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function deleteInteractionRow(
  db: Queryable,
  practiceId: string,
  id: string,
): Promise<number> {
  const result = await db
    .deleteFrom('interaction')
    .where('practice_id', '=', practiceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Interactions of a contact (or one, by id) with their author's name, newest first. */
export async function listInteractionRows(
  db: Queryable,
  practiceId: string,
  filter: { contactId: string } | { id: string },
) {
  let q = db
    .selectFrom('interaction')
    .leftJoin('auth_user', 'auth_user.id', 'interaction.created_by')
    .selectAll('interaction')
    .select('auth_user.name as created_by_name')
    .where('interaction.practice_id', '=', practiceId);
  q =
    'id' in filter
      ? q.where('interaction.id', '=', filter.id)
      : q.where('interaction.contact_id', '=', filter.contactId);
  return q.orderBy('interaction.occurred_at', 'desc').orderBy('interaction.id', 'desc').execute();
}

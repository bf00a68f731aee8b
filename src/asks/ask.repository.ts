import type { Selectable } from 'kysely';
import { isPostgres, type Queryable } from '../platform/db.ts';
import type { AskTable, MomentTable } from './ask.tables.ts';

export type MomentRow = Selectable<MomentTable>;
export type AskRow = Selectable<AskTable>;

export async function insertMomentRow(db: Queryable, row: MomentRow): Promise<void> {
  await db.insertInto('moment').values(row).execute();
}

export async function findMomentRow(db: Queryable, practiceId: string, id: string) {
  return db
    .selectFrom('moment')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** A contact's moments, newest first. */
export async function listMomentRows(db: Queryable, practiceId: string, contactId: string) {
  return db
    .selectFrom('moment')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .where('contact_id', '=', contactId)
    .orderBy('occurred_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** Deletes a moment; asks that followed it keep their history without the link. */
export async function deleteMomentRow(db: Queryable, practiceId: string, id: string) {
  await db
    .updateTable('ask')
    .set({ moment_id: null })
    .where('practice_id', '=', practiceId)
    .where('moment_id', '=', id)
    .execute();
  const res = await db
    .deleteFrom('moment')
    .where('practice_id', '=', practiceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}

export async function insertAskRow(db: Queryable, row: AskRow): Promise<void> {
  await db.insertInto('ask').values(row).execute();
}

/**
 * An ask, locked on PostgreSQL when asked: `key share` by a commitment that answers it (so it
 * cannot be deleted meanwhile), `update` by the undo that deletes it.
 */
export async function findAskRow(
  db: Queryable,
  practiceId: string,
  id: string,
  lock?: 'key share' | 'update',
) {
  let query = db
    .selectFrom('ask')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .where('id', '=', id);
  if (lock && db.isTransaction && isPostgres(db))
    query = lock === 'update' ? query.forUpdate() : query.forKeyShare();
  return query.executeTakeFirst();
}

export async function updateAskRow(
  db: Queryable,
  practiceId: string,
  id: string,
  changes: Partial<Pick<AskRow, 'outcome' | 'note'>>,
) {
  await db
    .updateTable('ask')
    .set(changes)
    .where('practice_id', '=', practiceId)
    .where('id', '=', id)
    .execute();
}

export async function deleteAskRow(db: Queryable, practiceId: string, id: string) {
  const res = await db
    .deleteFrom('ask')
    .where('practice_id', '=', practiceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** A contact's asks, newest first. */
export async function listAskRows(db: Queryable, practiceId: string, contactId: string) {
  return db
    .selectFrom('ask')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .where('contact_id', '=', contactId)
    .orderBy('asked_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

/** The time of the contact's last ask at or before `atOrBefore`, or null. */
export async function findLastAskedAt(
  db: Queryable,
  practiceId: string,
  contactId: string,
  atOrBefore: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('ask')
    .select('asked_at')
    .where('practice_id', '=', practiceId)
    .where('contact_id', '=', contactId)
    .where('asked_at', '<=', atOrBefore)
    .orderBy('asked_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.asked_at ?? null;
}

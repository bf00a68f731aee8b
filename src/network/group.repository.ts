import type { Queryable } from '../platform/db.ts';
import type { GroupKind } from './group.schemas.ts';

/** The columns categories and circles share. */
export type GroupRow = {
  practice_id: string;
  id: string;
  name: string;
  name_key: string;
  created_at: string;
};

export async function insertGroupRow(db: Queryable, kind: GroupKind, row: GroupRow): Promise<void> {
  await db.insertInto(kind).values(row).execute();
}

/** The rows among `ids` that belong to the practice. */
export async function findGroupRows(
  db: Queryable,
  kind: GroupKind,
  practiceId: string,
  ids: readonly string[],
): Promise<GroupRow[]> {
  if (ids.length === 0) return [];
  return db
    .selectFrom(kind)
    .select(['practice_id', 'id', 'name', 'name_key', 'created_at'])
    .where('practice_id', '=', practiceId)
    .where('id', 'in', [...ids])
    .execute();
}

export async function renameGroupRow(
  db: Queryable,
  kind: GroupKind,
  practiceId: string,
  id: string,
  name: string,
  nameKey: string,
): Promise<void> {
  await db
    .updateTable(kind)
    .set({ name, name_key: nameKey })
    .where('practice_id', '=', practiceId)
    .where('id', '=', id)
    .execute();
}

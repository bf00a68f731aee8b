import type { Queryable } from '../platform/db.ts';
import type { GroupKind } from './group.schemas.ts';

export type GroupRow = {
  practice_id: string;
  id: string;
  name: string;
  name_key: string;
  created_at: string;
};

export async function listGroupRows(db: Queryable, kind: GroupKind, practiceId: string) {
  return db
    .selectFrom(kind)
    .selectAll()
    .where('practice_id', '=', practiceId)
    .orderBy('name_key')
    .execute();
}

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
    .selectAll()
    .where('practice_id', '=', practiceId)
    .where('id', 'in', [...ids])
    .execute();
}

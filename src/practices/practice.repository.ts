import type { Insertable, Selectable } from 'kysely';
import type { Queryable } from '../platform/db.ts';
import type { PracticeTable } from './practice.tables.ts';

export type PracticeRow = Selectable<PracticeTable>;

export async function insertPractice(db: Queryable, row: Insertable<PracticeTable>): Promise<void> {
  await db.insertInto('practice').values(row).execute();
}

export async function findPractice(
  db: Queryable,
  practiceId: string,
): Promise<PracticeRow | undefined> {
  return db.selectFrom('practice').selectAll().where('id', '=', practiceId).executeTakeFirst();
}

export async function updatePracticeRow(
  db: Queryable,
  practiceId: string,
  changes: Partial<Omit<PracticeRow, 'id' | 'created_at'>>,
): Promise<void> {
  await db.updateTable('practice').set(changes).where('id', '=', practiceId).execute();
}

/** Up to `limit` practice ids, across practices: the CLI picks the only one when none is named. */
export async function listPracticeIds(db: Queryable, limit: number): Promise<string[]> {
  const rows = await db.selectFrom('practice').select('id').limit(limit).execute();
  return rows.map((r) => r.id);
}

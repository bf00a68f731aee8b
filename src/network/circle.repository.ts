import type { Selectable } from 'kysely';
import type { Queryable } from '../platform/db.ts';
import type { CircleTable } from './group.tables.ts';

export type CircleRow = Selectable<CircleTable>;
export type CircleCountRow = CircleRow & { members: number; referrals: number };

export async function insertCircleRow(db: Queryable, row: CircleRow): Promise<void> {
  await db.insertInto('circle').values(row).execute();
}

/** Circles with their member and referral counts (one query), by name; `ids` narrows. */
export async function listCircleRows(
  db: Queryable,
  practiceId: string,
  ids?: readonly string[],
): Promise<CircleCountRow[]> {
  if (ids && ids.length === 0) return [];
  let q = db
    .selectFrom('circle')
    .selectAll('circle')
    .select((eb) => [
      eb
        .selectFrom('contact_circle')
        .select(eb.fn.countAll<string | number>().as('n'))
        .whereRef('contact_circle.practice_id', '=', 'circle.practice_id')
        .whereRef('contact_circle.circle_id', '=', 'circle.id')
        .as('members'),
      eb
        .selectFrom('referral')
        .select(eb.fn.countAll<string | number>().as('n'))
        .whereRef('referral.practice_id', '=', 'circle.practice_id')
        .whereRef('referral.circle_id', '=', 'circle.id')
        .as('referrals'),
    ])
    .where('circle.practice_id', '=', practiceId);
  if (ids) q = q.where('circle.id', 'in', [...ids]);
  const rows = await q.orderBy('circle.name_key').orderBy('circle.id').execute();
  return rows.map((r) => ({
    ...r,
    members: Number(r.members ?? 0),
    referrals: Number(r.referrals ?? 0),
  }));
}

export async function updateCircleRow(
  db: Queryable,
  practiceId: string,
  circleId: string,
  changes: Partial<Pick<CircleRow, 'name' | 'name_key' | 'kind' | 'notes'>>,
): Promise<void> {
  if (Object.keys(changes).length === 0) return;
  await db
    .updateTable('circle')
    .set(changes)
    .where('practice_id', '=', practiceId)
    .where('id', '=', circleId)
    .execute();
}

/** Deletes a circle: memberships go (cascade), referrals keep no circle. */
export async function deleteCircleRow(
  db: Queryable,
  practiceId: string,
  circleId: string,
): Promise<number> {
  await db
    .updateTable('referral')
    .set({ circle_id: null })
    .where('practice_id', '=', practiceId)
    .where('circle_id', '=', circleId)
    .execute();
  const result = await db
    .deleteFrom('circle')
    .where('practice_id', '=', practiceId)
    .where('id', '=', circleId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The members of a circle with their category (and its most-wanted rank), by name. */
export async function listCircleMembers(db: Queryable, practiceId: string, circleId: string) {
  return db
    .selectFrom('contact_circle')
    .innerJoin('contact', (j) =>
      j
        .onRef('contact.practice_id', '=', 'contact_circle.practice_id')
        .onRef('contact.id', '=', 'contact_circle.contact_id'),
    )
    .leftJoin('category', (j) =>
      j
        .onRef('category.practice_id', '=', 'contact.practice_id')
        .onRef('category.id', '=', 'contact.category_id'),
    )
    .select([
      'contact.id',
      'contact.name',
      'contact.stage',
      'category.id as category_id',
      'category.name as category_name',
      'category.most_wanted_rank',
    ])
    .where('contact_circle.practice_id', '=', practiceId)
    .where('contact_circle.circle_id', '=', circleId)
    .orderBy('contact.name_key')
    .orderBy('contact.id')
    .execute();
}

import type { Queryable } from '../platform/db.ts';
import { coveringStageRank } from './category.rules.ts';

export type CategoryCountRow = {
  id: string;
  name: string;
  name_key: string;
  created_at: string;
  most_wanted_rank: number | null;
  target: number | null;
  contacts: number;
  coverage: number;
};

/**
 * Categories with their contact and coverage counts in one grouped query, by name (or by
 * rank for the most-wanted list). `ids` narrows to those categories.
 */
export async function listCategoryRows(
  db: Queryable,
  practiceId: string,
  options: { ids?: readonly string[]; mostWantedOnly?: boolean } = {},
): Promise<CategoryCountRow[]> {
  let q = db
    .selectFrom('category')
    .leftJoin('contact', (j) =>
      j
        .onRef('contact.practice_id', '=', 'category.practice_id')
        .onRef('contact.category_id', '=', 'category.id'),
    )
    .select([
      'category.id',
      'category.name',
      'category.name_key',
      'category.created_at',
      'category.most_wanted_rank',
      'category.target',
    ])
    .select((eb) => [
      eb.fn.count<string | number>('contact.id').as('contacts'),
      eb.fn
        .sum<string | number | null>(
          eb.case().when('contact.stage_rank', '>=', coveringStageRank).then(1).else(0).end(),
        )
        .as('coverage'),
    ])
    .where('category.practice_id', '=', practiceId)
    .groupBy([
      'category.practice_id',
      'category.id',
      'category.name',
      'category.name_key',
      'category.created_at',
      'category.most_wanted_rank',
      'category.target',
    ]);
  if (options.ids) {
    if (options.ids.length === 0) return [];
    q = q.where('category.id', 'in', [...options.ids]);
  }
  if (options.mostWantedOnly) q = q.where('category.most_wanted_rank', 'is not', null);
  const rows = await q
    .orderBy(options.mostWantedOnly ? 'category.most_wanted_rank' : 'category.name_key')
    .orderBy('category.id')
    .execute();
  // PostgreSQL answers counts as bigint text.
  return rows.map((r) => ({
    ...r,
    most_wanted_rank: r.most_wanted_rank === null ? null : Number(r.most_wanted_rank),
    target: r.target === null ? null : Number(r.target),
    contacts: Number(r.contacts),
    coverage: Number(r.coverage ?? 0),
  }));
}

export async function setCategoryTarget(
  db: Queryable,
  practiceId: string,
  categoryId: string,
  target: number | null,
): Promise<void> {
  await db
    .updateTable('category')
    .set({ target })
    .where('practice_id', '=', practiceId)
    .where('id', '=', categoryId)
    .execute();
}

/** Deletes a category; its contacts keep no category. Answers the number deleted. */
export async function deleteCategoryRow(
  db: Queryable,
  practiceId: string,
  categoryId: string,
): Promise<number> {
  await db
    .updateTable('contact')
    .set({ category_id: null })
    .where('practice_id', '=', practiceId)
    .where('category_id', '=', categoryId)
    .execute();
  const result = await db
    .deleteFrom('category')
    .where('practice_id', '=', practiceId)
    .where('id', '=', categoryId)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Takes every category of the practice off the most-wanted list. It updates all of them, not
 * only the ranked ones, so that two concurrent replacements of the list queue on the same row
 * locks (PostgreSQL) instead of interleaving into duplicate ranks.
 */
export async function clearMostWanted(db: Queryable, practiceId: string): Promise<void> {
  await db
    .updateTable('category')
    .set({ most_wanted_rank: null })
    .where('practice_id', '=', practiceId)
    .execute();
}

export async function setMostWantedRank(
  db: Queryable,
  practiceId: string,
  categoryId: string,
  rank: number,
): Promise<void> {
  await db
    .updateTable('category')
    .set({ most_wanted_rank: rank })
    .where('practice_id', '=', practiceId)
    .where('id', '=', categoryId)
    .execute();
}

/** The ids on the most-wanted list, by rank. */
export async function listMostWantedIds(db: Queryable, practiceId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('category')
    .select('id')
    .where('practice_id', '=', practiceId)
    .where('most_wanted_rank', 'is not', null)
    .orderBy('most_wanted_rank')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/** Every contact in a most-wanted category, in one query. */
export async function listMostWantedMembers(db: Queryable, practiceId: string) {
  return db
    .selectFrom('contact')
    .innerJoin('category', (j) =>
      j
        .onRef('category.practice_id', '=', 'contact.practice_id')
        .onRef('category.id', '=', 'contact.category_id'),
    )
    .select([
      'contact.id',
      'contact.name',
      'contact.name_key',
      'contact.stage',
      'contact.category_id',
    ])
    .where('contact.practice_id', '=', practiceId)
    .where('category.most_wanted_rank', 'is not', null)
    .execute();
}

import { inTransaction, type Tx } from '../platform/db.ts';
import type { Deps } from '../platform/deps.ts';
import { AppError, notFound } from '../platform/errors.ts';
import type { Actor } from '../platform/http.ts';
import { loadPracticeContext } from '../practices/practice.service.ts';
import {
  type CategoryCountRow,
  clearMostWanted,
  deleteCategoryRow,
  listCategoryRows,
  listMostWantedIds,
  listMostWantedMembers,
  setCategoryTarget,
  setMostWantedRank,
} from './category.repository.ts';
import {
  coverageGap,
  effectiveTarget,
  mostWantedListProblem,
  mostWantedMax,
  orderMembers,
} from './category.rules.ts';
import type { CategoryView, MostWanted, UpdateCategory } from './category.schemas.ts';
import { findGroupRows, renameGroupRow } from './group.repository.ts';
import { createGroup, duplicateName, groupName, groupNameKey } from './group.service.ts';

function toCategoryView(row: CategoryCountRow, defaultTarget: number): CategoryView {
  return {
    id: row.id,
    name: row.name,
    createdAt: row.created_at,
    mostWantedRank: row.most_wanted_rank,
    target: effectiveTarget(row.target, defaultTarget),
    coverage: row.coverage,
    contacts: row.contacts,
  };
}

async function loadCategoryViews(
  db: Deps['db'] | Tx,
  practiceId: string,
  options: { ids?: readonly string[]; mostWantedOnly?: boolean } = {},
): Promise<CategoryView[]> {
  const [{ settings }, rows] = await Promise.all([
    loadPracticeContext(db, practiceId),
    listCategoryRows(db, practiceId, options),
  ]);
  return rows.map((r) => toCategoryView(r, settings.mostWantedTarget));
}

async function loadCategoryView(db: Deps['db'] | Tx, practiceId: string, categoryId: string) {
  const [view] = await loadCategoryViews(db, practiceId, { ids: [categoryId] });
  if (!view) throw notFound('The category');
  return view;
}

export async function listCategories(deps: Deps, actor: Actor): Promise<CategoryView[]> {
  return loadCategoryViews(deps.db, actor.practiceId);
}

export async function createCategory(deps: Deps, actor: Actor, name: string) {
  const group = await createGroup(deps, 'category', actor.practiceId, name);
  return loadCategoryView(deps.db, actor.practiceId, group.id);
}

export async function updateCategory(
  deps: Deps,
  actor: Actor,
  categoryId: string,
  input: UpdateCategory,
): Promise<CategoryView> {
  return inTransaction(deps.db, async (trx) => {
    const [row] = await findGroupRows(trx, 'category', actor.practiceId, [categoryId]);
    if (!row) throw notFound('The category');
    if (input.name !== undefined)
      await renameGroupRow(
        trx,
        'category',
        actor.practiceId,
        categoryId,
        groupName(input.name),
        groupNameKey(input.name),
      );
    if (input.target !== undefined)
      await setCategoryTarget(trx, actor.practiceId, categoryId, input.target);
    return loadCategoryView(trx, actor.practiceId, categoryId);
  }).catch(duplicateName('category'));
}

/** Deletes a category: its contacts keep no category, and the most-wanted ranks close up. */
export async function deleteCategory(deps: Deps, actor: Actor, categoryId: string) {
  await inTransaction(deps.db, async (trx) => {
    const ranked = await listMostWantedIds(trx, actor.practiceId);
    const deleted = await deleteCategoryRow(trx, actor.practiceId, categoryId);
    if (deleted === 0) throw notFound('The category');
    if (ranked.includes(categoryId))
      await writeMostWanted(
        trx,
        actor.practiceId,
        ranked.filter((id) => id !== categoryId),
      );
  });
}

async function writeMostWanted(trx: Tx, practiceId: string, ids: readonly string[]) {
  await clearMostWanted(trx, practiceId);
  for (const [i, id] of ids.entries()) await setMostWantedRank(trx, practiceId, id, i + 1);
}

async function loadMostWanted(db: Deps['db'] | Tx, practiceId: string): Promise<MostWanted> {
  const [views, members] = await Promise.all([
    loadCategoryViews(db, practiceId, { mostWantedOnly: true }),
    listMostWantedMembers(db, practiceId),
  ]);
  const byCategory = new Map<string, typeof members>();
  for (const m of members) {
    if (!m.category_id) continue;
    byCategory.set(m.category_id, [...(byCategory.get(m.category_id) ?? []), m]);
  }
  return {
    max: mostWantedMax,
    items: views.map((category) => ({
      category,
      rank: category.mostWantedRank ?? 0,
      target: category.target,
      coverage: category.coverage,
      gap: coverageGap(category.target, category.coverage),
      members: orderMembers(
        (byCategory.get(category.id) ?? []).map((m) => ({
          id: m.id,
          name: m.name,
          nameKey: m.name_key,
          stage: m.stage,
        })),
      ).map(({ id, name, stage }) => ({ id, name, stage })),
    })),
  };
}

export async function getMostWanted(deps: Deps, actor: Actor): Promise<MostWanted> {
  return loadMostWanted(deps.db, actor.practiceId);
}

/** Replaces the most-wanted list: ranks 1..n in the given order, every other category leaves it. */
export async function replaceMostWanted(
  deps: Deps,
  actor: Actor,
  categoryIds: readonly string[],
): Promise<MostWanted> {
  const problem = mostWantedListProblem(categoryIds);
  if (problem)
    throw new AppError(problem.code, `${problem.error.field}: ${problem.error.message}`, [
      problem.error,
    ]);
  return inTransaction(deps.db, async (trx) => {
    const found = await findGroupRows(trx, 'category', actor.practiceId, categoryIds);
    if (found.length !== categoryIds.length)
      throw new AppError('not_found', 'categoryIds: a category is not in this practice.', [
        {
          field: 'categoryIds',
          message: 'One of these categories does not exist in this practice.',
        },
      ]);
    await writeMostWanted(trx, actor.practiceId, categoryIds);
    return loadMostWanted(trx, actor.practiceId);
  });
}

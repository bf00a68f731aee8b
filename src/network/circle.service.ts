import { toTimestamp } from '../platform/clock.ts';
import { inTransaction, type Tx } from '../platform/db.ts';
import type { Deps } from '../platform/deps.ts';
import { notFound } from '../platform/errors.ts';
import { refOf } from '../platform/fields.ts';
import type { Actor } from '../platform/http.ts';
import { newId } from '../platform/ids.ts';
import {
  type CircleCountRow,
  deleteCircleRow,
  insertCircleRow,
  listCircleMembers,
  listCircleRows,
  updateCircleRow,
} from './circle.repository.ts';
import type { CircleDetail, CircleView, CreateCircle, UpdateCircle } from './circle.schemas.ts';
import { duplicateName, groupName, groupNameKey } from './group.service.ts';

function toCircleView(row: CircleCountRow): CircleView {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    notes: row.notes,
    createdAt: row.created_at,
    members: row.members,
    referrals: row.referrals,
  };
}

async function loadCircleView(db: Deps['db'] | Tx, practiceId: string, circleId: string) {
  const [row] = await listCircleRows(db, practiceId, [circleId]);
  if (!row) throw notFound('The circle');
  return toCircleView(row);
}

export async function listCircles(deps: Deps, actor: Actor): Promise<CircleView[]> {
  return (await listCircleRows(deps.db, actor.practiceId)).map(toCircleView);
}

export async function createCircle(
  deps: Deps,
  actor: Actor,
  input: CreateCircle,
): Promise<CircleView> {
  const id = newId();
  await insertCircleRow(deps.db, {
    practice_id: actor.practiceId,
    id,
    name: groupName(input.name),
    name_key: groupNameKey(input.name),
    kind: input.kind ?? null,
    notes: input.notes ?? null,
    created_at: toTimestamp(deps.clock.now()),
  }).catch(duplicateName('circle'));
  return loadCircleView(deps.db, actor.practiceId, id);
}

/** A circle with its members and the most-wanted categories it reaches (PRODUCT.md §2). */
export async function getCircle(deps: Deps, actor: Actor, circleId: string): Promise<CircleDetail> {
  return inTransaction(deps.db, async (trx) => {
    const view = await loadCircleView(trx, actor.practiceId, circleId);
    const members = await listCircleMembers(trx, actor.practiceId, circleId);
    const reach = new Map<
      string,
      { categoryId: string; name: string; rank: number; members: number }
    >();
    for (const m of members) {
      if (!m.category_id || !m.category_name || m.most_wanted_rank === null) continue;
      const entry = reach.get(m.category_id) ?? {
        categoryId: m.category_id,
        name: m.category_name,
        rank: Number(m.most_wanted_rank),
        members: 0,
      };
      entry.members += 1;
      reach.set(m.category_id, entry);
    }
    return {
      ...view,
      memberList: members.map((m) => ({
        id: m.id,
        name: m.name,
        stage: m.stage,
        category: refOf(m.category_id, m.category_name),
      })),
      mostWantedReach: [...reach.values()].sort((a, b) => a.rank - b.rank),
    };
  });
}

export async function updateCircle(
  deps: Deps,
  actor: Actor,
  circleId: string,
  input: UpdateCircle,
): Promise<CircleView> {
  return inTransaction(deps.db, async (trx) => {
    await loadCircleView(trx, actor.practiceId, circleId);
    await updateCircleRow(trx, actor.practiceId, circleId, {
      ...(input.name !== undefined && {
        name: groupName(input.name),
        name_key: groupNameKey(input.name),
      }),
      ...(input.kind !== undefined && { kind: input.kind }),
      ...(input.notes !== undefined && { notes: input.notes }),
    });
    return loadCircleView(trx, actor.practiceId, circleId);
  }).catch(duplicateName('circle'));
}

export async function deleteCircle(deps: Deps, actor: Actor, circleId: string): Promise<void> {
  await inTransaction(deps.db, async (trx) => {
    const deleted = await deleteCircleRow(trx, actor.practiceId, circleId);
    if (deleted === 0) throw notFound('The circle');
  });
}

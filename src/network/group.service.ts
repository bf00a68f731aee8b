import type { Deps } from '../platform/deps.ts';
import { constraintKind, fieldError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { type GroupRow, insertGroupRow, listGroupRows } from './group.repository.ts';
import type { Group, GroupKind } from './group.schemas.ts';

export function toGroup(row: GroupRow): Group {
  return { id: row.id, name: row.name, createdAt: row.created_at };
}

/** Names are unique per practice regardless of case and spacing. */
export function groupNameKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

export async function listGroups(
  deps: Deps,
  kind: GroupKind,
  practiceId: string,
): Promise<Group[]> {
  return (await listGroupRows(deps.db, kind, practiceId)).map(toGroup);
}

export async function createGroup(
  deps: Deps,
  kind: GroupKind,
  practiceId: string,
  name: string,
): Promise<Group> {
  const row: GroupRow = {
    practice_id: practiceId,
    id: newId(),
    name: name.trim().replace(/\s+/g, ' '),
    name_key: groupNameKey(name),
    created_at: deps.clock.now().toISOString(),
  };
  try {
    await insertGroupRow(deps.db, kind, row);
  } catch (error) {
    if (constraintKind(error) === 'unique')
      throw fieldError(
        'name',
        `A ${kind} with this name already exists; pick it instead.`,
        'conflict',
      );
    throw error;
  }
  return toGroup(row);
}

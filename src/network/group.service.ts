import { toTimestamp } from '../platform/clock.ts';
import type { Deps } from '../platform/deps.ts';
import { constraintKind, fieldError } from '../platform/errors.ts';
import { newId } from '../platform/ids.ts';
import { type GroupRow, insertGroupRow } from './group.repository.ts';
import type { Group, GroupKind } from './group.schemas.ts';

export function toGroup(row: GroupRow): Group {
  return { id: row.id, name: row.name, createdAt: row.created_at };
}

/** Display form of a name: trimmed, inner runs of space collapsed. */
export function groupName(name: string): string {
  return name.trim().replace(/\s+/g, ' ');
}

/** Names are unique per practice regardless of case and spacing. */
export function groupNameKey(name: string): string {
  return groupName(name).toLowerCase();
}

/** A unique-name violation becomes 409 on `name`; anything else is rethrown. */
export function duplicateName(kind: GroupKind) {
  return (error: unknown): never => {
    if (constraintKind(error) === 'unique')
      throw fieldError(
        'name',
        `A ${kind} with this name already exists; pick it instead.`,
        'conflict',
      );
    throw error;
  };
}

/** Adds a category or circle by name (also used by the demo). */
export async function createGroup(
  deps: Pick<Deps, 'db' | 'clock'>,
  kind: GroupKind,
  practiceId: string,
  name: string,
): Promise<Group> {
  const row: GroupRow = {
    practice_id: practiceId,
    id: newId(),
    name: groupName(name),
    name_key: groupNameKey(name),
    created_at: toTimestamp(deps.clock.now()),
  };
  await insertGroupRow(deps.db, kind, row).catch(duplicateName(kind));
  return toGroup(row);
}

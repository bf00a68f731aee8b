import type { Clock } from './clock.ts';
import type { Queryable } from './db.ts';
import { newId } from './ids.ts';

export type AuditEntry = {
  practiceId: string;
  userId: string | null;
  action: string;
  subjectType?: string;
  subjectId?: string;
  detail?: unknown;
};

/** Records a sensitive action (PRODUCT.md §8) in the same transaction as the action itself. */
export async function recordAudit(db: Queryable, clock: Clock, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      practice_id: entry.practiceId,
      id: newId(),
      user_id: entry.userId,
      action: entry.action,
      subject_type: entry.subjectType ?? null,
      subject_id: entry.subjectId ?? null,
      detail: entry.detail === undefined ? null : JSON.stringify(entry.detail),
      created_at: clock.now().toISOString(),
    })
    .execute();
}

/**
 * Erasure (PRODUCT.md §8): audit rows are never deleted. Those about an erased row (`subjectIds`)
 * or whose detail mentions the erased person keep their action and lose their detail.
 */
export async function forgetAuditDetails(
  db: Queryable,
  practiceId: string,
  personId: string,
  subjectIds: readonly string[],
): Promise<void> {
  await db
    .updateTable('audit_log')
    .set({ detail: null })
    .where('practice_id', '=', practiceId)
    .where('detail', 'is not', null)
    .where((eb) =>
      eb.or([
        eb('subject_id', 'in', [personId, ...subjectIds]),
        eb('detail', 'like', `%${personId}%`),
      ]),
    )
    .execute();
}

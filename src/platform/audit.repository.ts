/** The audit chain's tables (platform/audit.ts builds the links, audit/ reads them back). */
import type { Insertable } from 'kysely';
import type { Queryable, Tx } from './db.ts';
import type { AuditLogTable } from './schema.ts';

/**
 * Takes the practice's next place in its chain: the upsert on the head row locks it
 * (PostgreSQL) until commit, so two writers never read the same head.
 */
export async function takeNextPlace(trx: Tx, practiceId: string) {
  return trx
    .insertInto('audit_head')
    .values({ practice_id: practiceId, seq: 1, hash: null })
    .onConflict((oc) =>
      oc.column('practice_id').doUpdateSet((eb) => ({ seq: eb('audit_head.seq', '+', 1) })),
    )
    .returning(['seq', 'hash'])
    .executeTakeFirstOrThrow();
}

export async function insertLink(trx: Tx, row: Insertable<AuditLogTable>): Promise<void> {
  await trx.insertInto('audit_log').values(row).execute();
}

export async function setHeadHash(trx: Tx, practiceId: string, hash: string): Promise<void> {
  await trx.updateTable('audit_head').set({ hash }).where('practice_id', '=', practiceId).execute();
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

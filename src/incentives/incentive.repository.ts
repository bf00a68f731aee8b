import type { Selectable } from 'kysely';
import type { Queryable } from '../platform/db.ts';
import type { IncentiveStatus } from './incentive.rules.ts';
import type { IncentiveTable } from './incentive.tables.ts';

export type IncentiveRow = Selectable<IncentiveTable>;

export async function insertIncentiveRow(db: Queryable, row: IncentiveRow): Promise<void> {
  await db.insertInto('incentive').values(row).execute();
}

export async function findIncentiveRow(db: Queryable, practiceId: string, id: string) {
  return db
    .selectFrom('incentive')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export type IncentiveFilter = {
  status?: IncentiveStatus | undefined;
  referralId?: string | undefined;
  commitmentId?: string | undefined;
  contactId?: string | undefined;
};

export async function listIncentiveRows(
  db: Queryable,
  practiceId: string,
  filter: IncentiveFilter,
) {
  let q = db.selectFrom('incentive').selectAll().where('practice_id', '=', practiceId);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.referralId) q = q.where('referral_id', '=', filter.referralId);
  if (filter.commitmentId) q = q.where('commitment_id', '=', filter.commitmentId);
  if (filter.contactId) q = q.where('recipient_contact_id', '=', filter.contactId);
  return q.orderBy('promised_at', 'desc').orderBy('id', 'desc').execute();
}

export async function updateIncentiveRow(
  db: Queryable,
  practiceId: string,
  id: string,
  changes: Partial<
    Pick<IncentiveRow, 'disclosed_at' | 'disclosure_method' | 'disclosure_note' | 'updated_at'>
  >,
) {
  await db
    .updateTable('incentive')
    .set(changes)
    .where('practice_id', '=', practiceId)
    .where('id', '=', id)
    .execute();
}

/**
 * Marks delivered only if still promised: of two concurrent calls exactly one changes the
 * row (the other's UPDATE matches nothing). Returns whether this call delivered it.
 */
export async function markDelivered(
  db: Queryable,
  practiceId: string,
  id: string,
  at: string,
  now: string,
): Promise<boolean> {
  const res = await db
    .updateTable('incentive')
    .set({ status: 'delivered', delivered_at: at, updated_at: now })
    .where('practice_id', '=', practiceId)
    .where('id', '=', id)
    .where('status', '=', 'promised')
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function findReferralFacts(db: Queryable, practiceId: string, id: string) {
  return db
    .selectFrom('referral')
    .select(['id', 'referrer_id', 'referred_id', 'received_at'])
    .where('practice_id', '=', practiceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function findCommitmentFacts(db: Queryable, practiceId: string, id: string) {
  return db
    .selectFrom('commitment')
    .select(['id', 'contact_id'])
    .where('practice_id', '=', practiceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function findContactNames(db: Queryable, practiceId: string, ids: string[]) {
  if (ids.length === 0) return [];
  return db
    .selectFrom('contact')
    .select(['id', 'name'])
    .where('practice_id', '=', practiceId)
    .where('id', 'in', ids)
    .execute();
}

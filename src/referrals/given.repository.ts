import type { Selectable } from 'kysely';
import type { Queryable } from '../platform/db.ts';
import type { GivenOutcome } from './given.rules.ts';
import type { ReferralGivenTable } from './given.tables.ts';

export type GivenRow = Selectable<ReferralGivenTable>;

export type GivenFilter = {
  partnerId?: string | undefined;
  personId?: string | undefined;
  outcome?: GivenOutcome | undefined;
  from?: string | null;
  toExclusive?: string | null;
  toInclusive?: string | null;
};

export async function insertGivenRow(db: Queryable, row: GivenRow): Promise<void> {
  await db.insertInto('referral_given').values(row).execute();
}

export async function findGivenRow(db: Queryable, practiceId: string, id: string) {
  return db
    .selectFrom('referral_given')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function updateGivenRow(
  db: Queryable,
  practiceId: string,
  id: string,
  changes: Partial<Omit<GivenRow, 'practice_id' | 'id' | 'created_at'>>,
): Promise<void> {
  await db
    .updateTable('referral_given')
    .set(changes)
    .where('practice_id', '=', practiceId)
    .where('id', '=', id)
    .execute();
}

export async function deleteGivenRow(db: Queryable, practiceId: string, id: string) {
  const result = await db
    .deleteFrom('referral_given')
    .where('practice_id', '=', practiceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** One page, newest first (given time, then id), after the cursor. */
export async function listGivenRows(
  db: Queryable,
  practiceId: string,
  f: GivenFilter,
  limit: number,
  after: { givenAt: string; id: string } | null,
): Promise<GivenRow[]> {
  let q = db.selectFrom('referral_given').selectAll().where('practice_id', '=', practiceId);
  if (f.partnerId) q = q.where('partner_id', '=', f.partnerId);
  if (f.personId) q = q.where('person_id', '=', f.personId);
  if (f.outcome) q = q.where('outcome', '=', f.outcome);
  if (f.from) q = q.where('given_at', '>=', f.from);
  if (f.toExclusive) q = q.where('given_at', '<', f.toExclusive);
  if (f.toInclusive) q = q.where('given_at', '<=', f.toInclusive);
  if (after)
    q = q.where((eb) =>
      eb.or([
        eb('given_at', '<', after.givenAt),
        eb.and([eb('given_at', '=', after.givenAt), eb('id', '<', after.id)]),
      ]),
    );
  return q.orderBy('given_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
}

/** Referrals given to or about this person: erasure removes them (cascade) and what names them. */
export async function listGivenIdsAbout(
  db: Queryable,
  practiceId: string,
  contactId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('referral_given')
    .select('id')
    .where('practice_id', '=', practiceId)
    .where((eb) => eb.or([eb('person_id', '=', contactId), eb('partner_id', '=', contactId)]))
    .execute();
  return rows.map((r) => r.id);
}

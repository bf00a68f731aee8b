import type { Insertable, Selectable } from 'kysely';
import { isPostgres, type Queryable } from '../platform/db.ts';
import type { IntakeSubmissionTable, ReferralLinkTable } from './referral-link.tables.ts';

export type ReferralLinkRow = Selectable<ReferralLinkTable>;

/** Inserts a link unless the contact (or the practice) has a live one; true when inserted. */
export async function insertLinkRow(
  db: Queryable,
  row: Insertable<ReferralLinkTable>,
): Promise<boolean> {
  const made = await db
    .insertInto('referral_link')
    .values(row)
    .onConflict((oc) => oc.doNothing())
    .returning('id')
    .executeTakeFirst();
  return made !== undefined;
}

/** The live link of a contact, or the practice-wide one (`contactId` null). */
export async function findLiveLinkOf(db: Queryable, practiceId: string, contactId: string | null) {
  return db
    .selectFrom('referral_link')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .where('contact_id', contactId === null ? 'is' : '=', contactId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function findLiveLinkRow(db: Queryable, practiceId: string, id: string) {
  return db
    .selectFrom('referral_link')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

/**
 * The live link of a public code, whatever its practice. In a transaction on PostgreSQL it is
 * held (`for no key update`): the submissions of one link go one at a time, so its cap holds,
 * and a revocation waits for a submission under way (or the submission sees it revoked).
 */
export async function findLiveLinkByCode(db: Queryable, code: string) {
  let query = db
    .selectFrom('referral_link')
    .selectAll()
    .where('code', '=', code)
    .where('revoked_at', 'is', null);
  if (db.isTransaction && isPostgres(db)) query = query.forNoKeyUpdate();
  return query.executeTakeFirst();
}

/** Counts one open of a live link's page; false when the code is unknown or revoked. */
export async function countVisit(db: Queryable, code: string): Promise<boolean> {
  const result = await db
    .updateTable('referral_link')
    .set((eb) => ({ visits: eb('visits', '+', 1) }))
    .where('code', '=', code)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Live links, newest first, with their contact's name. */
export async function listLiveLinkRows(db: Queryable, practiceId: string) {
  return db
    .selectFrom('referral_link as l')
    .leftJoin('contact as c', (j) =>
      j.onRef('c.practice_id', '=', 'l.practice_id').onRef('c.id', '=', 'l.contact_id'),
    )
    .selectAll('l')
    .select('c.name as contact_name')
    .where('l.practice_id', '=', practiceId)
    .where('l.revoked_at', 'is', null)
    .orderBy('l.created_at', 'desc')
    .orderBy('l.id', 'desc')
    .execute();
}

/** Revokes a live link; the number of rows changed (0: already revoked, or none such). */
export async function revokeLinkRow(
  db: Queryable,
  practiceId: string,
  id: string,
  at: string,
): Promise<number> {
  const result = await db
    .updateTable('referral_link')
    .set({ revoked_at: at })
    .where('practice_id', '=', practiceId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export type LinkCounts = { submissions: number; referrals: number; clients: number };

/** Submissions, referrals and clients per link: two grouped queries for any number of links. */
export async function countLinkOutcomes(
  db: Queryable,
  practiceId: string,
  linkIds: readonly string[],
): Promise<Map<string, LinkCounts>> {
  const counts = new Map<string, LinkCounts>(
    linkIds.map((id) => [id, { submissions: 0, referrals: 0, clients: 0 }]),
  );
  if (linkIds.length === 0) return counts;
  const [submissions, referrals] = await Promise.all([
    db
      .selectFrom('intake_submission')
      .select((eb) => ['link_id', eb.fn.countAll<number | string>().as('n')])
      .where('practice_id', '=', practiceId)
      .where('link_id', 'in', [...linkIds])
      .groupBy('link_id')
      .execute(),
    db
      .selectFrom('referral')
      .select((eb) => [
        'intake_link_id',
        eb.fn.countAll<number | string>().as('n'),
        eb.fn.count<number | string>('client_at').as('clients'),
      ])
      .where('practice_id', '=', practiceId)
      .where('intake_link_id', 'in', [...linkIds])
      .groupBy('intake_link_id')
      .execute(),
  ]);
  for (const s of submissions) {
    const c = counts.get(s.link_id);
    if (c) c.submissions = Number(s.n);
  }
  for (const r of referrals) {
    const c = r.intake_link_id ? counts.get(r.intake_link_id) : undefined;
    if (c) {
      c.referrals = Number(r.n);
      c.clients = Number(r.clients);
    }
  }
  return counts;
}

/** A link's submissions since `since`: how many, and the first of them (for Retry-After). */
export async function countSubmissionsSince(
  db: Queryable,
  practiceId: string,
  linkId: string,
  since: string,
): Promise<{ count: number; first: string | null }> {
  const row = await db
    .selectFrom('intake_submission')
    .select((eb) => [
      eb.fn.countAll<number | string>().as('n'),
      eb.fn.min('submitted_at').as('first'),
    ])
    .where('practice_id', '=', practiceId)
    .where('link_id', '=', linkId)
    .where('submitted_at', '>=', since)
    .executeTakeFirstOrThrow();
  return { count: Number(row.n), first: row.first ?? null };
}

export async function insertSubmissionRow(
  db: Queryable,
  row: Selectable<IntakeSubmissionTable>,
): Promise<void> {
  await db.insertInto('intake_submission').values(row).execute();
}

/**
 * The referral a person's earlier submission through this link made, still waiting for the
 * first reply: a second submission (a double click, a second try) joins it.
 */
export async function findWaitingIntakeReferral(
  db: Queryable,
  practiceId: string,
  linkId: string,
  referredId: string,
  since: string,
) {
  return db
    .selectFrom('referral')
    .select(['id'])
    .where('practice_id', '=', practiceId)
    .where('intake_link_id', '=', linkId)
    .where('referred_id', '=', referredId)
    .where('status', '=', 'new')
    .where('received_at', '>=', since)
    .orderBy('received_at', 'desc')
    .executeTakeFirst();
}

import type { Selectable } from 'kysely';
import { isPostgres, type Queryable } from '../platform/db.ts';
import type { CommitmentStatus } from './commitment.rules.ts';
import type { CommitmentTable } from './commitment.tables.ts';

export type CommitmentRow = Selectable<CommitmentTable>;
export type CommitmentView = CommitmentRow & {
  contact_name: string;
  credited: number;
  last_credit_at: string | null;
};

/**
 * Counts one reminder sent for a commitment (by hand or by the reminder letter), in the
 * caller's transaction. Only open commitments count reminders; the last reminder time never
 * moves backwards.
 */
export async function markReminderSent(
  db: Queryable,
  practiceId: string,
  commitmentId: string,
  at: string,
): Promise<void> {
  await db
    .updateTable('commitment')
    .set((eb) => ({
      reminders_sent: eb('reminders_sent', '+', 1),
      last_reminder_at: eb
        .case()
        .when(eb.or([eb('last_reminder_at', 'is', null), eb('last_reminder_at', '<', at)]))
        .then(at)
        .else(eb.ref('last_reminder_at'))
        .end(),
      updated_at: at,
    }))
    .where('practice_id', '=', practiceId)
    .where('id', '=', commitmentId)
    .where('status', '=', 'open')
    .execute();
}

/** What recording a reminder or a release changes: what an undo puts back. */
export type CommitmentUndoState = Pick<
  CommitmentRow,
  'status' | 'released_at' | 'note' | 'reminders_sent' | 'last_reminder_at' | 'updated_at'
>;

export async function readCommitmentUndoState(
  db: Queryable,
  practiceId: string,
  id: string,
): Promise<CommitmentUndoState | undefined> {
  return db
    .selectFrom('commitment')
    .select(['status', 'released_at', 'note', 'reminders_sent', 'last_reminder_at', 'updated_at'])
    .where('practice_id', '=', practiceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

/** Whether a commitment was made in answer to this ask (the link an ask's undo would break). */
export async function isAskOfACommitment(
  db: Queryable,
  practiceId: string,
  ask: { id: string; contactId: string },
) {
  const row = await db
    .selectFrom('commitment')
    .select('id')
    .where('practice_id', '=', practiceId)
    .where('contact_id', '=', ask.contactId)
    .where('ask_id', '=', ask.id)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function insertCommitmentRow(db: Queryable, row: CommitmentRow): Promise<void> {
  await db.insertInto('commitment').values(row).execute();
}

export async function updateCommitmentRow(
  db: Queryable,
  practiceId: string,
  id: string,
  changes: Partial<Omit<CommitmentRow, 'practice_id' | 'id' | 'contact_id' | 'created_at'>>,
): Promise<void> {
  await db
    .updateTable('commitment')
    .set(changes)
    .where('practice_id', '=', practiceId)
    .where('id', '=', id)
    .execute();
}

export type CommitmentFilter = {
  status?: CommitmentStatus | undefined;
  contactId?: string | undefined;
};

/** Commitments with their contact's name, credited count and last credit, in one query. */
export async function listCommitmentViews(
  db: Queryable,
  practiceId: string,
  filter: CommitmentFilter & { id?: string },
): Promise<CommitmentView[]> {
  let q = db
    .selectFrom('commitment as cm')
    .innerJoin('contact as c', (j) =>
      j.onRef('c.practice_id', '=', 'cm.practice_id').onRef('c.id', '=', 'cm.contact_id'),
    )
    .selectAll('cm')
    .select('c.name as contact_name')
    .select((eb) => [
      eb
        .selectFrom('commitment_credit as cc')
        .whereRef('cc.practice_id', '=', 'cm.practice_id')
        .whereRef('cc.commitment_id', '=', 'cm.id')
        .select((e) => e.fn.countAll<number | string>().as('n'))
        .as('credited'),
      eb
        .selectFrom('commitment_credit as cc')
        .whereRef('cc.practice_id', '=', 'cm.practice_id')
        .whereRef('cc.commitment_id', '=', 'cm.id')
        .select((e) => e.fn.max('cc.credited_at').as('m'))
        .as('last_credit_at'),
    ])
    .where('cm.practice_id', '=', practiceId);
  if (filter.id) q = q.where('cm.id', '=', filter.id);
  if (filter.status) q = q.where('cm.status', '=', filter.status);
  if (filter.contactId) q = q.where('cm.contact_id', '=', filter.contactId);
  const rows = await q.orderBy('cm.made_at', 'desc').orderBy('cm.id', 'desc').execute();
  return rows.map((r) => ({
    ...r,
    credited: Number(r.credited ?? 0),
    last_credit_at: (r.last_credit_at as string | null) ?? null,
  }));
}

export async function findCommitmentView(db: Queryable, practiceId: string, id: string) {
  const [row] = await listCommitmentViews(db, practiceId, { id });
  return row;
}

/** Takes one commitment's row lock (PostgreSQL): concurrent changes to it run in turn. */
export async function lockCommitmentRow(db: Queryable, practiceId: string, id: string) {
  if (!isPostgres(db)) return;
  await db
    .selectFrom('commitment')
    .select('id')
    .where('practice_id', '=', practiceId)
    .where('id', '=', id)
    .forNoKeyUpdate()
    .execute();
}

/**
 * Takes the referrer's contact row lock (PostgreSQL) for the rest of the transaction: every
 * write that credits or adds that person's commitments queues behind it, so on PostgreSQL two
 * of them cannot both see the same referral as uncredited (SQLite serialises writes anyway).
 */
export async function lockCommitmentsOf(db: Queryable, practiceId: string, contactId: string) {
  if (!isPostgres(db)) return;
  await db
    .selectFrom('contact')
    .select('id')
    .where('practice_id', '=', practiceId)
    .where('id', '=', contactId)
    .forNoKeyUpdate()
    .execute();
}

/**
 * Takes the row locks of the contact's open commitments (PostgreSQL), so that two
 * referrals from the same person credited at once cannot both take the last place.
 */
export async function lockOpenCommitments(db: Queryable, practiceId: string, contactId: string) {
  if (!isPostgres(db)) return;
  await db
    .selectFrom('commitment')
    .select('id')
    .where('practice_id', '=', practiceId)
    .where('contact_id', '=', contactId)
    .where('status', '=', 'open')
    .forNoKeyUpdate()
    .execute();
}

export async function findCreditOf(db: Queryable, practiceId: string, referralId: string) {
  return db
    .selectFrom('commitment_credit')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .where('referral_id', '=', referralId)
    .executeTakeFirst();
}

export async function insertCreditRow(
  db: Queryable,
  row: { practice_id: string; referral_id: string; commitment_id: string; credited_at: string },
) {
  await db.insertInto('commitment_credit').values(row).execute();
}

export async function deleteCreditRow(db: Queryable, practiceId: string, referralId: string) {
  await db
    .deleteFrom('commitment_credit')
    .where('practice_id', '=', practiceId)
    .where('referral_id', '=', referralId)
    .execute();
}

/** The referrals credited to a commitment, with the referred person's name, oldest first. */
export async function listCreditsOf(db: Queryable, practiceId: string, commitmentId: string) {
  return (
    db
      .selectFrom('commitment_credit as cc')
      .innerJoin('referral as r', (j) =>
        j.onRef('r.practice_id', '=', 'cc.practice_id').onRef('r.id', '=', 'cc.referral_id'),
      )
      // left: a referral whose referred person was erased still counts, without a name
      .leftJoin('contact as p', (j) =>
        j.onRef('p.practice_id', '=', 'r.practice_id').onRef('p.id', '=', 'r.referred_id'),
      )
      .select(['cc.referral_id', 'p.name as referred_name', 'r.received_at'])
      .where('cc.practice_id', '=', practiceId)
      .where('cc.commitment_id', '=', commitmentId)
      .orderBy('r.received_at')
      .orderBy('r.id')
      .execute()
  );
}

/** A contact's referrals received after `after` that credit no commitment yet, oldest first. */
export async function listUncreditedReferrals(
  db: Queryable,
  practiceId: string,
  referrerId: string,
  after: string,
) {
  return db
    .selectFrom('referral as r')
    .select(['r.id', 'r.received_at'])
    .where('r.practice_id', '=', practiceId)
    .where('r.referrer_id', '=', referrerId)
    .where('r.received_at', '>', after)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('commitment_credit as cc')
            .select('cc.referral_id')
            .whereRef('cc.practice_id', '=', 'r.practice_id')
            .whereRef('cc.referral_id', '=', 'r.id'),
        ),
      ),
    )
    .orderBy('r.received_at')
    .orderBy('r.id')
    .execute();
}

/** This person's commitments: erasure removes them (cascade) and what names them. */
export async function listCommitmentIdsOf(
  db: Queryable,
  practiceId: string,
  contactId: string,
): Promise<string[]> {
  const rows = await db
    .selectFrom('commitment')
    .select('id')
    .where('practice_id', '=', practiceId)
    .where('contact_id', '=', contactId)
    .execute();
  return rows.map((r) => r.id);
}

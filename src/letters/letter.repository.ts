import type { Selectable } from 'kysely';
import type { Queryable } from '../platform/db.ts';
import type { LetterTemplateTable } from './letter.tables.ts';

export type LetterTemplateRow = Selectable<LetterTemplateTable>;

export async function listTemplateRows(db: Queryable, practiceId: string) {
  return db
    .selectFrom('letter_template')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .execute();
}

export async function findTemplateRow(db: Queryable, practiceId: string, key: string) {
  return db
    .selectFrom('letter_template')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .where('key', '=', key)
    .executeTakeFirst();
}

/** Insert or replace the practice's edited copy of a template. */
export async function upsertTemplateRow(db: Queryable, row: LetterTemplateRow): Promise<void> {
  const { practice_id: _p, key: _k, ...rest } = row;
  await db
    .insertInto('letter_template')
    .values(row)
    .onConflict((oc) => oc.columns(['practice_id', 'key']).doUpdateSet(rest))
    .execute();
}

export async function deleteTemplateRow(db: Queryable, practiceId: string, key: string) {
  await db
    .deleteFrom('letter_template')
    .where('practice_id', '=', practiceId)
    .where('key', '=', key)
    .execute();
}

/** Notes written on a referral's events: never shown to a referrer. */
export async function listReferralNotes(db: Queryable, practiceId: string, referralId: string) {
  const rows = await db
    .selectFrom('referral_event')
    .select('note')
    .where('practice_id', '=', practiceId)
    .where('referral_id', '=', referralId)
    .where('note', 'is not', null)
    .execute();
  return rows.flatMap((r) => (r.note ? [r.note] : []));
}

const count = (n: string | number | bigint | null | undefined) => Number(n ?? 0);

/** The numbers of the weekly digest, in five small queries. */
export async function digestCounts(db: Queryable, practiceId: string, weekStart: string) {
  const [received, clients, awaiting, owed, open] = await Promise.all([
    db
      .selectFrom('referral')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('practice_id', '=', practiceId)
      .where('received_at', '>=', weekStart)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('referral')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('practice_id', '=', practiceId)
      .where('client_at', '>=', weekStart)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('referral')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('practice_id', '=', practiceId)
      .where('status', '=', 'new')
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('referral')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('practice_id', '=', practiceId)
      .where('referrer_id', 'is not', null)
      .where('thanked_at', 'is', null)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom('commitment')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .where('practice_id', '=', practiceId)
      .where('status', '=', 'open')
      .executeTakeFirstOrThrow(),
  ]);
  return {
    referralsThisWeek: count(received.n),
    newClientsThisWeek: count(clients.n),
    awaitingFirstContact: count(awaiting.n),
    thanksOwed: count(owed.n),
    openCommitments: count(open.n),
  };
}

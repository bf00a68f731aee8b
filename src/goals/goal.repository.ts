import { type Selectable, sql } from 'kysely';
import type { Queryable } from '../platform/db.ts';
import { isSet, toFlag } from '../platform/flags.ts';
import type { GoalTable } from './goal.tables.ts';

type GoalColumns = Selectable<GoalTable>;

/** A year's goal as the app reads and writes it: `email_team` as a boolean. */
export type GoalRow = Omit<GoalColumns, 'email_team'> & { email_team: boolean };

/** The one place a stored goal becomes a `GoalRow`. */
const toGoalRow = (r: GoalColumns): GoalRow => ({ ...r, email_team: isSet(r.email_team) });

export async function findGoalRow(db: Queryable, practiceId: string, year: number) {
  const row = await db
    .selectFrom('goal')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .where('year', '=', year)
    .executeTakeFirst();
  return row && toGoalRow(row);
}

export async function upsertGoalRow(db: Queryable, goal: GoalRow): Promise<void> {
  const row: GoalColumns = { ...goal, email_team: toFlag(goal.email_team) };
  const { practice_id: _p, year: _y, ...rest } = row;
  await db
    .insertInto('goal')
    .values(row)
    .onConflict((oc) => oc.columns(['practice_id', 'year']).doUpdateSet(rest))
    .execute();
}

export type GoalWindows = {
  yearStart: string;
  yearEnd: string;
  monthStart: string;
  monthEnd: string;
  trailingStart: string;
  now: string;
};

export type GoalCountsRow = {
  clients_year: number | string;
  clients_month: number | string;
  referrals_month: number | string;
  clients_trailing: number | string;
  closed_trailing: number | string;
};

/**
 * The counts behind goal progress, in one statement of index-range counts: clients by
 * client_at, referrals by received_at, closed ones by closed_at.
 */
export async function goalCounts(
  db: Queryable,
  practiceId: string,
  w: GoalWindows,
): Promise<GoalCountsRow> {
  const clients = (from: string, to: string) =>
    sql`(select count(*) from referral where practice_id = ${practiceId}
          and client_at >= ${from} and client_at < ${to})`;
  const result = await sql<GoalCountsRow>`
    select ${clients(w.yearStart, w.yearEnd)} as clients_year,
           ${clients(w.monthStart, w.monthEnd)} as clients_month,
           (select count(*) from referral where practice_id = ${practiceId}
             and received_at >= ${w.monthStart} and received_at < ${w.monthEnd}) as referrals_month,
           ${clients(w.trailingStart, w.now)} as clients_trailing,
           (select count(*) from referral where practice_id = ${practiceId}
             and closed_at >= ${w.trailingStart} and closed_at < ${w.now}
             and status in ('not_a_fit', 'declined', 'no_response')) as closed_trailing
  `.execute(db);
  const row = result.rows[0];
  if (!row) throw new Error('goal counts returned no row');
  return row;
}

/** The time the n-th client of the window was won: when a threshold was reached. */
export async function nthClientAt(
  db: Queryable,
  practiceId: string,
  from: string,
  to: string,
  n: number,
): Promise<string | null> {
  const row = await db
    .selectFrom('referral')
    .select('client_at')
    .where('practice_id', '=', practiceId)
    .where('client_at', '>=', from)
    .where('client_at', '<', to)
    .orderBy('client_at')
    .offset(n - 1)
    .limit(1)
    .executeTakeFirst();
  return row?.client_at ?? null;
}

export type CelebrationRow = { threshold: number; reached_at: string; seen_at: string | null };

export async function listCelebrationRows(
  db: Queryable,
  practiceId: string,
  year: number,
  userId: string,
): Promise<CelebrationRow[]> {
  return db
    .selectFrom('celebration as c')
    .leftJoin('celebration_seen as s', (j) =>
      j
        .onRef('s.practice_id', '=', 'c.practice_id')
        .onRef('s.year', '=', 'c.year')
        .onRef('s.threshold', '=', 'c.threshold')
        .on('s.user_id', '=', userId),
    )
    .select(['c.threshold', 'c.reached_at', 's.seen_at'])
    .where('c.practice_id', '=', practiceId)
    .where('c.year', '=', year)
    .orderBy('c.threshold')
    .execute();
}

/** Records a celebration once: the primary key makes a concurrent second insert a no-op. */
export async function insertCelebrationOnce(
  db: Queryable,
  practiceId: string,
  year: number,
  threshold: number,
  reachedAt: string,
): Promise<boolean> {
  const result = await db
    .insertInto('celebration')
    .values({ practice_id: practiceId, year, threshold, reached_at: reachedAt })
    .onConflict((oc) => oc.columns(['practice_id', 'year', 'threshold']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export async function hasCelebration(
  db: Queryable,
  practiceId: string,
  year: number,
  threshold: number,
): Promise<boolean> {
  const row = await db
    .selectFrom('celebration')
    .select('threshold')
    .where('practice_id', '=', practiceId)
    .where('year', '=', year)
    .where('threshold', '=', threshold)
    .executeTakeFirst();
  return row !== undefined;
}

export async function markCelebrationSeen(
  db: Queryable,
  row: { practiceId: string; year: number; threshold: number; userId: string; at: string },
): Promise<void> {
  await db
    .insertInto('celebration_seen')
    .values({
      practice_id: row.practiceId,
      year: row.year,
      threshold: row.threshold,
      user_id: row.userId,
      seen_at: row.at,
    })
    .onConflict((oc) => oc.columns(['practice_id', 'year', 'threshold', 'user_id']).doNothing())
    .execute();
}

export async function listMemberAddresses(db: Queryable, practiceId: string) {
  return db
    .selectFrom('practice_member as m')
    .innerJoin('auth_user as u', 'u.id', 'm.user_id')
    .select(['u.id', 'u.name', 'u.email'])
    .where('m.practice_id', '=', practiceId)
    .orderBy('u.email')
    .execute();
}

import type { Queryable } from '../platform/db.ts';
import { toFlag } from '../platform/flags.ts';

/** The demo practice a user has (at most one), or undefined. */
export async function findDemoPracticeOf(
  db: Queryable,
  userId: string,
): Promise<{ id: string; name: string } | undefined> {
  return db
    .selectFrom('practice')
    .select(['id', 'name'])
    .where('demo_of_user_id', '=', userId)
    .executeTakeFirst();
}

/** Makes a freshly created practice the user's demo. */
export async function markDemoPractice(
  db: Queryable,
  practiceId: string,
  userId: string,
): Promise<void> {
  await db
    .updateTable('practice')
    .set({ demo_of_user_id: userId })
    .where('id', '=', practiceId)
    .execute();
}

/** Whether the user looks at their demo ("Open the demo practice") or their own practice. */
export async function setInDemo(db: Queryable, userId: string, inDemo: boolean): Promise<void> {
  await db
    .updateTable('practice_member')
    .set({ in_demo: toFlag(inDemo) })
    .where('user_id', '=', userId)
    .execute();
}

/** The demo address every made-up owner has: no real person can be reached at it. */
export const madeUpDomain = 'demo.invalid';

/**
 * The demo's made-up members (its owner): only they go with the demo. A real account someone
 * added to the demo practice (say by `vouch user create`) is never deleted with it.
 */
export async function listMadeUpMemberIds(db: Queryable, practiceId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('practice_member')
    .innerJoin('auth_user', 'auth_user.id', 'practice_member.user_id')
    .select('practice_member.user_id')
    .where('practice_member.practice_id', '=', practiceId)
    .where('auth_user.email', 'like', `%@${madeUpDomain}`)
    .execute();
  return rows.map((r) => r.user_id);
}

/**
 * Deletes a demo practice and every row in it. Only a demo practice: the condition is part of
 * each statement, so no real practice can be deleted here. Referrals and then contacts go
 * first: a referral's circle and a contact's category are plain references (no cascade), which
 * PostgreSQL checks while the practice's cascades run in their own order.
 */
export async function deleteDemoPracticeRow(db: Queryable, practiceId: string): Promise<boolean> {
  const isDemo = await db
    .selectFrom('practice')
    .select('id')
    .where('id', '=', practiceId)
    .where('demo_of_user_id', 'is not', null)
    .executeTakeFirst();
  if (!isDemo) return false;
  await deletePracticeContents(db, practiceId);
  await db.deleteFrom('practice').where('id', '=', practiceId).execute();
  return true;
}

async function deletePracticeContents(db: Queryable, practiceId: string): Promise<void> {
  await db.deleteFrom('referral').where('practice_id', '=', practiceId).execute();
  await db.deleteFrom('contact').where('practice_id', '=', practiceId).execute();
}

/**
 * Undoes a demo whose filling failed: its practice, found by the made-up owner who is its only
 * member, so that a real practice (whose members are real) can never match.
 */
export async function deleteUnfinishedDemo(
  db: Queryable,
  practiceId: string,
  ownerId: string,
): Promise<void> {
  const isMadeUp = await db
    .selectFrom('practice_member')
    .select('user_id')
    .where('practice_id', '=', practiceId)
    .where('user_id', '=', ownerId)
    .executeTakeFirst();
  if (isMadeUp) await deletePracticeContents(db, practiceId);
  await db
    .deleteFrom('practice')
    .where('id', '=', practiceId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('practice_member')
          .select('user_id')
          .where('practice_id', '=', practiceId)
          .where('user_id', '=', ownerId),
      ),
    )
    .execute();
}

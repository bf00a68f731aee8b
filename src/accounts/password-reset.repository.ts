import { toTimestamp } from '../platform/clock.ts';
import type { Queryable } from '../platform/db.ts';

/**
 * Reset links as better-auth stores them in `auth_verification`: identifier
 * `reset-password:<digest>` (platform/auth.ts `resetIdentifierOf`), value the user's id.
 */
const resetKind = 'reset-password:%';

export async function findResetLink(db: Queryable, identifier: string) {
  return db
    .selectFrom('auth_verification')
    .select(['value as user_id', 'expires_at'])
    .where('identifier', '=', identifier)
    .where('identifier', 'like', resetKind)
    .executeTakeFirst();
}

/** Uses the link up: true for the one caller that deleted it (single use, also under races). */
export async function consumeResetLink(db: Queryable, identifier: string): Promise<boolean> {
  const result = await db
    .deleteFrom('auth_verification')
    .where('identifier', '=', identifier)
    .where('identifier', 'like', resetKind)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Every open reset link of the user: a new password makes them all void. */
export async function deleteResetLinksOf(db: Queryable, userId: string): Promise<void> {
  await db
    .deleteFrom('auth_verification')
    .where('identifier', 'like', resetKind)
    .where('value', '=', userId)
    .execute();
}

/** Links past their hour decide nothing any more. */
export async function deleteExpiredResetLinks(db: Queryable, now: Date): Promise<void> {
  await db
    .deleteFrom('auth_verification')
    .where('identifier', 'like', resetKind)
    .where('expires_at', '<=', toTimestamp(now))
    .execute();
}

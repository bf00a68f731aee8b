import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import { toTimestamp } from '../platform/clock.ts';
import type { Queryable } from '../platform/db.ts';
import { isSet } from '../platform/flags.ts';
import type { ApiTokenTable } from './account.tables.ts';

export type ApiTokenRow = Selectable<ApiTokenTable>;

export async function findMembership(db: Queryable, userId: string) {
  return db
    .selectFrom('practice_member')
    .select(['practice_id', 'role'])
    .where('user_id', '=', userId)
    .executeTakeFirst();
}

/**
 * The practice a signed-in user works in and their role there: their own practice, or their
 * demo practice while they have it open (migration 0018), where they act as its owner.
 */
export async function findSessionMembership(db: Queryable, userId: string) {
  const row = await db
    .selectFrom('practice_member as m')
    .leftJoin('practice as d', 'd.demo_of_user_id', 'm.user_id')
    .select(['m.practice_id', 'm.role', 'm.in_demo', 'd.id as demo_id'])
    .where('m.user_id', '=', userId)
    .executeTakeFirst();
  if (!row) return undefined;
  return isSet(row.in_demo) && row.demo_id
    ? { practice_id: row.demo_id, role: 'owner' as const }
    : { practice_id: row.practice_id, role: row.role };
}

export async function insertMember(
  db: Queryable,
  row: { practice_id: string; user_id: string; role: 'owner' | 'member'; created_at: string },
): Promise<void> {
  await db.insertInto('practice_member').values(row).execute();
}

export async function findUserById(db: Queryable, userId: string) {
  return db
    .selectFrom('auth_user')
    .select(['id', 'name', 'email'])
    .where('id', '=', userId)
    .executeTakeFirst();
}

export async function findUserIdByEmail(db: Queryable, email: string) {
  const row = await db
    .selectFrom('auth_user')
    .select('id')
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst();
  return row?.id;
}

export async function deleteUser(db: Queryable, userId: string): Promise<void> {
  await db.deleteFrom('auth_user').where('id', '=', userId).execute();
}

export async function insertApiToken(db: Queryable, row: ApiTokenRow): Promise<void> {
  await db.insertInto('api_token').values(row).execute();
}

export async function listApiTokens(db: Queryable, practiceId: string, userId: string | null) {
  let q = db.selectFrom('api_token').selectAll().where('practice_id', '=', practiceId);
  if (userId) q = q.where('user_id', '=', userId);
  return q.orderBy('id', 'desc').execute();
}

export async function findApiToken(db: Queryable, practiceId: string, tokenId: string) {
  return db
    .selectFrom('api_token')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .where('id', '=', tokenId)
    .executeTakeFirst();
}

export async function findApiTokenByHash(db: Queryable, tokenHash: string) {
  return db
    .selectFrom('api_token')
    .innerJoin('practice_member', (j) =>
      j
        .onRef('practice_member.user_id', '=', 'api_token.user_id')
        .onRef('practice_member.practice_id', '=', 'api_token.practice_id'),
    )
    .select([
      'api_token.practice_id',
      'api_token.id',
      'api_token.user_id',
      'api_token.revoked_at',
      'api_token.last_used_at',
      'api_token.read_only',
      'practice_member.role',
    ])
    .where('api_token.token_hash', '=', tokenHash)
    .executeTakeFirst();
}

export async function markApiTokenUsed(
  db: Queryable,
  practiceId: string,
  tokenId: string,
  at: string,
): Promise<void> {
  await db
    .updateTable('api_token')
    .set({ last_used_at: at })
    .where('practice_id', '=', practiceId)
    .where('id', '=', tokenId)
    .execute();
}

export async function revokeApiTokenRow(
  db: Queryable,
  practiceId: string,
  tokenId: string,
  at: string,
): Promise<void> {
  await db
    .updateTable('api_token')
    .set({ revoked_at: at })
    .where('practice_id', '=', practiceId)
    .where('id', '=', tokenId)
    .where('revoked_at', 'is', null)
    .execute();
}

/** Revokes every live API token of a user in the practice; returns how many. */
export async function revokeUserApiTokens(
  db: Queryable,
  practiceId: string,
  userId: string,
  at: string,
): Promise<number> {
  const result = await db
    .updateTable('api_token')
    .set({ revoked_at: at })
    .where('practice_id', '=', practiceId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function listMemberRows(db: Queryable, practiceId: string) {
  return db
    .selectFrom('practice_member')
    .innerJoin('auth_user', 'auth_user.id', 'practice_member.user_id')
    .select(['auth_user.id', 'auth_user.name', 'auth_user.email', 'practice_member.role'])
    .where('practice_member.practice_id', '=', practiceId)
    .orderBy('auth_user.name')
    .execute();
}

/**
 * Counts one attempt under `key` in a fixed window, atomically (one upsert, so concurrent
 * attempts on several servers cannot both read the old count), and returns the new count.
 */
export async function countAttempt(
  db: Queryable,
  key: string,
  now: Date,
  windowMs: number,
): Promise<{ hits: number; windowStartedAt: string }> {
  const at = toTimestamp(now);
  const expired = sql<boolean>`${sql.ref('auth_throttle.window_started_at')} <= ${toTimestamp(new Date(now.getTime() - windowMs))}`;
  const row = await db
    .insertInto('auth_throttle')
    .values({ key, hits: 1, window_started_at: at })
    .onConflict((oc) =>
      oc.column('key').doUpdateSet({
        hits: sql<number>`case when ${expired} then 1 else ${sql.ref('auth_throttle.hits')} + 1 end`,
        window_started_at: sql<string>`case when ${expired} then ${at} else ${sql.ref('auth_throttle.window_started_at')} end`,
      }),
    )
    .returning(['hits', 'window_started_at'])
    .executeTakeFirstOrThrow();
  return { hits: Number(row.hits), windowStartedAt: row.window_started_at };
}

/**
 * Drops counters whose window started before `staleBefore` (they decide nothing any more): ours,
 * and better-auth's per-address ones, which it only ever upserts.
 */
export async function dropStaleAttempts(db: Queryable, staleBefore: Date): Promise<void> {
  await db
    .deleteFrom('auth_throttle')
    .where('window_started_at', '<', toTimestamp(staleBefore))
    .execute();
  await db
    .deleteFrom('auth_rate_limit')
    .where('last_request', '<', staleBefore.getTime())
    .execute();
}

/** Clears `key`'s count, and drops counters whose window started before `staleBefore`. */
export async function clearAttempts(db: Queryable, key: string, staleBefore: Date): Promise<void> {
  await db
    .deleteFrom('auth_throttle')
    .where((eb) =>
      eb.or([eb('key', '=', key), eb('window_started_at', '<', toTimestamp(staleBefore))]),
    )
    .execute();
}

export async function findCredential(db: Queryable, userId: string) {
  return db
    .selectFrom('auth_account')
    .select(['id', 'password'])
    .where('user_id', '=', userId)
    .where('provider_id', '=', 'credential')
    .executeTakeFirst();
}

export async function updateCredentialPassword(
  db: Queryable,
  accountId: string,
  passwordHash: string,
  at: string,
): Promise<void> {
  await db
    .updateTable('auth_account')
    .set({ password: passwordHash, updated_at: at })
    .where('id', '=', accountId)
    .execute();
}

/** Ends the user's sessions, all of them or all but `keepSessionId`; returns how many. */
export async function deleteSessions(
  db: Queryable,
  userId: string,
  keepSessionId?: string,
): Promise<number> {
  let q = db.deleteFrom('auth_session').where('user_id', '=', userId);
  if (keepSessionId) q = q.where('id', '!=', keepSessionId);
  const result = await q.executeTakeFirst();
  return Number(result.numDeletedRows);
}

export async function deleteSession(db: Queryable, sessionId: string): Promise<void> {
  await db.deleteFrom('auth_session').where('id', '=', sessionId).execute();
}

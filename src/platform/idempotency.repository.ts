/** The stored `Idempotency-Key` claims and answers (platform/idempotency.ts decides). */

import { toTimestamp } from './clock.ts';
import type { Queryable } from './db.ts';

/** Whose key: keys are per user within a practice. */
export type Scope = { practiceId: string; userId: string; key: string };

/**
 * Drops every practice's expired keys (housekeeping across practices, by the expiry index), so
 * that a quiet practice's kept answers do not outlive their day; at most once a minute per process.
 */
export async function purgeExpired(db: Queryable, now: Date): Promise<void> {
  await db.deleteFrom('idempotency_key').where('expires_at', '<', toTimestamp(now)).execute();
}

/**
 * Forgets the practice's kept answers (an erasure: an answer may name the erased person). The
 * keys stay, so a replay is still recognised: it gets a 409 instead of running twice.
 */
export async function forgetIdempotentAnswers(db: Queryable, practiceId: string): Promise<void> {
  await db
    .updateTable('idempotency_key')
    .set({ response_body: null })
    .where('practice_id', '=', practiceId)
    .where('response_body', 'is not', null)
    .execute();
}

/** Frees a key whose claim expired or was abandoned, unless someone renewed it meanwhile. */
export async function dropStaleKey(db: Queryable, scope: Scope, createdAt: string): Promise<void> {
  await db
    .deleteFrom('idempotency_key')
    .where('practice_id', '=', scope.practiceId)
    .where('user_id', '=', scope.userId)
    .where('key', '=', scope.key)
    .where('created_at', '=', createdAt)
    .execute();
}

/** True when this request now owns the key; false when another request holds it. */
export async function claimKey(
  db: Queryable,
  scope: Scope,
  hash: string,
  now: Date,
  keepMs: number,
): Promise<boolean> {
  const result = await db
    .insertInto('idempotency_key')
    .values({
      practice_id: scope.practiceId,
      user_id: scope.userId,
      key: scope.key,
      request_hash: hash,
      status: null,
      content_type: null,
      response_body: null,
      created_at: toTimestamp(now),
      expires_at: toTimestamp(new Date(now.getTime() + keepMs)),
    })
    .onConflict((oc) => oc.columns(['practice_id', 'user_id', 'key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export function findKey(db: Queryable, scope: Scope) {
  return db
    .selectFrom('idempotency_key')
    .selectAll()
    .where('practice_id', '=', scope.practiceId)
    .where('user_id', '=', scope.userId)
    .where('key', '=', scope.key)
    .executeTakeFirst();
}

export async function recordAnswer(
  db: Queryable,
  scope: Scope,
  answer: { status: number; contentType: string | null; body: string | null },
): Promise<void> {
  await db
    .updateTable('idempotency_key')
    .set({ status: answer.status, content_type: answer.contentType, response_body: answer.body })
    .where('practice_id', '=', scope.practiceId)
    .where('user_id', '=', scope.userId)
    .where('key', '=', scope.key)
    .execute();
}

export async function releaseKey(db: Queryable, scope: Scope): Promise<void> {
  await db
    .deleteFrom('idempotency_key')
    .where('practice_id', '=', scope.practiceId)
    .where('user_id', '=', scope.userId)
    .where('key', '=', scope.key)
    .execute();
}

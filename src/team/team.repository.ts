import type { Selectable } from 'kysely';
import { isPostgres, type Queryable } from '../platform/db.ts';
import type { Role } from './team.rules.ts';
import type { InvitationTable } from './team.tables.ts';

export type InvitationRow = Selectable<InvitationTable>;

export async function insertInvitation(db: Queryable, row: InvitationRow): Promise<void> {
  await db.insertInto('invitation').values(row).execute();
}

/** The practice's invitations with the inviter's name, newest first. */
export async function listInvitationRows(db: Queryable, practiceId: string) {
  return db
    .selectFrom('invitation')
    .leftJoin('auth_user', 'auth_user.id', 'invitation.invited_by')
    .selectAll('invitation')
    .select('auth_user.name as invited_by_name')
    .where('invitation.practice_id', '=', practiceId)
    .orderBy('invitation.created_at', 'desc')
    .orderBy('invitation.id', 'desc')
    .execute();
}

/** One invitation; inside a PostgreSQL transaction its row is locked until commit. */
export async function findInvitation(db: Queryable, practiceId: string, id: string) {
  let q = db
    .selectFrom('invitation')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .where('id', '=', id);
  if (db.isTransaction && isPostgres(db)) q = q.forUpdate();
  return q.executeTakeFirst();
}

/**
 * The invitation a link's token names, across practices (the link carries no practice), with
 * the practice's and the inviter's names. Locked inside a PostgreSQL transaction.
 */
export async function findInvitationByHash(db: Queryable, tokenHash: string) {
  let q = db
    .selectFrom('invitation')
    .innerJoin('practice', 'practice.id', 'invitation.practice_id')
    .leftJoin('auth_user', 'auth_user.id', 'invitation.invited_by')
    .selectAll('invitation')
    .select(['practice.name as practice_name', 'auth_user.name as invited_by_name'])
    .where('invitation.token_hash', '=', tokenHash);
  if (db.isTransaction && isPostgres(db)) q = q.forUpdate('invitation');
  return q.executeTakeFirst();
}

export async function findLiveInvitationFor(db: Queryable, practiceId: string, email: string) {
  return db
    .selectFrom('invitation')
    .select('id')
    .where('practice_id', '=', practiceId)
    .where('email', '=', email)
    .where('accepted_at', 'is', null)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
}

export async function updateInvitation(
  db: Queryable,
  practiceId: string,
  id: string,
  patch: Partial<
    Pick<
      InvitationRow,
      'token_hash' | 'sent_at' | 'expires_at' | 'accepted_at' | 'accepted_by' | 'revoked_at'
    >
  >,
): Promise<void> {
  await db
    .updateTable('invitation')
    .set(patch)
    .where('practice_id', '=', practiceId)
    .where('id', '=', id)
    .execute();
}

/**
 * The practice's memberships, locked (`FOR UPDATE` on PostgreSQL) until the transaction ends:
 * two owners stepping down at once are serialised, and the second sees the first's change.
 * SQLite needs no lock: its writes are serialised already.
 */
export async function lockMembers(
  db: Queryable,
  practiceId: string,
): Promise<{ userId: string; role: Role }[]> {
  let q = db
    .selectFrom('practice_member')
    .select(['user_id', 'role'])
    .where('practice_id', '=', practiceId)
    .orderBy('user_id');
  if (db.isTransaction && isPostgres(db)) q = q.forUpdate();
  const rows = await q.execute();
  return rows.map((r) => ({ userId: r.user_id, role: r.role }));
}

export async function updateMemberRole(
  db: Queryable,
  practiceId: string,
  userId: string,
  role: Role,
): Promise<void> {
  await db
    .updateTable('practice_member')
    .set({ role })
    .where('practice_id', '=', practiceId)
    .where('user_id', '=', userId)
    .execute();
}

export async function deleteMember(db: Queryable, practiceId: string, userId: string) {
  await db
    .deleteFrom('practice_member')
    .where('practice_id', '=', practiceId)
    .where('user_id', '=', userId)
    .execute();
}

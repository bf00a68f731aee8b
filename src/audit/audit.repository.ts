import type { Queryable } from '../platform/db.ts';

export type AuditFilter = {
  action?: string | undefined;
  userId?: string | undefined;
  from: string | null;
  toExclusive: string | null;
  toInclusive: string | null;
};

/** A page of the practice's audit rows, newest first, after the chain place `beforeSeq`. */
export function listAuditRows(
  db: Queryable,
  practiceId: string,
  filter: AuditFilter,
  limit: number,
  beforeSeq: number | null,
) {
  let q = db
    .selectFrom('audit_log as a')
    .leftJoin('auth_user as u', 'u.id', 'a.user_id')
    .select([
      'a.id',
      'a.seq',
      'a.created_at',
      'a.action',
      'a.user_id',
      'u.name as user_name',
      'a.subject_type',
      'a.subject_id',
      'a.detail',
    ])
    .where('a.practice_id', '=', practiceId);
  if (filter.action) q = q.where('a.action', '=', filter.action);
  if (filter.userId) q = q.where('a.user_id', '=', filter.userId);
  if (filter.from) q = q.where('a.created_at', '>=', filter.from);
  if (filter.toExclusive) q = q.where('a.created_at', '<', filter.toExclusive);
  if (filter.toInclusive) q = q.where('a.created_at', '<=', filter.toInclusive);
  if (beforeSeq !== null) q = q.where('a.seq', '<', beforeSeq);
  return q.orderBy('a.seq', 'desc').limit(limit).execute();
}
export type AuditListRow = Awaited<ReturnType<typeof listAuditRows>>[number];

/** The actions this practice's log holds, for the filter. */
export async function listAuditActions(db: Queryable, practiceId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('audit_log')
    .select('action')
    .distinct()
    .where('practice_id', '=', practiceId)
    .orderBy('action')
    .execute();
  return rows.map((r) => r.action);
}

/** Every practice with an audit chain (a head, rows, or both). */
export async function listChainedPracticeIds(db: Queryable): Promise<string[]> {
  const rows = await db
    .selectFrom('audit_head')
    .select('practice_id')
    .union(db.selectFrom('audit_log').select('practice_id'))
    .execute();
  return rows.map((r) => r.practice_id).sort();
}

export function findChainHead(db: Queryable, practiceId: string) {
  return db
    .selectFrom('audit_head')
    .select(['seq', 'hash'])
    .where('practice_id', '=', practiceId)
    .executeTakeFirst();
}

/** A row of the practice that is not a link of its chain (no place or no hash): forged. */
export function findUnchainedRow(db: Queryable, practiceId: string) {
  return db
    .selectFrom('audit_log')
    .select('id')
    .where('practice_id', '=', practiceId)
    .where((eb) => eb.or([eb('seq', 'is', null), eb('hash', 'is', null)]))
    .executeTakeFirst();
}

/** Chain links after `afterSeq`, up to `uptoSeq`, in chain order. */
export function listChainLinks(
  db: Queryable,
  practiceId: string,
  afterSeq: number,
  uptoSeq: number,
  limit: number,
) {
  return db
    .selectFrom('audit_log')
    .select([
      'practice_id',
      'seq',
      'id',
      'prev_hash',
      'hash',
      'user_id',
      'action',
      'subject_type',
      'subject_id',
      'created_at',
      'detail',
      'detail_hash',
    ])
    .where('practice_id', '=', practiceId)
    .where('seq', '>', afterSeq)
    .where('seq', '<=', uptoSeq)
    .orderBy('seq')
    .limit(limit)
    .execute();
}

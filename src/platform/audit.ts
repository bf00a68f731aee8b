import { createHash } from 'node:crypto';
import { insertLink, setHeadHash, takeNextPlace } from './audit.repository.ts';
import type { Clock } from './clock.ts';
import { toTimestamp } from './clock.ts';
import { inTransaction, type Queryable, type Tx } from './db.ts';
import { newId } from './ids.ts';

export type AuditEntry = {
  practiceId: string;
  userId: string | null;
  action: string;
  subjectType?: string;
  subjectId?: string;
  detail?: unknown;
};

/** The columns a chain link's hash covers (the detail only through its own hash). */
export type ChainRow = {
  practice_id: string;
  seq: number;
  id: string;
  prev_hash: string | null;
  user_id: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  created_at: string;
  detail_hash: string | null;
};

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

/** SHA-256 of the stored detail JSON; null when there is none. */
export function detailHashOf(detail: string | null): string | null {
  return detail === null ? null : sha256(detail);
}

/**
 * A link's hash: SHA-256 over a JSON array of its fields in a fixed order (JSON quotes every
 * text, so no field can run into the next). The detail enters only as `detail_hash`, so erasing
 * a detail (setting it to NULL) leaves the chain intact.
 */
export function chainHash(row: ChainRow): string {
  return sha256(
    JSON.stringify([
      'vouch-audit-v1',
      row.prev_hash,
      row.seq,
      row.id,
      row.practice_id,
      row.user_id,
      row.action,
      row.subject_type,
      row.subject_id,
      row.created_at,
      row.detail_hash,
    ]),
  );
}

/**
 * Records a sensitive action (PRODUCT.md §8) in the same transaction as the action itself, as
 * the next link of the practice's hash chain. Called outside a transaction, it opens one.
 */
export async function recordAudit(db: Queryable, clock: Clock, entry: AuditEntry): Promise<void> {
  await inTransaction(db, (trx) => appendLink(trx, clock, entry));
}

async function appendLink(trx: Tx, clock: Clock, entry: AuditEntry): Promise<void> {
  // Taking the next place from the practice's head row locks it (PostgreSQL) until commit, so
  // two writers never read the same head; SQLite serialises writers already.
  const head = await takeNextPlace(trx, entry.practiceId);
  const detail = entry.detail === undefined ? null : JSON.stringify(entry.detail);
  const link: ChainRow = {
    practice_id: entry.practiceId,
    seq: Number(head.seq),
    id: newId(),
    prev_hash: head.hash,
    user_id: entry.userId,
    action: entry.action,
    subject_type: entry.subjectType ?? null,
    subject_id: entry.subjectId ?? null,
    created_at: toTimestamp(clock.now()),
    detail_hash: detailHashOf(detail),
  };
  const hash = chainHash(link);
  await insertLink(trx, { ...link, detail, hash });
  await setHeadHash(trx, entry.practiceId, hash);
}

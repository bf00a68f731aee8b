import { requireOwner } from '../platform/actor.ts';
import { receivedRange } from '../platform/calendar.ts';
import type { Queryable } from '../platform/db.ts';
import type { Deps } from '../platform/deps.ts';
import { AppError } from '../platform/errors.ts';
import type { Actor } from '../platform/http.ts';
import { loadPracticeContext } from '../practices/practice.service.ts';
import {
  type AuditListRow,
  findChainHead,
  findUnchainedRow,
  listAuditActions,
  listAuditRows,
  listChainedPracticeIds,
  listChainLinks,
} from './audit.repository.ts';
import { type Head, headProblem, linkProblem } from './audit.rules.ts';
import type { AuditEntry, AuditPage, ListAuditQuery } from './audit.schemas.ts';

const encodeCursor = (seq: number) =>
  Buffer.from(JSON.stringify(['audit', seq])).toString('base64url');

function decodeCursor(cursor: string): number {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(parsed) && parsed[0] === 'audit' && Number.isSafeInteger(parsed[1]))
      return parsed[1] as number;
  } catch {
    // Falls through to the refusal below.
  }
  throw new AppError('validation', 'cursor: this cursor is not valid; start again without it.', [
    { field: 'cursor', message: 'This cursor is not valid; start again without it.' },
  ]);
}

function toEntry(row: AuditListRow): AuditEntry {
  return {
    id: row.id,
    seq: Number(row.seq),
    at: row.created_at,
    action: row.action,
    user: row.user_id ? { id: row.user_id, name: row.user_name ?? '' } : null,
    subjectType: row.subject_type,
    subjectId: row.subject_id,
    detail: row.detail === null ? null : (JSON.parse(row.detail) as unknown),
  };
}

/** The practice's audit log, newest first; days in `from`/`to` are the practice's days. */
export async function listAudit(
  deps: Deps,
  actor: Actor,
  query: ListAuditQuery,
): Promise<AuditPage> {
  requireOwner(actor, 'read the audit log');
  const beforeSeq = query.cursor ? decodeCursor(query.cursor) : null;
  const { timeZone } = await loadPracticeContext(deps.db, actor.practiceId);
  const range = receivedRange(query, timeZone);
  const rows = await listAuditRows(
    deps.db,
    actor.practiceId,
    { action: query.action, userId: query.userId, ...range },
    query.limit + 1,
    beforeSeq,
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toEntry),
    nextCursor: rows.length > query.limit && last ? encodeCursor(Number(last.seq)) : null,
  };
}

export async function listActions(deps: Deps, actor: Actor): Promise<{ items: string[] }> {
  requireOwner(actor, 'read the audit log');
  return { items: await listAuditActions(deps.db, actor.practiceId) };
}

export type ChainBreak = {
  practiceId: string;
  seq: number | null;
  id: string | null;
  problem: string;
};
export type ChainReport = {
  practices: number;
  links: number;
  /** The first broken link found, or null when every chain holds. */
  broken: ChainBreak | null;
};

const batch = 1_000;

/** Checks one practice's chain link by link; returns the links checked and the first break. */
async function verifyPractice(
  db: Queryable,
  practiceId: string,
): Promise<{ links: number; broken: ChainBreak | null }> {
  // Every row is a link: one without a place or hash was put there around the chain.
  const outside = await findUnchainedRow(db, practiceId);
  if (outside)
    return {
      links: 0,
      broken: {
        practiceId,
        seq: null,
        id: outside.id,
        problem: 'a row outside the chain (no seq or hash)',
      },
    };
  // The head is read first: rows appended after it are newer than this check and are left out.
  const head = await findChainHead(db, practiceId);
  const upto = head ? Number(head.seq) : Number.MAX_SAFE_INTEGER;
  let prev: Head | null = null;
  let links = 0;
  for (;;) {
    const rows = await listChainLinks(db, practiceId, prev?.seq ?? 0, upto, batch);
    for (const row of rows) {
      const link = { ...row, seq: Number(row.seq) };
      const problem = linkProblem(prev, link);
      if (problem) return { links, broken: { practiceId, seq: link.seq, id: link.id, problem } };
      links += 1;
      prev = { seq: link.seq, hash: link.hash };
    }
    if (rows.length < batch) break;
  }
  const problem = headProblem(prev, head ? { seq: Number(head.seq), hash: head.hash } : undefined);
  return { links, broken: problem ? { practiceId, seq: null, id: null, problem } : null };
}

/** Verifies every practice's audit chain (or one), stopping at the first broken link. */
export async function verifyAuditChains(
  deps: Pick<Deps, 'db'>,
  options: { practiceId?: string | undefined } = {},
): Promise<ChainReport> {
  const practiceIds = options.practiceId
    ? [options.practiceId]
    : await listChainedPracticeIds(deps.db);
  let links = 0;
  let practices = 0;
  for (const practiceId of practiceIds) {
    const result = await verifyPractice(deps.db, practiceId);
    links += result.links;
    practices += 1;
    if (result.broken) return { practices, links, broken: result.broken };
  }
  return { practices, links, broken: null };
}

import { type ChainRow, chainHash, detailHashOf } from '../platform/audit.ts';

export type Link = ChainRow & { hash: string | null; detail: string | null };
export type Head = { seq: number; hash: string | null };

/**
 * What is wrong with `link` as the successor of `prev` (null: it is the first), or null when it
 * holds. A gap in `seq` means a row was deleted; a hash that does not match, that it was changed.
 */
export function linkProblem(prev: Head | null, link: Link): string | null {
  const expectedSeq = (prev?.seq ?? 0) + 1;
  if (link.seq !== expectedSeq)
    return link.seq > expectedSeq
      ? `link ${expectedSeq}${link.seq - expectedSeq > 1 ? `–${link.seq - 1}` : ''} is missing (deleted?) before this row`
      : `its place ${link.seq} repeats or goes back (expected ${expectedSeq})`;
  if (link.prev_hash !== (prev?.hash ?? null))
    return 'prev_hash does not match the hash of the link before it';
  if (link.hash !== chainHash(link))
    return 'its content does not match its hash (a field was changed)';
  if (link.detail !== null && detailHashOf(link.detail) !== link.detail_hash)
    return 'its detail does not match detail_hash (the detail was changed)';
  return null;
}

/** What is wrong with the chain's end against the head that records it, or null. */
export function headProblem(last: Head | null, head: Head | undefined): string | null {
  if (!head) return last ? 'the chain has no head row (audit_head was deleted)' : null;
  if ((last?.seq ?? 0) !== head.seq)
    return `the chain ends at link ${last?.seq ?? 0} but its head records ${head.seq} (rows deleted at the end?)`;
  if ((last?.hash ?? null) !== head.hash)
    return 'the last link does not match the hash its head records';
  return null;
}

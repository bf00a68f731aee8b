/**
 * Which kind of status change a move on the board (drag and drop, "Move to…") or on the
 * referral page is. Mirrors the server's rule (src/referrals/referral.rules.ts `transitionFor`):
 * forward along new → contacted → meeting → client, or from an open status to a closed one, is
 * a normal change; anything else is a correction, which needs a reason.
 */
import { type BoardColumnStatus, CLOSED_STATUSES, type ReferralStatus } from '../api/types';

const PATH_RANK: Partial<Record<ReferralStatus, number>> = {
  new: 0,
  contacted: 1,
  meeting: 2,
  client: 3,
};

/** Closed without becoming a client (declined, not a fit, referred elsewhere, …). */
export const isClosed = (s: ReferralStatus) => (CLOSED_STATUSES as readonly string[]).includes(s);
/** Still being worked: new, contacted or meeting. */
export const isOpen = (s: ReferralStatus) => s === 'new' || s === 'contacted' || s === 'meeting';

/** The board column a status is shown in. */
export function columnOf(status: ReferralStatus): BoardColumnStatus {
  return isClosed(status) ? 'closed' : (status as BoardColumnStatus);
}

/** A forward move (the normal status change): what the server allows without a correction. */
export function isForward(from: ReferralStatus, to: ReferralStatus): boolean {
  if (!isOpen(from) || from === to) return false;
  if (isClosed(to)) return true;
  return (PATH_RANK[to] ?? -1) > (PATH_RANK[from] ?? -1);
}

export type MovePlan =
  | { kind: 'none' }
  /** A normal change, made at once (with an Undo in its toast). */
  | { kind: 'move'; status: ReferralStatus }
  /** Ask first: which of `choices` (closing), and a reason when it is a correction. */
  | { kind: 'ask'; choices: readonly ReferralStatus[]; correction: boolean };

/** A move to one status ("Move to…", the referral page). */
export function planStatusMove(from: ReferralStatus, to: ReferralStatus): MovePlan {
  if (from === to) return { kind: 'none' };
  if (isForward(from, to)) return { kind: 'move', status: to };
  return { kind: 'ask', choices: [to], correction: true };
}

/** A drop on a column: the closed column asks which closed status; backwards asks why. */
export function planColumnMove(from: ReferralStatus, column: BoardColumnStatus): MovePlan {
  if (columnOf(from) === column) return { kind: 'none' };
  if (column === 'closed')
    return { kind: 'ask', choices: CLOSED_STATUSES, correction: !isForward(from, 'declined') };
  return planStatusMove(from, column);
}

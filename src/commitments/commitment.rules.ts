import { plusDays } from '../platform/calendar.ts';
import { toTimestamp } from '../platform/clock.ts';

export const commitmentStatuses = ['open', 'fulfilled', 'released'] as const;
export type CommitmentStatus = (typeof commitmentStatuses)[number];

export type CreditableCommitment = {
  id: string;
  madeAt: string;
  promisedCount: number;
  credited: number;
  status: CommitmentStatus;
};

/**
 * §3.4/§2: which commitment a referral received at `receivedAt` credits: the oldest open one
 * made strictly before it that still lacks credits; null when none.
 */
export function creditTargetOf(
  commitments: readonly CreditableCommitment[],
  receivedAt: string,
): CreditableCommitment | null {
  let best: CreditableCommitment | null = null;
  for (const c of commitments) {
    if (c.status !== 'open' || c.credited >= c.promisedCount || c.madeAt >= receivedAt) continue;
    if (!best || c.madeAt < best.madeAt || (c.madeAt === best.madeAt && c.id < best.id)) best = c;
  }
  return best;
}

/** The status after crediting: reaching the promised count fulfils the commitment. */
export const isFulfilledAt = (credited: number, promisedCount: number) => credited >= promisedCount;

/**
 * Credits referrals one by one, in the order received (what createReferral does over time).
 * Returns referralId → commitmentId and the commitments with their new counts.
 */
export function allocateCredits(
  commitments: readonly CreditableCommitment[],
  referrals: readonly { id: string; receivedAt: string }[],
): { credits: Map<string, string>; commitments: CreditableCommitment[] } {
  const state = commitments.map((c) => ({ ...c }));
  const credits = new Map<string, string>();
  const ordered = [...referrals].sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
  for (const referral of ordered) {
    const target = creditTargetOf(state, referral.receivedAt);
    if (!target) continue;
    target.credited += 1;
    if (isFulfilledAt(target.credited, target.promisedCount)) target.status = 'fulfilled';
    credits.set(referral.id, target.id);
  }
  return { credits, commitments: state };
}

export type ReminderState = 'not_due' | 'due' | 'release_suggested' | 'closed';

type ReminderFacts = {
  status: CommitmentStatus;
  madeAt: string;
  lastCreditAt: string | null;
  lastReminderAt: string | null;
  remindersSent: number;
};

/** Since when a commitment has been silent: made, last credited or last reminded. */
export function silentSinceOf(c: Omit<ReminderFacts, 'status' | 'remindersSent'>): string {
  const anchor = Math.max(
    ...[c.madeAt, c.lastCreditAt, c.lastReminderAt].flatMap((t) => (t ? [Date.parse(t)] : [])),
  );
  return toTimestamp(new Date(anchor));
}

/** Reminders sent that no credit answered: a credit after the last reminder resets the count. */
export function unansweredRemindersOf(
  c: Pick<ReminderFacts, 'lastCreditAt' | 'lastReminderAt' | 'remindersSent'>,
): number {
  const answered =
    c.lastCreditAt !== null && c.lastReminderAt !== null && c.lastCreditAt >= c.lastReminderAt;
  return answered ? 0 : c.remindersSent;
}

/** The bound a query may narrow by: a commitment silent since at or before it is due at `now`. */
export const reminderCutoffAt = (now: Date, settings: { commitmentReminderDays: number }) =>
  plusDays(now, -settings.commitmentReminderDays);

/**
 * §3.4: a reminder is due when no credit came for `reminderDays` since the commitment was
 * made, its last credit or its last reminder; once `maxReminders` reminders went unanswered,
 * releasing it gracefully is suggested instead. A credit after the last reminder answers the
 * reminders, so the count starts again.
 */
export function reminderOf(
  c: ReminderFacts,
  settings: { commitmentReminderDays: number; commitmentMaxReminders: number },
  now: Date,
): { state: ReminderState; dueAt: string | null } {
  if (c.status !== 'open') return { state: 'closed', dueAt: null };
  const dueAt = plusDays(silentSinceOf(c), settings.commitmentReminderDays);
  if (now.getTime() < Date.parse(dueAt)) return { state: 'not_due', dueAt };
  return {
    state:
      unansweredRemindersOf(c) >= settings.commitmentMaxReminders ? 'release_suggested' : 'due',
    dueAt,
  };
}

export const progressOf = (credited: number, promisedCount: number) =>
  `${credited} of ${promisedCount}`;

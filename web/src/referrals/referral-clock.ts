import type { Referral } from '../api/types';
import { formatDuration, minutesUntil } from '../format';

export type ClockView = { text: string; color: string; isUrgent: boolean };

/** Won (client) or closed: nothing about its response is still to be done. */
const isSettled = (referral: Pick<Referral, 'status' | 'closedAt'>): boolean =>
  referral.closedAt !== null || referral.status === 'client';

/**
 * The response clock in words (PRODUCT.md §3.1): "due in 5 h", "overdue by 2 h",
 * "contacted in 3 h ✓ in time", "contacted in 30 h — late".
 */
export function describeClock(referral: Referral, now: number = Date.now()): ClockView {
  const { clock } = referral;
  switch (clock.state) {
    case 'met':
      return {
        text: `contacted in ${formatDuration(clock.tookMinutes ?? 0)} ✓ in time`,
        color: 'teal',
        isUrgent: false,
      };
    case 'late':
      // The clock stopped at the first contact; once the referral is won or closed, being
      // late is history, told in grey, not a warning in orange.
      return isSettled(referral)
        ? {
            text: `contacted in ${formatDuration(clock.tookMinutes ?? 0)}, after the response window`,
            color: 'gray',
            isUrgent: false,
          }
        : {
            text: `contacted in ${formatDuration(clock.tookMinutes ?? 0)} — late`,
            color: 'orange',
            isUrgent: false,
          };
    case 'overdue': {
      const minutes = clock.overdueByMinutes ?? -minutesUntil(clock.dueAt, now);
      const closed = referral.closedAt !== null;
      return {
        text: `${closed ? 'closed without contact, ' : ''}overdue by ${formatDuration(minutes)}`,
        color: closed ? 'gray' : 'red',
        isUrgent: !closed,
      };
    }
    case 'due': {
      if (referral.closedAt !== null) {
        return { text: 'closed before first contact', color: 'gray', isUrgent: false };
      }
      return {
        text: `due in ${formatDuration(minutesUntil(clock.dueAt, now))}`,
        color: 'blue',
        isUrgent: false,
      };
    }
  }
}

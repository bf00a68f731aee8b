import type { Referral } from '../api/types';
import { formatDuration, minutesUntil } from '../format';

export type ClockView = { text: string; color: string; isUrgent: boolean };

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
      return {
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

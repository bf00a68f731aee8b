import { describe, expect, it } from 'vitest';
import { describeClock } from './referral-clock';

// Types through the module under test, not the API's type file (it is generated elsewhere).
type Referral = Parameters<typeof describeClock>[0];
type Clock = Referral['clock'];

const now = Date.parse('2026-06-15T12:00:00.000Z');

/** A referral as far as the clock reads it: its clock, status and whether it is closed. */
function referral(
  clock: Partial<Clock>,
  closedAt: string | null = null,
  status: Referral['status'] = closedAt ? 'not_a_fit' : 'contacted',
): Referral {
  const full: Clock = {
    dueAt: '2026-06-15T17:00:00.000Z',
    state: 'due',
    firstContactAt: null,
    tookMinutes: null,
    overdueByMinutes: null,
    ...clock,
  };
  const part: Pick<Referral, 'clock' | 'closedAt' | 'status'> = { clock: full, closedAt, status };
  return part as Referral;
}

describe('describeClock', () => {
  it('counts down to the due time of an open referral', () => {
    expect(describeClock(referral({}), now)).toEqual({
      text: 'due in 5 h',
      color: 'blue',
      isUrgent: false,
    });
    expect(describeClock(referral({ dueAt: '2026-06-15T12:20:00.000Z' }), now).text).toBe(
      'due in 20 min',
    );
    expect(describeClock(referral({ dueAt: '2026-06-18T12:00:00.000Z' }), now).text).toBe(
      'due in 3 days',
    );
  });

  it('says "due in 0 min", not a negative time, at the very edge', () => {
    expect(describeClock(referral({ dueAt: '2026-06-15T11:59:00.000Z' }), now).text).toBe(
      'due in 0 min',
    );
  });

  it('marks an open overdue referral urgent, using the server’s count when it gives one', () => {
    expect(describeClock(referral({ state: 'overdue', overdueByMinutes: 120 }), now)).toEqual({
      text: 'overdue by 2 h',
      color: 'red',
      isUrgent: true,
    });
    // Without the server's count, it is counted from the due time.
    const counted = referral({ state: 'overdue', dueAt: '2026-06-14T12:00:00.000Z' });
    expect(describeClock(counted, now).text).toBe('overdue by 24 h');
  });

  it('greys out a referral closed without contact, and is no longer urgent', () => {
    const closed = referral(
      { state: 'overdue', overdueByMinutes: 3 * 1440 },
      '2026-06-15T09:00:00.000Z',
    );
    expect(describeClock(closed, now)).toEqual({
      text: 'closed without contact, overdue by 3 days',
      color: 'gray',
      isUrgent: false,
    });
    expect(describeClock(referral({ state: 'due' }, '2026-06-15T10:00:00.000Z'), now)).toEqual({
      text: 'closed before first contact',
      color: 'gray',
      isUrgent: false,
    });
  });

  it('says how long the first contact took, in time or late', () => {
    expect(describeClock(referral({ state: 'met', tookMinutes: 180 }), now)).toEqual({
      text: 'contacted in 3 h ✓ in time',
      color: 'teal',
      isUrgent: false,
    });
    expect(describeClock(referral({ state: 'late', tookMinutes: 30 * 60 }), now)).toEqual({
      text: 'contacted in 30 h — late',
      color: 'orange',
      isUrgent: false,
    });
    expect(describeClock(referral({ state: 'met', tookMinutes: null }), now).text).toBe(
      'contacted in 0 min ✓ in time',
    );
  });

  it('stops warning once the referral is won or closed: late is history, in grey', () => {
    const late = { state: 'late' as const, tookMinutes: 30 * 60, overdueByMinutes: 6 * 60 };
    const settled = {
      text: 'contacted in 30 h, after the response window',
      color: 'gray',
      isUrgent: false,
    };
    expect(describeClock(referral(late, null, 'client'), now)).toEqual(settled);
    expect(describeClock(referral(late, '2026-06-15T09:00:00.000Z', 'declined'), now)).toEqual(
      settled,
    );
    // Still in progress: the orange "late" stays.
    expect(describeClock(referral(late, null, 'meeting'), now).color).toBe('orange');
  });
});

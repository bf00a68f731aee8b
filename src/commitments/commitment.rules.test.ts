import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayMs as DAY } from '../platform/calendar.ts';
import {
  allocateCredits,
  type CreditableCommitment,
  creditTargetOf,
  reminderOf,
} from './commitment.rules.ts';

const t0 = Date.parse('2026-03-02T09:00:00.000Z');
const iso = (days: number) => new Date(t0 + days * DAY).toISOString();
const c = (id: string, madeDay: number, promised: number, credited = 0): CreditableCommitment => ({
  id,
  madeAt: iso(madeDay),
  promisedCount: promised,
  credited,
  status: 'open',
});

describe('crediting (§3.4)', () => {
  it('credits the oldest open commitment made before the referral', () => {
    expect(creditTargetOf([c('new', 5, 3), c('old', 1, 3)], iso(6))?.id).toBe('old');
    expect(creditTargetOf([c('new', 5, 3), c('old', 1, 3, 3)], iso(6))?.id).toBe('new');
    expect(creditTargetOf([c('new', 5, 3)], iso(5))).toBeNull();
    expect(creditTargetOf([{ ...c('x', 1, 3), status: 'released' }], iso(6))).toBeNull();
  });
  it('fulfils at the promised count and then moves on', () => {
    const { credits, commitments } = allocateCredits(
      [c('a', 0, 2), c('b', 1, 1)],
      [
        { id: 'r1', receivedAt: iso(2) },
        { id: 'r2', receivedAt: iso(3) },
        { id: 'r3', receivedAt: iso(4) },
        { id: 'r4', receivedAt: iso(5) },
      ],
    );
    expect([...credits]).toEqual([
      ['r1', 'a'],
      ['r2', 'a'],
      ['r3', 'b'],
    ]);
    expect(commitments.map((x) => x.status)).toEqual(['fulfilled', 'fulfilled']);
  });
  it('property: credits never exceed what was promised; each referral credits at most one', () => {
    const commitment = fc.record({
      madeDay: fc.integer({ min: 0, max: 60 }),
      promised: fc.integer({ min: 1, max: 20 }),
    });
    fc.assert(
      fc.property(
        fc.array(commitment, { maxLength: 6 }),
        fc.array(fc.integer({ min: 0, max: 90 }), { maxLength: 40 }),
        (cs, days) => {
          const commitments = cs.map((x, i) => c(`c${i}`, x.madeDay, x.promised));
          const referrals = days.map((d, i) => ({ id: `r${i}`, receivedAt: iso(d + 0.5) }));
          const { credits, commitments: after } = allocateCredits(commitments, referrals);
          const total = commitments.reduce((n, x) => n + x.promisedCount, 0);
          expect(credits.size).toBeLessThanOrEqual(total);
          expect(credits.size).toBeLessThanOrEqual(referrals.length);
          for (const x of after) {
            const n = [...credits.values()].filter((id) => id === x.id).length;
            expect(n).toBe(x.credited);
            expect(n).toBeLessThanOrEqual(x.promisedCount);
            expect(x.status === 'fulfilled').toBe(n === x.promisedCount);
          }
          for (const [referralId, commitmentId] of credits) {
            const r = referrals.find((x) => x.id === referralId);
            const made = after.find((x) => x.id === commitmentId)?.madeAt ?? '';
            expect(r && r.receivedAt > made).toBe(true);
          }
        },
      ),
    );
  });
});

describe('reminders (§3.4)', () => {
  const settings = { commitmentReminderDays: 14, commitmentMaxReminders: 2 };
  const base = {
    status: 'open' as const,
    madeAt: iso(0),
    lastCreditAt: null,
    lastReminderAt: null,
    remindersSent: 0,
  };
  const now = (days: number) => new Date(t0 + days * DAY);

  it('is due exactly 14 days after it was made, not a millisecond before', () => {
    expect(reminderOf(base, settings, new Date(t0 + 14 * DAY - 1))).toEqual({
      state: 'not_due',
      dueAt: iso(14),
    });
    expect(reminderOf(base, settings, now(14))).toEqual({ state: 'due', dueAt: iso(14) });
  });
  it('counts from the last credit or the last reminder', () => {
    expect(reminderOf({ ...base, lastCreditAt: iso(10) }, settings, now(20)).state).toBe('not_due');
    expect(reminderOf({ ...base, lastCreditAt: iso(10) }, settings, now(24)).state).toBe('due');
    expect(
      reminderOf({ ...base, lastReminderAt: iso(14), remindersSent: 1 }, settings, now(27)).state,
    ).toBe('not_due');
    expect(
      reminderOf({ ...base, lastReminderAt: iso(14), remindersSent: 1 }, settings, now(28)).state,
    ).toBe('due');
  });
  it('after 2 unanswered reminders suggests releasing instead of a third', () => {
    const twice = { ...base, lastReminderAt: iso(28), remindersSent: 2 };
    expect(reminderOf(twice, settings, now(41)).state).toBe('not_due');
    expect(reminderOf(twice, settings, now(42))).toEqual({
      state: 'release_suggested',
      dueAt: iso(42),
    });
    // A credit after the reminders answers them: the count starts again.
    expect(reminderOf({ ...twice, lastCreditAt: iso(30) }, settings, now(44)).state).toBe('due');
  });
  it('is closed once fulfilled or released', () => {
    expect(reminderOf({ ...base, status: 'fulfilled' }, settings, now(99))).toEqual({
      state: 'closed',
      dueAt: null,
    });
  });
});

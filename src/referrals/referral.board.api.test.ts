/**
 * The board's column headers (issue 11 §15): each column's count and the sum of its referrals'
 * values per currency — of every referral in the column, not only the cards shown.
 */
import { describe, expect, it } from 'vitest';
import { fixedClock } from '../platform/clock.ts';
import { ok } from '../test-support/api-expect.ts';
import { useContact, usePractices, useTestContext } from '../test-support/suite.ts';
import { testTargets } from '../test-support/testing.ts';
import type { Board, ReferralDetail } from './referral.schemas.ts';

describe.each(testTargets)('board column values on %s', (target) => {
  const clock = fixedClock('2026-03-02T10:00:00.000Z');
  const ctx = useTestContext(target, { clock });
  const [a, b] = usePractices(ctx, ['Valued Practice', 'Other Practice']);
  const lee = useContact(a, { name: 'Lee Park', stage: 'trusts' });

  const referral = (name: string, extra: Record<string, unknown>) =>
    ok<ReferralDetail>(a.session, 'POST', '/referrals', {
      referred: { name },
      referrer: { contactId: lee.id },
      channel: 'phone',
      ...extra,
    });

  it('sums every referral of a column per currency; a column without values has none', async () => {
    await referral('One', { valueMinor: 100_000, currency: 'USD' });
    await referral('Two', { valueMinor: 50_000, currency: 'USD' });
    await referral('Three', { valueMinor: 20_000, currency: 'EUR' });
    await referral('No Value', {});
    const won = await referral('Won', { valueMinor: 300_000, currency: 'USD' });
    await ok(a.session, 'POST', `/referrals/${won.id}/status`, { status: 'client' });
    const lost = await referral('Lost', { valueMinor: 7_000, currency: 'USD' });
    await ok(a.session, 'POST', `/referrals/${lost.id}/status`, { status: 'declined' });

    const board = await ok<Board>(a.session, 'GET', '/referrals/board?limit=1');
    expect(board.columns.map((c) => [c.status, c.total, c.items.length, c.values])).toEqual([
      [
        'new',
        4,
        1,
        [
          { currency: 'EUR', totalMinor: 20_000 },
          { currency: 'USD', totalMinor: 150_000 },
        ],
      ],
      ['contacted', 0, 0, []],
      ['meeting', 0, 0, []],
      ['client', 1, 1, [{ currency: 'USD', totalMinor: 300_000 }]],
      ['closed', 1, 1, [{ currency: 'USD', totalMinor: 7_000 }]],
    ]);
    const other = await ok<Board>(b.session, 'GET', '/referrals/board');
    expect(other.columns.every((c) => c.total === 0 && c.values.length === 0)).toBe(true);
  });
});

/**
 * Insights count days and months in the practice's time zone (§5), like every other feature:
 * a referral at 23:30 on the last evening of a month in Los Angeles (07:30 UTC the next day)
 * counts in that month, on that weekday, and within a range that ends that day.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../platform/clock.ts';
import { ok } from '../test-support/api-expect.ts';
import { usePractices, useTestContext } from '../test-support/suite.ts';
import { type SeededPractice, testTargets } from '../test-support/testing.ts';
import type { Insights } from './insight.schemas.ts';

describe.each(testTargets)('insights in the practice time zone (%s)', (target) => {
  const clock = fixedClock('2026-06-15T12:00:00.000Z');

  const referral = (p: SeededPractice, receivedAt: string, name: string) =>
    ok(p.session, 'POST', '/referrals', {
      referred: { name },
      referrer: { unknown: true },
      channel: 'phone',
      receivedAt,
    });
  const when = async (p: SeededPractice, range: string) =>
    (await ok<Insights>(p.session, 'GET', `/insights?${range}&sections=when,networkGrowth`)).when;

  const ctx = useTestContext(target, { clock });
  const [la, auckland] = usePractices(ctx, ['Los Angeles Practice', 'Auckland Practice']);
  beforeAll(async () => {
    await ok(la.session, 'PATCH', '/practice', { timeZone: 'America/Los_Angeles' });
    await ok(auckland.session, 'PATCH', '/practice', { timeZone: 'Pacific/Auckland' });
    // Saturday 31 January 2026, 23:30 in Los Angeles (PST, −8) = Sunday 1 February 07:30 UTC.
    await referral(la, '2026-02-01T07:30:00.000Z', 'Late January');
    // Tuesday 31 March 2026, 23:30 in Los Angeles (PDT, −7, after the spring change).
    await referral(la, '2026-04-01T06:30:00.000Z', 'Late March');
    // Sunday 1 February 2026, 00:30 in Auckland (NZDT, +13) = Saturday 31 January 11:30 UTC.
    await referral(auckland, '2026-01-31T11:30:00.000Z', 'Early February');
  });

  it('a referral at 23:30 local on the last day of a month counts in that month', async () => {
    const w = await when(la, 'from=2026-01-01&to=2026-04-30');
    expect(w?.byMonth).toEqual([
      { month: '2026-01', referrals: 1, clients: 0 },
      { month: '2026-02', referrals: 0, clients: 0 },
      { month: '2026-03', referrals: 1, clients: 0 },
      { month: '2026-04', referrals: 0, clients: 0 },
    ]);
    // Saturday (6) and Tuesday (2) where the practice is; UTC would say Sunday and Wednesday.
    expect(w?.byWeekday.filter((d) => d.referrals > 0)).toEqual([
      { weekday: 2, referrals: 1 },
      { weekday: 6, referrals: 1 },
    ]);
  });

  it('a range of local days holds the evening of its last day and not the next morning', async () => {
    const january = await when(la, 'from=2026-01-01&to=2026-01-31');
    expect(january?.byMonth).toEqual([{ month: '2026-01', referrals: 1, clients: 0 }]);
    const february = await when(la, 'from=2026-02-01&to=2026-02-28');
    expect(february?.byMonth).toEqual([{ month: '2026-02', referrals: 0, clients: 0 }]);
  });

  it('ahead of UTC: 00:30 on the first of a month counts in the new month', async () => {
    const w = await when(auckland, 'from=2026-01-01&to=2026-02-28');
    expect(w?.byMonth).toEqual([
      { month: '2026-01', referrals: 0, clients: 0 },
      { month: '2026-02', referrals: 1, clients: 0 },
    ]);
    expect(w?.byWeekday.filter((d) => d.referrals > 0)).toEqual([{ weekday: 0, referrals: 1 }]);
  });
});

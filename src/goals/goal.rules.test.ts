import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  conversionOf,
  forecastYearEnd,
  monthlyTargetOf,
  paceOf,
  reachedThresholds,
  referralsNeededOf,
  yearElapsedShare,
} from './goal.rules.ts';

const settings = { defaultConversionPercent: 67, conversionMinClosed: 10 };

describe('goal arithmetic (§3.8), worked examples', () => {
  it('60 clients a year: 5 a month, 7.5 referrals a month at the default 2/3', () => {
    const monthly = monthlyTargetOf(60);
    expect(monthly).toBe(5);
    const c = conversionOf({ closedLast12Months: 9, clientsLast12Months: 9 }, settings);
    expect(c.source).toBe('default');
    expect(c.rate).toBeCloseTo(2 / 3, 12);
    expect(referralsNeededOf(monthly, c.rate)).toBeCloseTo(7.5, 12);
  });
  it('after 10 closed referrals (4 clients) the own rate 40 %: 12.5 referrals a month', () => {
    const c = conversionOf({ closedLast12Months: 10, clientsLast12Months: 4 }, settings);
    expect(c).toMatchObject({ source: 'own', rate: 0.4, closedLast12Months: 10 });
    expect(referralsNeededOf(monthlyTargetOf(60), c.rate)).toBeCloseTo(12.5, 12);
  });
  it('12 clients a year: 1 a month, 1.5 referrals ("50 % more referrals than clients")', () => {
    const c = conversionOf({ closedLast12Months: 0, clientsLast12Months: 0 }, settings);
    expect(referralsNeededOf(monthlyTargetOf(12), c.rate)).toBeCloseTo(1.5, 12);
  });
  it('a set default other than 67 is that percent', () => {
    const c = conversionOf(
      { closedLast12Months: 0, clientsLast12Months: 0 },
      { defaultConversionPercent: 50, conversionMinClosed: 10 },
    );
    expect(c.rate).toBe(0.5);
  });
  it('pace and forecast: 30 clients by mid-year of 60 is on track and forecasts 60', () => {
    const start = Date.UTC(2026, 0, 1);
    const end = Date.UTC(2027, 0, 1);
    const share = yearElapsedShare(start, end, start + (end - start) / 2);
    expect(share).toBe(0.5);
    expect(paceOf(30, 60 * share)).toBe('on_track');
    expect(paceOf(40, 30)).toBe('ahead');
    expect(paceOf(20, 30)).toBe('behind');
    expect(forecastYearEnd(30, share, 1 / 365)).toBe(60);
  });
  it('thresholds: 15 of 60 is 25 %, 59 of 60 is 75 %, 60 is 100 %', () => {
    expect(reachedThresholds(14, 60)).toEqual([]);
    expect(reachedThresholds(15, 60)).toEqual([25]);
    expect(reachedThresholds(59, 60)).toEqual([25, 50, 75]);
    expect(reachedThresholds(60, 60)).toEqual([25, 50, 75, 100]);
  });
});

describe('goal arithmetic, properties', () => {
  const target = fc.integer({ min: 1, max: 10_000 });
  const basis = fc
    .tuple(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 5000 }))
    .map(([closed, c]) => ({
      closedLast12Months: closed,
      clientsLast12Months: Math.min(c, closed),
    }));
  const goalSettings = fc.record({
    defaultConversionPercent: fc.integer({ min: 1, max: 100 }),
    conversionMinClosed: fc.integer({ min: 1, max: 1000 }),
  });

  it('monthly × 12 = target; needed × rate = monthly; needed ≥ monthly', () => {
    fc.assert(
      fc.property(target, basis, goalSettings, (t, b, s) => {
        const monthly = monthlyTargetOf(t);
        const { rate } = conversionOf(b, s);
        const needed = referralsNeededOf(monthly, rate);
        expect(monthly * 12).toBeCloseTo(t, 9);
        expect(needed * rate).toBeCloseTo(monthly, 9);
        expect(needed).toBeGreaterThanOrEqual(monthly - 1e-9);
      }),
    );
  });
  it('the default rules until conversionMinClosed closed, then the own rate in (0, 1]', () => {
    fc.assert(
      fc.property(basis, goalSettings, (b, s) => {
        const c = conversionOf(b, s);
        expect(c.source).toBe(b.closedLast12Months < s.conversionMinClosed ? 'default' : 'own');
        expect(c.rate).toBeGreaterThan(0);
        expect(c.rate).toBeLessThanOrEqual(1);
        if (c.source === 'own' && b.clientsLast12Months > 0)
          expect(c.rate).toBeCloseTo(
            Math.max(0.01, b.clientsLast12Months / b.closedLast12Months),
            12,
          );
      }),
    );
  });
  it('forecast ≥ clients so far, equal at year end; thresholds are monotone', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 20_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        target,
        (clients, share, t) => {
          const f = forecastYearEnd(clients, share, 1 / 365);
          expect(f).toBeGreaterThanOrEqual(clients);
          expect(forecastYearEnd(clients, 1, 1 / 365)).toBe(clients);
          const now = reachedThresholds(clients, t);
          const later = reachedThresholds(clients + 1, t);
          expect(later.length).toBeGreaterThanOrEqual(now.length);
        },
      ),
    );
  });
  it('pace is ahead only above, behind only below what is expected', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1000 }),
        fc.double({ min: 0, max: 1000, noNaN: true }),
        (a, e) => {
          const p = paceOf(a, e);
          if (p === 'ahead') expect(a).toBeGreaterThan(e);
          if (p === 'behind') expect(a).toBeLessThan(e);
        },
      ),
    );
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultRange, fillMonths, momentumOf, monthsOf, slopeOf } from './insight.rules.ts';

describe('insight rules', () => {
  it('the default range is the last 12 months including today', () => {
    expect(defaultRange(new Date('2026-11-25T10:00:00Z'), 'UTC')).toEqual({
      from: '2025-11-26',
      to: '2026-11-25',
    });
    // "Today" is the practice's: already the 26th in Auckland, still the 24th in Los Angeles.
    expect(defaultRange(new Date('2026-11-25T12:00:00Z'), 'Pacific/Auckland').to).toBe(
      '2026-11-26',
    );
    expect(defaultRange(new Date('2026-11-25T05:00:00Z'), 'America/Los_Angeles').to).toBe(
      '2026-11-24',
    );
    expect(defaultRange(new Date('2028-02-29T12:00:00Z'), 'UTC')).toEqual({
      from: '2027-03-01',
      to: '2028-02-29',
    });
  });
  it('months of a range, filled with zeros', () => {
    expect(monthsOf({ from: '2025-11-26', to: '2026-02-01' })).toEqual([
      '2025-11',
      '2025-12',
      '2026-01',
      '2026-02',
    ]);
    expect(
      fillMonths(['2026-01', '2026-02'], [{ month: '2026-02', n: 3 }], (month) => ({
        month,
        n: 0,
      })),
    ).toEqual([
      { month: '2026-01', n: 0 },
      { month: '2026-02', n: 3 },
    ]);
  });
  it('slow, then exponential: 1, 2, 4, 8, 16 doubles every month', () => {
    expect(momentumOf([1, 2, 4, 8, 16])).toEqual({ trendPerMonth: 3.6, doublingTimeMonths: 1 });
    expect(momentumOf([5, 5, 5, 5]).doublingTimeMonths).toBeNull();
    expect(momentumOf([8, 4, 2]).doublingTimeMonths).toBeNull();
    expect(momentumOf([0, 3]).doublingTimeMonths).toBeNull();
  });
  it('the slope of a line is its step', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: -50, max: 50 }),
        fc.integer({ min: 0, max: 100 }),
        fc.integer({ min: 2, max: 24 }),
        (step, start, n) => {
          const ys = Array.from({ length: n }, (_, i) => start + step * i);
          expect(slopeOf(ys)).toBeCloseTo(step, 9);
        },
      ),
    );
  });
});

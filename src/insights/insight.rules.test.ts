import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  completionOf,
  defaultRange,
  fillMonths,
  momentumOf,
  monthsOf,
  slopeOf,
} from './insight.rules.ts';

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

describe('completion of warm handoffs and the rest', () => {
  it('splits the totals, with rates and how many times as often', () => {
    expect(completionOf({ contacted: 9, clients: 3, warmContacted: 4, warmClients: 2 })).toEqual({
      groups: [
        { group: 'warm', contacted: 4, clients: 2, rate: 0.5 },
        { group: 'other', contacted: 5, clients: 1, rate: 0.2 },
      ],
      timesAsOften: 2.5,
    });
  });
  it('has no rate without contacted referrals, and no ratio without both rates', () => {
    expect(completionOf({ contacted: 0, clients: 0, warmContacted: 0, warmClients: 0 })).toEqual({
      groups: [
        { group: 'warm', contacted: 0, clients: 0, rate: null },
        { group: 'other', contacted: 0, clients: 0, rate: null },
      ],
      timesAsOften: null,
    });
    expect(
      completionOf({ contacted: 3, clients: 1, warmContacted: 1, warmClients: 1 }).timesAsOften,
    ).toBeNull();
    expect(
      completionOf({ contacted: 3, clients: 0, warmContacted: 1, warmClients: 0 }).timesAsOften,
    ).toBeNull();
    expect(
      completionOf({ contacted: 3, clients: 1, warmContacted: 2, warmClients: 0 }).timesAsOften,
    ).toBe(0);
  });
  it('the groups always add up to the totals', () => {
    fc.assert(
      fc.property(
        fc.nat(1000),
        fc.nat(1000),
        fc.nat(1000),
        fc.nat(1000),
        (otherContacted, otherClientsRaw, warmContacted, warmClientsRaw) => {
          const otherClients = Math.min(otherClientsRaw, otherContacted);
          const warmClients = Math.min(warmClientsRaw, warmContacted);
          const { groups } = completionOf({
            contacted: otherContacted + warmContacted,
            clients: otherClients + warmClients,
            warmContacted,
            warmClients,
          });
          expect(groups.map((g) => [g.contacted, g.clients])).toEqual([
            [warmContacted, warmClients],
            [otherContacted, otherClients],
          ]);
          for (const g of groups) if (g.rate !== null) expect(g.rate).toBeGreaterThanOrEqual(0);
        },
      ),
    );
  });
});

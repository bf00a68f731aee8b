import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  dayMs,
  dayRangeInstants,
  dayStart,
  isCalendarDay,
  localDay,
  localWeekday,
  localYearMonth,
  minusYear,
  monthStart,
  offsetSpans,
  plusDays,
  receivedRange,
  weekdayOfDay,
  weekStartOf,
  zoneOffsetMs,
} from './calendar.ts';

const iso = (d: Date) => d.toISOString();
const zones = [
  'UTC',
  'America/New_York',
  'America/Los_Angeles',
  'Europe/Berlin',
  'Australia/Lord_Howe',
  'Asia/Kolkata',
  'Pacific/Chatham',
  'Pacific/Auckland',
  'America/Havana',
  'America/Santiago',
  'Asia/Kathmandu',
];

describe('dayStart: the first instant of a local day', () => {
  it.each([
    // America/New_York: spring forward 8 March 2026 (23 h day), fall back 1 November (25 h).
    ['2026-03-08', 'America/New_York', '2026-03-08T05:00:00.000Z'],
    ['2026-03-09', 'America/New_York', '2026-03-09T04:00:00.000Z'],
    ['2026-11-01', 'America/New_York', '2026-11-01T04:00:00.000Z'],
    ['2026-11-02', 'America/New_York', '2026-11-02T05:00:00.000Z'],
    // Europe/Berlin: 29 March and 25 October 2026.
    ['2026-03-29', 'Europe/Berlin', '2026-03-28T23:00:00.000Z'],
    ['2026-03-30', 'Europe/Berlin', '2026-03-29T22:00:00.000Z'],
    ['2026-10-25', 'Europe/Berlin', '2026-10-24T22:00:00.000Z'],
    ['2026-10-26', 'Europe/Berlin', '2026-10-25T23:00:00.000Z'],
    // Lord Howe moves by half an hour: +11 → +10:30 on 5 April, back on 4 October.
    ['2026-04-05', 'Australia/Lord_Howe', '2026-04-04T13:00:00.000Z'],
    ['2026-04-06', 'Australia/Lord_Howe', '2026-04-05T13:30:00.000Z'],
    ['2026-10-04', 'Australia/Lord_Howe', '2026-10-03T13:30:00.000Z'],
    ['2026-10-05', 'Australia/Lord_Howe', '2026-10-04T13:00:00.000Z'],
    // Kolkata: +5:30, no DST; Chatham: +13:45 / +12:45.
    ['2026-01-01', 'Asia/Kolkata', '2025-12-31T18:30:00.000Z'],
    ['2026-07-01', 'Asia/Kolkata', '2026-06-30T18:30:00.000Z'],
    ['2026-01-01', 'Pacific/Chatham', '2025-12-31T10:15:00.000Z'],
    ['2026-04-05', 'Pacific/Chatham', '2026-04-04T10:15:00.000Z'],
    ['2026-04-06', 'Pacific/Chatham', '2026-04-05T11:15:00.000Z'],
    // Midnight skipped: the day begins at the change (01:00 local).
    ['2026-03-08', 'America/Havana', '2026-03-08T05:00:00.000Z'],
    ['2026-09-06', 'America/Santiago', '2026-09-06T04:00:00.000Z'],
    ['2026-01-01', 'UTC', '2026-01-01T00:00:00.000Z'],
    ['2028-02-29', 'UTC', '2028-02-29T00:00:00.000Z'],
  ])('%s in %s starts at %s', (day, zone, start) => {
    expect(iso(dayStart(day, zone))).toBe(start);
  });

  it('has 23, 25 and 23.5 hour days where the clocks move', () => {
    const length = (day: string, zone: string) =>
      (dayStart(addDays(day, 1), zone).getTime() - dayStart(day, zone).getTime()) / 3_600_000;
    expect(length('2026-03-08', 'America/New_York')).toBe(23);
    expect(length('2026-11-01', 'America/New_York')).toBe(25);
    expect(length('2026-10-04', 'Australia/Lord_Howe')).toBe(23.5);
    expect(length('2026-04-05', 'Australia/Lord_Howe')).toBe(24.5);
    expect(length('2026-06-15', 'Asia/Kolkata')).toBe(24);
  });

  it('every instant lies in the local day it is shown as (property, many zones)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2150, 0, 1) }),
        fc.constantFrom(...zones),
        (t, zone) => {
          const day = localDay(t, zone);
          expect(dayStart(day, zone).getTime()).toBeLessThanOrEqual(t);
          expect(dayStart(addDays(day, 1), zone).getTime()).toBeGreaterThan(t);
          expect(localDay(dayStart(day, zone), zone)).toBe(day);
        },
      ),
      { numRuns: 500 },
    );
  });
});

describe('local days, months and weeks', () => {
  it('year ends: the same instant is in different years in different zones', () => {
    const at = '2026-12-31T23:30:00.000Z';
    expect(localDay(at, 'UTC')).toBe('2026-12-31');
    expect(localDay('2027-01-01T07:30:00.000Z', 'America/Los_Angeles')).toBe('2026-12-31');
    expect(localDay('2026-12-31T11:00:00.000Z', 'Pacific/Auckland')).toBe('2027-01-01');
    expect(localDay('2026-12-31T10:59:59.999Z', 'Pacific/Auckland')).toBe('2026-12-31');
    expect(localYearMonth('2026-12-31T10:15:00.000Z', 'Pacific/Chatham')).toEqual({
      year: 2027,
      month: 1,
    });
  });

  it('the instants around a fall-back hour keep their day', () => {
    // 1 November 2026, New York: 01:30 happens twice (EDT, then EST).
    expect(localDay('2026-11-01T05:30:00.000Z', 'America/New_York')).toBe('2026-11-01');
    expect(localDay('2026-11-01T06:30:00.000Z', 'America/New_York')).toBe('2026-11-01');
    expect(zoneOffsetMs('2026-11-01T05:30:00.000Z', 'America/New_York')).toBe(-4 * 3_600_000);
    expect(zoneOffsetMs('2026-11-01T06:30:00.000Z', 'America/New_York')).toBe(-5 * 3_600_000);
  });

  it('weekdays (ISO, Monday = 1) and the Monday of the week', () => {
    expect(localWeekday('2026-03-01T12:00:00.000Z', 'UTC')).toBe(7);
    expect(localWeekday('2026-03-01T23:30:00.000Z', 'Asia/Kolkata')).toBe(1);
    expect(weekStartOf('2026-03-01T12:00:00.000Z', 'UTC')).toBe('2026-02-23');
    expect(weekStartOf('2026-03-01T23:30:00.000Z', 'Asia/Kolkata')).toBe('2026-03-02');
    expect(weekdayOfDay('2026-03-02')).toBe(1);
    expect(weekdayOfDay('2028-02-29')).toBe(2);
  });

  it('month starts across years and DST', () => {
    expect(iso(monthStart(2026, 1, 'America/Chicago'))).toBe('2026-01-01T06:00:00.000Z');
    expect(iso(monthStart(2026, 7, 'America/Chicago'))).toBe('2026-07-01T05:00:00.000Z');
    expect(iso(monthStart(2026, 13, 'Europe/Berlin'))).toBe('2026-12-31T23:00:00.000Z');
    expect(iso(monthStart(2026, 0, 'UTC'))).toBe('2025-12-01T00:00:00.000Z');
  });
});

describe('calendar dates and spans of days', () => {
  it('adds days and months over month ends, year ends and leap days', () => {
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -1)).toBe('2026-12-31');
    expect(addMonths('2026-12', 1)).toBe('2027-01');
    expect(addMonths('2026-01', -1)).toBe('2025-12');
    expect(addMonths('2026-03', 24)).toBe('2028-03');
    expect(minusYear('2028-02-29')).toBe('2027-02-28');
    expect(minusYear('2027-03-01')).toBe('2026-03-01');
  });

  it('a span of days is elapsed time, the same across DST', () => {
    expect(plusDays('2026-03-07T12:00:00.000Z', 1)).toBe('2026-03-08T12:00:00.000Z');
    expect(plusDays('2026-03-07T12:00:00.000Z', -0.5)).toBe('2026-03-07T00:00:00.000Z');
    expect(dayMs).toBe(86_400_000);
  });

  it('inclusive days → half-open instants in the zone', () => {
    expect(dayRangeInstants({ from: '2026-03-01', to: '2026-03-31' }, 'Pacific/Auckland')).toEqual({
      from: '2026-02-28T11:00:00.000Z',
      to: '2026-03-31T11:00:00.000Z',
    });
    expect(dayRangeInstants({ from: '2026-01-01', to: '2026-12-31' }, 'UTC')).toEqual({
      from: '2026-01-01T00:00:00.000Z',
      to: '2027-01-01T00:00:00.000Z',
    });
  });

  it('a filter range: whole days inclusive in the zone, timestamps as they are', () => {
    expect(receivedRange({ from: '2026-03-01', to: '2026-03-31' }, 'Europe/Berlin')).toEqual({
      from: '2026-02-28T23:00:00.000Z',
      toExclusive: '2026-03-31T22:00:00.000Z',
      toInclusive: null,
    });
    expect(receivedRange({ to: '2026-03-31T10:00:00+02:00' }, 'UTC')).toEqual({
      from: null,
      toExclusive: null,
      toInclusive: '2026-03-31T08:00:00.000Z',
    });
    expect(receivedRange({ from: '2026-03-01T09:00:00Z' }, 'Asia/Kolkata')).toEqual({
      from: '2026-03-01T09:00:00.000Z',
      toExclusive: null,
      toInclusive: null,
    });
  });

  it('a filter range of days is the same instants as dayRangeInstants (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1990, 0, 1), max: Date.UTC(2150, 0, 1) }),
        fc.integer({ min: 0, max: 400 }),
        fc.constantFrom(...zones),
        (t, length, zone) => {
          const from = localDay(t, 'UTC');
          const to = addDays(from, length);
          const days = dayRangeInstants({ from, to }, zone);
          expect(receivedRange({ from, to }, zone)).toEqual({
            from: days.from,
            toExclusive: days.to,
            toInclusive: null,
          });
        },
      ),
      { numRuns: 200 },
    );
  });

  it('a calendar day is YYYY-MM-DD and exists', () => {
    expect(isCalendarDay('2026-02-28')).toBe(true);
    expect(isCalendarDay('2028-02-29')).toBe(true);
    expect(isCalendarDay('2026-02-31')).toBe(false);
    expect(isCalendarDay('2026-2-28')).toBe(false);
    expect(isCalendarDay('2026-02-28T00:00:00Z')).toBe(false);
  });
});

describe('offsetSpans: where a zone changes its offset', () => {
  const year = ['2026-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z'] as const;

  it('cuts a year at each change, to the second', () => {
    expect(offsetSpans(...year, 'America/New_York')).toEqual([
      { from: year[0], to: '2026-03-08T07:00:00.000Z', offsetMinutes: -300 },
      { from: '2026-03-08T07:00:00.000Z', to: '2026-11-01T06:00:00.000Z', offsetMinutes: -240 },
      { from: '2026-11-01T06:00:00.000Z', to: year[1], offsetMinutes: -300 },
    ]);
    expect(offsetSpans(...year, 'Australia/Lord_Howe').map((s) => s.offsetMinutes)).toEqual([
      660, 630, 660,
    ]);
    expect(offsetSpans(...year, 'Pacific/Chatham').map((s) => s.to)).toEqual([
      '2026-04-04T14:00:00.000Z',
      '2026-09-26T14:00:00.000Z',
      year[1],
    ]);
    expect(offsetSpans(...year, 'UTC')).toEqual([{ from: year[0], to: year[1], offsetMinutes: 0 }]);
    expect(offsetSpans(...year, 'Asia/Kolkata')).toEqual([
      { from: year[0], to: year[1], offsetMinutes: 330 },
    ]);
  });

  it('shifting by the span offset gives the local day (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2100, 0, 1) }),
        fc.integer({ min: 1, max: 800 }),
        fc.constantFrom(...zones),
        (start, lengthDays, zone) => {
          const from = new Date(start).toISOString();
          const to = plusDays(start, lengthDays);
          const spans = offsetSpans(from, to, zone);
          expect(spans[0]?.from).toBe(from);
          expect(spans.at(-1)?.to).toBe(to);
          for (const s of spans) {
            for (const t of [Date.parse(s.from), Date.parse(s.to) - 1]) {
              const shifted = new Date(t + s.offsetMinutes * 60_000).toISOString().slice(0, 10);
              expect(shifted).toBe(localDay(t, zone));
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});

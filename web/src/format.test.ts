import { describe, expect, it } from 'vitest';
import {
  blankToNull,
  currencyDigits,
  formatDate,
  formatDateTime,
  formatDuration,
  formatMoney,
  fromLocalInput,
  minutesUntil,
  toLocalInput,
} from './format';

describe('formatDate and formatDateTime', () => {
  it('show a dash for no time, an empty one or one that is not a time', () => {
    for (const value of [null, undefined, '', 'yesterday', '2026-13-45T00:00:00Z']) {
      expect(formatDate(value)).toBe('—');
      expect(formatDateTime(value)).toBe('—');
    }
  });

  it("count the day in the practice's time zone", () => {
    // 03:00 UTC on New Year's Day is still New Year's Eve in New York, already day in Tokyo.
    const iso = '2026-01-01T03:00:00.000Z';
    const newYork = formatDate(iso, 'America/New_York');
    const tokyo = formatDate(iso, 'Asia/Tokyo');
    expect(newYork).toMatch(/2025/);
    expect(newYork).toMatch(/31/);
    expect(tokyo).toMatch(/2026/);
    expect(tokyo).not.toBe(newYork);
    expect(formatDate(iso, 'UTC')).toBe(tokyo);
  });

  it('show the time of day in the zone, across a daylight-saving change', () => {
    // 12:30 UTC is 07:30 in New York in January (EST) and 08:30 in July (EDT).
    expect(formatDateTime('2026-01-15T12:30:00.000Z', 'America/New_York')).toMatch(/7:30/);
    expect(formatDateTime('2026-07-15T12:30:00.000Z', 'America/New_York')).toMatch(/8:30/);
    expect(formatDateTime('2026-07-15T12:30:00.000Z', 'Asia/Kolkata')).toMatch(/6:00/);
  });

  it('fall back to the local format for a time zone Intl does not know', () => {
    const iso = '2026-03-01T10:00:00.000Z';
    expect(formatDate(iso, 'Mars/Olympus_Mons')).toBe(new Date(iso).toLocaleDateString());
    expect(formatDateTime(iso, 'Mars/Olympus_Mons')).toBe(new Date(iso).toLocaleString());
  });

  it('treat an empty time zone as none given', () => {
    const iso = '2026-03-01T10:00:00.000Z';
    expect(formatDate(iso, '')).toBe(formatDate(iso));
  });
});

describe('blankToNull', () => {
  it('trims text and turns blank text into null', () => {
    expect(blankToNull('')).toBeNull();
    expect(blankToNull('   \n\t')).toBeNull();
    expect(blankToNull('  Ann  ')).toBe('Ann');
    expect(blankToNull('a b')).toBe('a b');
  });
});

describe('formatDuration', () => {
  it('uses minutes under an hour, never negative', () => {
    expect(formatDuration(-30)).toBe('0 min');
    expect(formatDuration(0)).toBe('0 min');
    expect(formatDuration(0.4)).toBe('0 min');
    expect(formatDuration(45)).toBe('45 min');
    expect(formatDuration(59.4)).toBe('59 min');
  });

  it('uses hours from an hour to under 48 hours', () => {
    expect(formatDuration(59.5)).toBe('1 h');
    expect(formatDuration(60)).toBe('1 h');
    expect(formatDuration(89)).toBe('1 h');
    expect(formatDuration(90)).toBe('2 h');
    expect(formatDuration(47 * 60)).toBe('47 h');
    expect(formatDuration(47 * 60 + 29)).toBe('47 h');
  });

  it('uses days (plural) from 48 hours', () => {
    // 47.5 h rounds to 48 h, which is shown in days: 2 days.
    expect(formatDuration(47 * 60 + 30)).toBe('2 days');
    expect(formatDuration(48 * 60)).toBe('2 days');
    expect(formatDuration(3 * 1440)).toBe('3 days');
    expect(formatDuration(3.4 * 1440)).toBe('3 days');
    expect(formatDuration(365 * 1440)).toBe('365 days');
  });
});

describe('minutesUntil', () => {
  const now = Date.parse('2026-06-15T12:00:00.000Z');
  it('is positive before the time, negative after it, and counts fractions', () => {
    expect(minutesUntil('2026-06-15T13:30:00.000Z', now)).toBe(90);
    expect(minutesUntil('2026-06-15T11:00:00.000Z', now)).toBe(-60);
    expect(minutesUntil('2026-06-15T12:00:30.000Z', now)).toBe(0.5);
    expect(minutesUntil('2026-06-15T12:00:00.000Z', now)).toBe(0);
  });

  it('counts across a daylight-saving change in real minutes (timestamps are UTC)', () => {
    // New York springs forward on 8 March 2026: 24 h of clock time is 23 h of real time.
    const before = Date.parse('2026-03-08T06:00:00.000Z');
    expect(minutesUntil('2026-03-09T05:00:00.000Z', before)).toBe(23 * 60);
  });
});

describe('currencyDigits and formatMoney', () => {
  it('knows the minor units of each currency', () => {
    expect(currencyDigits('USD')).toBe(2);
    expect(currencyDigits('EUR')).toBe(2);
    expect(currencyDigits('JPY')).toBe(0);
    expect(currencyDigits('BHD')).toBe(3);
    // Not a currency code at all: two digits, as most currencies have.
    expect(currencyDigits('dollars')).toBe(2);
  });

  it('shows a dash for no amount, but zero as an amount', () => {
    expect(formatMoney(null, 'USD')).toBe('—');
    expect(formatMoney(undefined, 'USD')).toBe('—');
    expect(formatMoney(0, 'USD')).toMatch(/0[.,]00/);
  });

  it('divides minor units by the currency’s own precision', () => {
    expect(formatMoney(150_000, 'USD')).toMatch(/1,500\.00/);
    expect(formatMoney(150_000, 'JPY')).toMatch(/150,000/);
    expect(formatMoney(150_000, 'JPY')).not.toMatch(/\.00/);
    expect(formatMoney(1_234, 'BHD')).toMatch(/1\.234/);
    expect(formatMoney(-2_550, 'USD')).toMatch(/25\.50/);
  });

  it('falls back to a plain amount and the code when Intl refuses the currency', () => {
    expect(formatMoney(150_000, 'dollars')).toBe('1500.00 dollars');
  });
});

describe('toLocalInput and fromLocalInput', () => {
  it('writes a datetime-local value: date, T, hours and minutes', () => {
    expect(toLocalInput(new Date(2026, 0, 5, 7, 3))).toBe('2026-01-05T07:03');
    expect(toLocalInput(new Date(2026, 11, 31, 23, 59, 59))).toBe('2026-12-31T23:59');
    expect(toLocalInput()).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
  });

  it('reads it back as the same instant, to the minute', () => {
    const date = new Date(2026, 5, 15, 9, 41, 27);
    const back = fromLocalInput(toLocalInput(date));
    expect(back).toBe(new Date(2026, 5, 15, 9, 41).toISOString());
  });

  it('reads nothing from an empty or invalid value', () => {
    expect(fromLocalInput('')).toBeUndefined();
    expect(fromLocalInput('not a time')).toBeUndefined();
    expect(fromLocalInput('2026-02-30T25:00')).toBeUndefined();
  });
});

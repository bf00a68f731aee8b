import { describe, expect, it } from 'vitest';
import { monthLabel } from './months';

describe('monthLabel', () => {
  it('names the month with its full year', () => {
    expect(monthLabel('2026-03')).toBe('Mar 2026');
    expect(monthLabel('2025-12')).toBe('Dec 2025');
    expect(monthLabel('2026-01')).toBe('Jan 2026');
  });

  it('keeps two years of the same month apart, and never reads as a day', () => {
    const labels = ['2025-03', '2026-03'].map(monthLabel);
    expect(new Set(labels).size).toBe(2);
    for (const label of labels) expect(label).toMatch(/^[A-Z][a-z]{2} \d{4}$/);
  });
});

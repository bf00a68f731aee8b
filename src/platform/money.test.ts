import { describe, expect, it } from 'vitest';
import { formatMinor, formatMoney } from './money.ts';

describe('money', () => {
  it('writes minor units in the currency precision', () => {
    expect(formatMinor(123456, 'USD')).toBe('1234.56');
    expect(formatMinor(5, 'EUR')).toBe('0.05');
    expect(formatMinor(5000, 'JPY')).toBe('5000');
    expect(formatMinor(1234, 'KWD')).toBe('1.234');
  });
  it('names the currency in a sentence', () => {
    expect(formatMoney(10_000, 'USD')).toBe('100.00 USD');
    expect(formatMoney(5000, 'JPY')).toBe('5000 JPY');
  });
});

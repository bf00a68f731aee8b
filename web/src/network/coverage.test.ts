import { describe, expect, it } from 'vitest';
import { coverageParts, coverageText } from './coverage';

describe('coverageText', () => {
  it('says "n of target covered" up to the target', () => {
    expect(coverageText(0, 5)).toBe('0 of 5 covered');
    expect(coverageText(5, 5)).toBe('5 of 5 covered');
  });

  it('never puts a numerator above its denominator: the rest is "more beyond"', () => {
    expect(coverageText(15, 5)).toBe('5 of 5 covered, 10 more beyond');
    expect(coverageParts(15, 5)).toEqual({ count: '5 of 5', rest: 'covered, 10 more beyond' });
    for (const [coverage, target] of [
      [15, 5],
      [6, 5],
      [1, 0],
    ] as const) {
      const [shown, of] = coverageText(coverage, target).split(' covered')[0]?.split(' of ') ?? [];
      expect(Number(shown)).toBeLessThanOrEqual(Number(of));
    }
  });
});

import { describe, expect, it } from 'vitest';
import { EMPTY_CHART, emptyUnless, hasData } from './empty-states';

describe('empty Insights charts', () => {
  it('are empty when every value is zero or missing, e.g. twelve months of nothing', () => {
    const months = Array.from({ length: 12 }, () => ({ referrals: 0, clients: 0 }));
    expect(hasData(months, 'referrals', 'clients')).toBe(false);
    expect(hasData([], 'referrals')).toBe(false);
    expect(hasData([{ referrals: 0, clients: 1 }], 'referrals', 'clients')).toBe(true);
  });

  it('say what to do instead of drawing axes', () => {
    expect(emptyUnless(false, EMPTY_CHART.referrals)).toBe(EMPTY_CHART.referrals);
    expect(emptyUnless(true, EMPTY_CHART.referrals)).toBeUndefined();
    for (const sentence of Object.values(EMPTY_CHART)) {
      expect(sentence).toMatch(/\.$/);
      // Each says what to do: an imperative after the reason.
      expect(sentence).toMatch(/(Record|Put|Give|Tag|List|Add|choose)\b/);
    }
  });
});

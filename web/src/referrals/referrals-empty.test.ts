import { describe, expect, it } from 'vitest';
import { emptyReferralsMessage, hasAnyFilter } from './referrals-empty';

describe('the empty referrals message', () => {
  it('says what to do first when no filter is set', () => {
    expect(emptyReferralsMessage({})).toBe(
      'No referrals yet — add the first with Add referral (r).',
    );
    // A search box cleared back to nothing leaves its key behind: still no filter.
    expect(emptyReferralsMessage({ q: undefined })).toMatch(/^No referrals yet/);
    expect(hasAnyFilter({ q: '' })).toBe(false);
  });

  it('keeps the filtered message when a filter is set', () => {
    expect(emptyReferralsMessage({ q: 'maria' })).toBe(
      'No referrals match these filters. Clear a filter or widen the dates.',
    );
    expect(hasAnyFilter({ status: 'new' })).toBe(true);
  });
});

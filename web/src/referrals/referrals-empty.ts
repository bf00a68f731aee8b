import type { ReferralFilters } from '../api/types';

/** Whether any filter narrows the referrals (a key present with no value does not). */
export function hasAnyFilter(filters: ReferralFilters): boolean {
  return Object.values(filters).some(
    (v) => v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0),
  );
}

/**
 * What an empty referrals view says: with no filter set, what to do first; with a filter, how
 * to find more.
 */
export function emptyReferralsMessage(filters: ReferralFilters): string {
  return hasAnyFilter(filters)
    ? 'No referrals match these filters. Clear a filter or widen the dates.'
    : 'No referrals yet — add the first with Add referral (r).';
}

import type { GivenOutcome } from './given.rules.ts';

/**
 * Referrals the practice gave to partners.
 * Merged into the app's `Database` (platform/schema.ts): this feature owns their shape.
 */
declare module '../platform/schema.ts' {
  interface Database {
    referral_given: ReferralGivenTable;
  }
}

export type ReferralGivenTable = {
  practice_id: string;
  id: string;
  person_id: string;
  partner_id: string;
  given_at: string;
  reason: string | null;
  partner_notified_at: string | null;
  outcome: GivenOutcome;
  outcome_at: string | null;
  checked_in_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
};

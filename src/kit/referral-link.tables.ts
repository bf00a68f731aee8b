/**
 * Referral links and the submissions of their intake page (migration 0020).
 * Merged into the app's `Database` (platform/schema.ts): this feature owns their shape.
 */
declare module '../platform/schema.ts' {
  interface Database {
    referral_link: ReferralLinkTable;
    intake_submission: IntakeSubmissionTable;
  }
}

export type ReferralLinkTable = {
  practice_id: string;
  id: string;
  /** The short public code of `/r/{code}`; unique across practices. */
  code: string;
  /** Null: the practice-wide link, without a referrer. */
  contact_id: string | null;
  created_by: string | null;
  created_at: string;
  revoked_at: string | null;
  /** Opens of the intake page (the practice's own previews not counted). */
  visits: number;
};

/** One accepted form: never the person's details, which live on their contact and referral. */
export type IntakeSubmissionTable = {
  practice_id: string;
  id: string;
  link_id: string;
  referral_id: string;
  submitted_at: string;
};

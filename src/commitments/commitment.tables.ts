import type { CommitmentStatus } from './commitment.rules.ts';

/**
 * Commitments to refer and the referrals credited to them.
 * Merged into the app's `Database` (platform/schema.ts): this feature owns their shape.
 */
declare module '../platform/schema.ts' {
  interface Database {
    commitment: CommitmentTable;
    commitment_credit: CommitmentCreditTable;
  }
}

export type CommitmentTable = {
  practice_id: string;
  id: string;
  contact_id: string;
  made_at: string;
  promised_count: number;
  incentive_for_referrer: string | null;
  incentive_for_referred: string | null;
  due_at: string | null;
  status: CommitmentStatus;
  fulfilled_at: string | null;
  released_at: string | null;
  reminders_sent: number;
  last_reminder_at: string | null;
  ask_id: string | null;
  note: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
};

export type CommitmentCreditTable = {
  practice_id: string;
  referral_id: string;
  commitment_id: string;
  credited_at: string;
};

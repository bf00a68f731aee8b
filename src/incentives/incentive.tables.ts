import type { IncentiveKind, Ruling } from '../ethics/ethics.rules.ts';
import type { IncentiveRecipient, IncentiveStatus } from './incentive.rules.ts';

/**
 * Incentives promised and delivered, with their ethics verdict.
 * Merged into the app's `Database` (platform/schema.ts): this feature owns their shape.
 */
declare module '../platform/schema.ts' {
  interface Database {
    incentive: IncentiveTable;
  }
}

export type IncentiveTable = {
  practice_id: string;
  id: string;
  kind: IncentiveKind;
  recipient: IncentiveRecipient;
  recipient_contact_id: string | null;
  description: string | null;
  value_minor: number | null;
  currency: string;
  referral_id: string | null;
  commitment_id: string | null;
  status: IncentiveStatus;
  promised_at: string;
  delivered_at: string | null;
  verdict: Ruling;
  verdict_reason: string;
  verdict_source: string;
  disclosed_at: string | null;
  disclosure_method: string | null;
  disclosure_note: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
};

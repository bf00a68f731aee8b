import type { Flag } from '../platform/schema.ts';
import type { Message, SmtpSecurity } from './outbox.schemas.ts';

/**
 * Messages (the outbox) and the practice's SMTP settings.
 * Merged into the app's `Database` (platform/schema.ts): this feature owns their shape.
 */
declare module '../platform/schema.ts' {
  interface Database {
    message: MessageTable;
    smtp_settings: SmtpSettingsTable;
  }
}

export type MessageTable = {
  practice_id: string;
  id: string;
  template_key: string;
  recipient_contact_id: string | null;
  to_name: string | null;
  to_email: string | null;
  subject: string;
  body: string;
  channel: Message['channel'];
  status: Message['status'];
  attempts: number;
  last_error: string | null;
  next_attempt_at: string | null;
  provider_id: string | null;
  idempotency_key: string;
  is_referrer_facing: Flag;
  subject_type: string | null;
  subject_id: string | null;
  created_by: string | null;
  created_at: string;
  queued_at: string | null;
  sent_at: string | null;
  /** The one-time fact the message records (migration 0010); unique per practice. */
  fact_key: string | null;
  /** A copy to a second contact (migration 0021): the referrer of an introduction. */
  cc_contact_id: string | null;
  cc_name: string | null;
  cc_email: string | null;
  /**
   * A private link (a password reset) sealed with the server secret (migration 0025): the body
   * holds `privateLinkPlaceholder` instead; cleared once sent.
   */
  sealed_link: string | null;
};

export type SmtpSettingsTable = {
  practice_id: string;
  host: string;
  port: number;
  security: SmtpSecurity;
  username: string | null;
  password_encrypted: string | null;
  from_email: string;
  from_name: string | null;
  updated_at: string;
  /** When a test email last went through with these settings (migration 0019); null: untested. */
  verified_at: string | null;
};

import type { GeneratedAlways } from 'kysely';

/**
 * The database as Kysely sees it. One representation across SQLite and PostgreSQL:
 * ids are text (time-ordered), timestamps ISO 8601 UTC text, booleans integers 0/1,
 * money integer minor units + currency. better-auth's own tables (auth_*) are the one
 * exception: their dates and flags are stored the way better-auth's adapter writes them.
 */
export type Database = {
  auth_user: AuthUserTable;
  auth_session: AuthSessionTable;
  auth_account: AuthAccountTable;
  auth_verification: AuthVerificationTable;
  auth_rate_limit: AuthRateLimitTable;
  auth_throttle: AuthThrottleTable;
  practice: PracticeTable;
  practice_member: PracticeMemberTable;
  api_token: ApiTokenTable;
  category: CategoryTable;
  circle: CircleTable;
  contact: ContactTable;
  contact_role: ContactRoleTable;
  contact_circle: ContactCircleTable;
  stage_change: StageChangeTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  interaction: InteractionTable;
  referral: ReferralTable;
  referral_tag: ReferralTagTable;
  referral_event: ReferralEventTable;
  referral_given: ReferralGivenTable;
  moment: MomentTable;
  ask: AskTable;
  commitment: CommitmentTable;
  commitment_credit: CommitmentCreditTable;
  incentive: IncentiveTable;
  letter_template: LetterTemplateTable;
  message: MessageTable;
  idempotency_key: IdempotencyKeyTable;
  smtp_settings: SmtpSettingsTable;
  agenda_mark: AgendaMarkTable;
  goal: GoalTable;
  celebration: CelebrationTable;
  celebration_seen: CelebrationSeenTable;
  survey: SurveyTable;
  survey_recipient: SurveyRecipientTable;
  calendar_feed: CalendarFeedTable;
};

type AuthDate = Date | string;

export type AuthUserTable = {
  id: string;
  name: string;
  email: string;
  email_verified: boolean | number;
  image: string | null;
  created_at: AuthDate;
  updated_at: AuthDate;
};

export type AuthSessionTable = {
  id: string;
  user_id: string;
  token: string;
  expires_at: AuthDate;
  ip_address: string | null;
  user_agent: string | null;
  created_at: AuthDate;
  updated_at: AuthDate;
};

export type AuthAccountTable = {
  id: string;
  user_id: string;
  account_id: string;
  provider_id: string;
  access_token: string | null;
  refresh_token: string | null;
  id_token: string | null;
  access_token_expires_at: AuthDate | null;
  refresh_token_expires_at: AuthDate | null;
  scope: string | null;
  password: string | null;
  created_at: AuthDate;
  updated_at: AuthDate;
};

export type AuthVerificationTable = {
  id: string;
  identifier: string;
  value: string;
  expires_at: AuthDate;
  created_at: AuthDate;
  updated_at: AuthDate;
};

export type PracticeTable = {
  id: string;
  name: string;
  profession: string;
  value_proposition: string;
  key_phrases: string; // JSON array of strings
  ideal_client: string;
  time_zone: string;
  postal_address: string;
  settings: string; // JSON object, see practices/settings.rules.ts
  ethics_overrides: string; // JSON { [incentiveKind]: ruling }, tighter only
  set_up_at: string | null;
  created_at: string;
  updated_at: string;
};

export type PracticeMemberTable = {
  practice_id: string;
  user_id: string;
  role: 'owner' | 'member';
  created_at: string;
};

export type ApiTokenTable = {
  practice_id: string;
  id: string;
  user_id: string;
  name: string;
  prefix: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
};

type GroupColumns = {
  practice_id: string;
  id: string;
  name: string;
  name_key: string;
  created_at: string;
};

export type CategoryTable = GroupColumns & {
  /** 1..10 when on the most-wanted list, else null. */
  most_wanted_rank: number | null;
  /** Relationships wanted; null takes the practice's default. */
  target: number | null;
};

export type CircleTable = GroupColumns & { kind: string | null; notes: string | null };

export type ContactTable = {
  practice_id: string;
  id: string;
  name: string;
  name_key: string;
  email: string | null;
  email_key: string | null;
  phone: string | null;
  organization: string | null;
  organization_key: string | null;
  category_id: string | null;
  stage: string;
  stage_rank: number;
  met_where: string | null;
  met_how: string | null;
  email_consent: number;
  do_not_ask: number;
  notes: string | null;
  last_touch_at: string | null;
  keep_in_touch_days: number | null;
  /** HIPAA: a treating provider may be told that the person was seen/scheduled (§3.2). */
  is_treating_provider: number;
  created_at: string;
  updated_at: string;
};

export type ContactRoleTable = {
  practice_id: string;
  contact_id: string;
  role: string;
};

export type ContactCircleTable = {
  practice_id: string;
  contact_id: string;
  circle_id: string;
};

export type StageChangeTable = {
  practice_id: string;
  id: string;
  contact_id: string;
  from_stage: string | null;
  to_stage: string;
  changed_at: string;
  changed_by: string | null;
  reason: string | null;
};

export type AuditLogTable = {
  practice_id: string;
  id: string;
  user_id: string | null;
  action: string;
  subject_type: string | null;
  subject_id: string | null;
  detail: string | null;
  created_at: string;
  /** The place in the practice's hash chain (1, 2, ...); see platform/audit.ts. */
  seq: number;
  prev_hash: string | null;
  hash: string;
  /** SHA-256 of `detail` as written; kept when an erasure sets `detail` to NULL. */
  detail_hash: string | null;
};

/** The last link of each practice's audit chain: appenders take their place from it. */
export type AuditHeadTable = {
  practice_id: string;
  seq: number;
  hash: string | null;
};

export type InteractionTable = {
  practice_id: string;
  id: string;
  contact_id: string;
  kind: string;
  occurred_at: string;
  summary: string | null;
  created_by: string | null;
  created_at: string;
};

export type ReferralTable = {
  practice_id: string;
  id: string;
  referrer_id: string | null;
  /** Null once the referred person was erased (migration 0013): the referral stays, anonymous. */
  referred_id: string | null;
  received_at: string;
  channel: string;
  circle_id: string | null;
  place: string | null;
  need: string | null;
  value_minor: number | null;
  currency: string;
  consent_to_update: number;
  warm_handoff: number;
  status: string;
  status_changed_at: string;
  first_contact_at: string | null;
  meeting_at: string | null;
  client_at: string | null;
  closed_at: string | null;
  thanked_at: string | null;
  conversion_thanked_at: string | null;
  referrer_told_status: string | null;
  referrer_told_at: string | null;
  owner_id: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  /** Generated by the database (migration 0007): minutes received → first contact. */
  first_contact_minutes: GeneratedAlways<number | null>;
  /** Generated: minutes received → thanked. */
  thank_lag_minutes: GeneratedAlways<number | null>;
  /** Generated: minutes from the status change to the referrer being told of that status. */
  update_lag_minutes: GeneratedAlways<number | null>;
};

export type ReferralTagTable = { practice_id: string; referral_id: string; tag: string };

export type ReferralEventTable = {
  practice_id: string;
  id: string;
  referral_id: string;
  kind: string;
  from_status: string | null;
  to_status: string | null;
  at: string;
  by: string | null;
  note: string | null;
};

export type ReferralGivenTable = {
  practice_id: string;
  id: string;
  person_id: string;
  partner_id: string;
  given_at: string;
  reason: string | null;
  partner_notified_at: string | null;
  outcome: string;
  outcome_at: string | null;
  checked_in_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
};

export type MomentTable = {
  practice_id: string;
  id: string;
  contact_id: string;
  kind: string;
  score: number | null;
  occurred_at: string;
  note: string | null;
  created_by: string | null;
  created_at: string;
};

export type AskTable = {
  practice_id: string;
  id: string;
  contact_id: string;
  asked_at: string;
  moment_id: string | null;
  outcome: string | null;
  note: string | null;
  created_by: string | null;
  created_at: string;
};

export type CommitmentTable = {
  practice_id: string;
  id: string;
  contact_id: string;
  made_at: string;
  promised_count: number;
  incentive_for_referrer: string | null;
  incentive_for_referred: string | null;
  due_at: string | null;
  status: string;
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

export type IncentiveTable = {
  practice_id: string;
  id: string;
  kind: string;
  recipient: string;
  recipient_contact_id: string | null;
  description: string | null;
  value_minor: number | null;
  currency: string;
  referral_id: string | null;
  commitment_id: string | null;
  status: string;
  promised_at: string;
  delivered_at: string | null;
  verdict: string;
  verdict_reason: string;
  verdict_source: string;
  disclosed_at: string | null;
  disclosure_method: string | null;
  disclosure_note: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
};

export type LetterTemplateTable = {
  practice_id: string;
  key: string;
  subject: string;
  body: string;
  updated_by: string | null;
  updated_at: string;
};

export type MessageTable = {
  practice_id: string;
  id: string;
  template_key: string;
  recipient_contact_id: string | null;
  to_name: string | null;
  to_email: string | null;
  subject: string;
  body: string;
  channel: string;
  status: string;
  attempts: number;
  last_error: string | null;
  next_attempt_at: string | null;
  provider_id: string | null;
  idempotency_key: string;
  is_referrer_facing: number;
  subject_type: string | null;
  subject_id: string | null;
  created_by: string | null;
  created_at: string;
  queued_at: string | null;
  sent_at: string | null;
  /** The one-time fact the message records (migration 0010); unique per practice. */
  fact_key: string | null;
};

/** The first answer to a POST sent with an Idempotency-Key (migration 0010). */
export type IdempotencyKeyTable = {
  practice_id: string;
  user_id: string;
  key: string;
  request_hash: string;
  status: number | null;
  content_type: string | null;
  response_body: string | null;
  created_at: string;
  expires_at: string;
};

export type SmtpSettingsTable = {
  practice_id: string;
  host: string;
  port: number;
  security: string;
  username: string | null;
  password_encrypted: string | null;
  from_email: string;
  from_name: string | null;
  updated_at: string;
};

export type AgendaMarkTable = {
  practice_id: string;
  item_key: string;
  state: string;
  until: string | null;
  reason: string | null;
  created_by: string | null;
  created_at: string;
};

export type GoalTable = {
  practice_id: string;
  year: number;
  target_clients: number;
  email_team: number;
  updated_by: string | null;
  updated_at: string;
};

export type CelebrationTable = {
  practice_id: string;
  year: number;
  threshold: number;
  reached_at: string;
};

export type CelebrationSeenTable = {
  practice_id: string;
  year: number;
  threshold: number;
  user_id: string;
  seen_at: string;
};

export type SurveyTable = {
  practice_id: string;
  id: string;
  created_by: string | null;
  created_at: string;
};

export type SurveyRecipientTable = {
  practice_id: string;
  id: string;
  survey_id: string;
  contact_id: string;
  token_hash: string | null;
  invited_at: string | null;
  answered_at: string | null;
  answer: string | null;
  score_percent: number | null;
  matched_phrases: string | null;
  missed_phrases: string | null;
  entered_by: string | null;
  created_at: string;
};

export type CalendarFeedTable = {
  practice_id: string;
  id: string;
  user_id: string;
  token_hash: string;
  created_at: string;
  revoked_at: string | null;
};

/** better-auth's per-address rate limit (last_request: epoch milliseconds). */
export type AuthRateLimitTable = {
  id: string;
  key: string;
  count: number;
  last_request: number;
};

/** Our fixed-window counters: failed sign-ins per account, sign-ups per address. */
export type AuthThrottleTable = {
  key: string;
  hits: number;
  window_started_at: string;
};

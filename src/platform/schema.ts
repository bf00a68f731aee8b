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
  interaction: InteractionTable;
  referral: ReferralTable;
  referral_tag: ReferralTagTable;
  referral_event: ReferralEventTable;
  referral_given: ReferralGivenTable;
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
  referred_id: string;
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

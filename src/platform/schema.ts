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

export type CategoryTable = {
  practice_id: string;
  id: string;
  name: string;
  name_key: string;
  created_at: string;
};

export type CircleTable = CategoryTable;

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

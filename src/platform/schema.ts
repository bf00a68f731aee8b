/**
 * The database as Kysely sees it. One representation across SQLite and PostgreSQL:
 * ids are text (time-ordered), timestamps ISO 8601 UTC text, booleans integers 0/1 (`Flag`),
 * money integer minor units + currency. better-auth's own tables (auth_*) are the one
 * exception: their dates and flags are stored the way better-auth's adapter writes them.
 *
 * Only the platform's tables are listed here. Each feature declares its own tables beside its
 * repository (`<feature>/<thing>.tables.ts`) and merges them into this interface with
 * `declare module`, so the columns carry the feature's unions while platform imports no feature.
 */
export interface Database {
  auth_user: AuthUserTable;
  auth_session: AuthSessionTable;
  auth_account: AuthAccountTable;
  auth_verification: AuthVerificationTable;
  auth_rate_limit: AuthRateLimitTable;
  auth_throttle: AuthThrottleTable;
  audit_log: AuditLogTable;
  audit_head: AuditHeadTable;
  idempotency_key: IdempotencyKeyTable;
}

/** A boolean as stored: 0 or 1. Repositories turn it into `boolean` in their row mappers. */
export type Flag = 0 | 1;

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

import type { Flag } from '../platform/schema.ts';

/**
 * API tokens; the auth_* tables are better-auth's, declared in platform/schema.ts.
 * Merged into the app's `Database` (platform/schema.ts): this feature owns their shape.
 */
declare module '../platform/schema.ts' {
  interface Database {
    api_token: ApiTokenTable;
  }
}

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
  /** A token that may only read: any other method is 403 (migration 0026). */
  read_only: Flag;
};

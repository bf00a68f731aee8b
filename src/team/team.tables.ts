import type { Role } from './team.rules.ts';

/**
 * Invitations to join a practice (migration 0024).
 * Merged into the app's `Database` (platform/schema.ts): this feature owns their shape.
 */
declare module '../platform/schema.ts' {
  interface Database {
    invitation: InvitationTable;
  }
}

export type InvitationTable = {
  practice_id: string;
  id: string;
  /** Lower-cased. */
  email: string;
  role: Role;
  /** SHA-256 of the current link's token; the token itself is never stored. */
  token_hash: string;
  invited_by: string | null;
  created_at: string;
  /** When the current link was made: a re-send makes a new link and a new expiry. */
  sent_at: string;
  expires_at: string;
  accepted_at: string | null;
  accepted_by: string | null;
  revoked_at: string | null;
};

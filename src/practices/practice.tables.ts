import type { Generated } from 'kysely';
import type { Flag } from '../platform/schema.ts';
import type { Profession } from './professions.ts';

/**
 * The practice and who belongs to it.
 * Merged into the app's `Database` (platform/schema.ts): this feature owns their shape.
 */
declare module '../platform/schema.ts' {
  interface Database {
    practice: PracticeTable;
    practice_member: PracticeMemberTable;
  }
}

export type PracticeTable = {
  id: string;
  name: string;
  profession: Profession;
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
  /** Set on a demo practice: the user whose sandbox it is (migration 0018). */
  demo_of_user_id: string | null;
  /** Where a referred person books a first meeting (migration 0021); '' when not set. */
  booking_url: Generated<string>;
};

export type PracticeMemberTable = {
  practice_id: string;
  user_id: string;
  role: 'owner' | 'member';
  created_at: string;
  /** This member is looking at their demo practice instead (migration 0018). */
  in_demo: Generated<Flag>;
};

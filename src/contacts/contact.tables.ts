import type { ColumnType } from 'kysely';
import type { Flag } from '../platform/schema.ts';
import type { Role, Stage } from './contact.rules.ts';
import type { SalutationStyle } from './contact-name.rules.ts';

/**
 * Contacts, their roles, circles and stage history.
 * Merged into the app's `Database` (platform/schema.ts): this feature owns their shape.
 */
declare module '../platform/schema.ts' {
  interface Database {
    contact: ContactTable;
    contact_role: ContactRoleTable;
    contact_circle: ContactCircleTable;
    stage_change: StageChangeTable;
  }
}

export type ContactTable = {
  practice_id: string;
  id: string;
  /** The full display name ("Dr. Alan Reyes"): lists, search and sorting use it. */
  name: string;
  name_key: string;
  /** Its parts (migration 0015); optional on insert for rows written before them. */
  honorific: NamePart;
  given_name: NamePart;
  family_name: NamePart;
  suffix: NamePart;
  preferred_name: NamePart;
  /** The contact's own greeting style; null takes the practice's `salutationStyle`. */
  salutation: ColumnType<SalutationStyle | null, SalutationStyle | null | undefined>;
  email: string | null;
  email_key: string | null;
  phone: string | null;
  organization: string | null;
  organization_key: string | null;
  category_id: string | null;
  stage: Stage;
  stage_rank: number;
  met_where: string | null;
  met_how: string | null;
  email_consent: Flag;
  do_not_ask: Flag;
  notes: string | null;
  last_touch_at: string | null;
  keep_in_touch_days: number | null;
  /** HIPAA: a treating provider may be told that the person was seen/scheduled (§3.2). */
  is_treating_provider: Flag;
  /**
   * When they withdrew email consent (opt-out link, or consent turned off), null if they never
   * did (migration 0021): an introduction they expect needs no consent, but honours this.
   */
  email_opted_out_at: ColumnType<string | null, string | null | undefined, string | null>;
  /**
   * The digits of `phone` for duplicate detection (migration 0022, `phoneKey` in contact.rules):
   * written by the repository with the phone, never by a caller.
   */
  phone_key: ColumnType<string | null, string | null | undefined, string | null>;
  /** The import that created the contact (migration 0022), null when made otherwise. */
  import_id: ColumnType<string | null, string | null | undefined, string | null>;
  created_at: string;
  updated_at: string;
};

type NamePart = ColumnType<string | null, string | null | undefined>;

export type ContactRoleTable = {
  practice_id: string;
  contact_id: string;
  role: Role;
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
  from_stage: Stage | null;
  to_stage: Stage;
  changed_at: string;
  changed_by: string | null;
  reason: string | null;
};

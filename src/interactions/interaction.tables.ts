import type { InteractionKind } from './interaction.rules.ts';

/**
 * Interactions logged with a contact.
 * Merged into the app's `Database` (platform/schema.ts): this feature owns their shape.
 */
declare module '../platform/schema.ts' {
  interface Database {
    interaction: InteractionTable;
  }
}

export type InteractionTable = {
  practice_id: string;
  id: string;
  contact_id: string;
  kind: InteractionKind;
  occurred_at: string;
  summary: string | null;
  created_by: string | null;
  created_at: string;
};

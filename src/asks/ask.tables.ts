import type { AskOutcome, MomentKind } from './ask.rules.ts';

/**
 * Positive moments and the asks made after them.
 * Merged into the app's `Database` (platform/schema.ts): this feature owns their shape.
 */
declare module '../platform/schema.ts' {
  interface Database {
    moment: MomentTable;
    ask: AskTable;
  }
}

export type MomentTable = {
  practice_id: string;
  id: string;
  contact_id: string;
  kind: MomentKind;
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
  outcome: AskOutcome | null;
  note: string | null;
  created_by: string | null;
  created_at: string;
};

import type { AgendaMark } from './agenda.rules.ts';

/**
 * Marks on agenda items (done, snoozed) and calendar feed tokens.
 * Merged into the app's `Database` (platform/schema.ts): this feature owns their shape.
 */
declare module '../platform/schema.ts' {
  interface Database {
    agenda_mark: AgendaMarkTable;
    calendar_feed: CalendarFeedTable;
    agenda_undo: AgendaUndoTable;
    agenda_assignment: AgendaAssignmentTable;
  }
}

/** An agenda item assigned to a member (migration 0024), by `kind:subjectId` (no version). */
export type AgendaAssignmentTable = {
  practice_id: string;
  item_key: string;
  user_id: string;
  assigned_by: string | null;
  assigned_at: string;
};

export type AgendaMarkTable = {
  practice_id: string;
  item_key: string;
  state: AgendaMark['state'];
  until: string | null;
  reason: string | null;
  created_by: string | null;
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

/** What one action on Today recorded, as the steps that take it back (migration 0017). */
export type AgendaUndoTable = {
  practice_id: string;
  id: string;
  created_by: string | null;
  created_at: string;
  undone_at: string | null;
  /** JSON of `UndoStep[]` (agenda.service.ts): ids and changed columns, never names. */
  steps: string;
};

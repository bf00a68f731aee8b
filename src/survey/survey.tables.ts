/**
 * Value-proposition surveys and their recipients.
 * Merged into the app's `Database` (platform/schema.ts): this feature owns their shape.
 */
declare module '../platform/schema.ts' {
  interface Database {
    survey: SurveyTable;
    survey_recipient: SurveyRecipientTable;
  }
}

export type SurveyTable = {
  practice_id: string;
  id: string;
  created_by: string | null;
  created_at: string;
};

export type SurveyRecipientTable = {
  practice_id: string;
  id: string;
  survey_id: string;
  contact_id: string;
  token_hash: string | null;
  invited_at: string | null;
  answered_at: string | null;
  answer: string | null;
  score_percent: number | null;
  matched_phrases: string | null;
  missed_phrases: string | null;
  entered_by: string | null;
  created_at: string;
};

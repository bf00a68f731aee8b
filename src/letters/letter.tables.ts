/**
 * The practice's edits of the shipped letter templates.
 * Merged into the app's `Database` (platform/schema.ts): this feature owns their shape.
 */
declare module '../platform/schema.ts' {
  interface Database {
    letter_template: LetterTemplateTable;
  }
}

export type LetterTemplateTable = {
  practice_id: string;
  key: string;
  subject: string;
  body: string;
  updated_by: string | null;
  updated_at: string;
};

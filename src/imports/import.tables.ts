import type { ImportFormat } from './import-file.ts';

/**
 * Imports of contacts (migration 0022): the batch, the uploaded bytes until it finishes, and
 * its invalid rows. Merged into the app's `Database` (platform/schema.ts): this feature owns
 * their shape.
 */
declare module '../platform/schema.ts' {
  interface Database {
    import_batch: ImportBatchTable;
    import_chunk: ImportChunkTable;
    import_problem: ImportProblemTable;
  }
}

export const importStatuses = [
  'uploaded',
  'queued',
  'running',
  'done',
  'failed',
  'undone',
] as const;
export type ImportStatus = (typeof importStatuses)[number];

export type ImportBatchTable = {
  practice_id: string;
  id: string;
  /** The user who uploaded it; null for `vouch import` on the command line. */
  created_by: string | null;
  file_name: string;
  format: ImportFormat;
  status: ImportStatus;
  /** JSON of the file's `FileShape` (headers, delimiter, encoding, rows). */
  shape: string;
  /** JSON of the `ColumnMapping` in use: the detected one until the start says otherwise. */
  mapping: string;
  /** JSON of `ImportOptions` (import.rules.ts): duplicates and defaults; null until started. */
  options: string | null;
  rows_total: number;
  rows_done: number;
  created_count: number;
  merged_count: number;
  skipped_count: number;
  invalid_count: number;
  started_at: string | null;
  finished_at: string | null;
  error: string | null;
  /** JSON of `UndoResult` once undone. */
  undo: string | null;
  /** The claim of the run in progress: a batch commits only while its runner holds it. */
  runner: string | null;
  created_at: string;
  updated_at: string;
};

/** The uploaded file, ~256 KB a row in order, so that any server can run the job. */
export type ImportChunkTable = {
  practice_id: string;
  import_id: string;
  seq: number;
  data: Uint8Array;
  created_at: string;
};

export type ImportProblemTable = {
  practice_id: string;
  import_id: string;
  /** The record's first line in the file (the header is line 1). */
  line: number;
  reason: string;
};

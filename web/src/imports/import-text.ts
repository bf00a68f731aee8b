// What the import page says about an import: the names of fields, formats and outcomes, and
// its progress in words. Pure, so the sentences are tested without a browser.
import type { ImportField, ImportFormat, ImportStatus, PreviewRow } from './use-imports';

/** The fields a column can fill, in the order the Select lists them. */
export const FIELD_LABELS: Record<ImportField, string> = {
  name: 'Name',
  honorific: 'Honorific',
  givenName: 'First name',
  middleName: 'Middle name',
  familyName: 'Last name',
  suffix: 'Suffix',
  email: 'Email',
  phone: 'Phone',
  organization: 'Organization',
  notes: 'Notes',
  labels: 'Labels → circles',
  ignore: 'Don’t import',
};

export const FORMAT_LABELS: Record<ImportFormat, string> = {
  google: 'Google Contacts CSV',
  outlook: 'Outlook CSV',
  csv: 'CSV',
  vcard: 'vCard',
};

export const STATUS_LABELS: Record<ImportStatus, string> = {
  uploaded: 'Not started',
  queued: 'Waiting to start',
  running: 'Importing',
  done: 'Done',
  failed: 'Stopped by an error',
  undone: 'Undone',
};

export const OUTCOME_LABELS: Record<PreviewRow['outcome'], string> = {
  new: 'New',
  duplicate: 'Duplicate',
  invalid: 'Invalid',
};

export const OUTCOME_COLORS: Record<PreviewRow['outcome'], string> = {
  new: 'teal',
  duplicate: 'yellow',
  invalid: 'red',
};

/** Whole numbers with thousands separators, in the app's language. */
export const formatCount = (n: number): string => n.toLocaleString('en-US');

/** "1 row", "12,345 rows". */
export const rowsText = (n: number): string => `${formatCount(n)} ${n === 1 ? 'row' : 'rows'}`;

/** "12,345 of 100,000 rows · 2,140 rows/s": the speed once known (not "0 rows/s" at the start). */
export function progressText(progress: {
  rowsDone: number;
  rowsTotal: number;
  perSecond: number | null;
}): string {
  const done = `${formatCount(progress.rowsDone)} of ${rowsText(progress.rowsTotal)}`;
  return !progress.perSecond ? done : `${done} · ${formatCount(progress.perSecond)} rows/s`;
}

/** The share done, 0–100, for the progress bar (an empty file is complete). */
export function progressPercent(progress: { rowsDone: number; rowsTotal: number }): number {
  if (progress.rowsTotal <= 0) return 100;
  return Math.min(100, Math.round((progress.rowsDone / progress.rowsTotal) * 100));
}

/** The mapping with column `index` set to `field`: a new array, so the preview asks again. */
export function withField(
  mapping: readonly ImportField[],
  index: number,
  field: ImportField,
): ImportField[] {
  return mapping.map((f, i) => (i === index ? field : f));
}

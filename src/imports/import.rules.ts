/**
 * The import job's decisions (PRODUCT.md §8, issue 13 points 4 and 6): which contact a record
 * duplicates, what "fill empty fields" may change, what a new contact's notes hold, how fast a
 * run goes. Pure: no I/O.
 */
import { phoneKey, type Role, type Stage, textKey } from '../contacts/contact.rules.ts';
import { limits } from '../platform/fields.ts';
import type { ContactCandidate, ImportRecord } from './import-file.ts';

export const duplicateModes = ['skip', 'fill'] as const;
export type DuplicateMode = (typeof duplicateModes)[number];

/** What a run was told: what to do with duplicates, and what every new contact gets. */
export type ImportOptions = {
  duplicates: DuplicateMode;
  defaults: {
    roles: Role[];
    stage: Stage;
    circleIds: string[];
    categoryId: string | null;
    /** Off unless the user says they have the people's consent (§6). */
    emailConsent: boolean;
  };
};

/**
 * Records per batch, one transaction each (which also advances the progress). SQLite's calls
 * are synchronous: its batch holds the server's event loop while it is written and committed
 * (some 8 ms for 200 records), so it stays small enough for a request to wait no longer.
 */
export const batchSizes = { sqlite: 200, postgres: 500 } as const;

/** The keys without repeats (a record has one or two of each: most need no set). */
const unique = (keys: string[]) => (keys.length < 2 ? keys : [...new Set(keys)]);

/** The keys a record is matched by: its emails (case-insensitive) and its phones' digits. */
export type RecordKeys = { emails: string[]; phones: string[] };

export function keysOf(candidate: Pick<ContactCandidate, 'emails' | 'phones'>): RecordKeys {
  const emails = candidate.emails.map(textKey);
  const phones: string[] = [];
  for (const phone of candidate.phones) {
    const key = phoneKey(phone);
    if (key !== null) phones.push(key);
  }
  return { emails: unique(emails), phones: unique(phones) };
}

/**
 * Who a record duplicates: the first of its keys (emails before phones) found among `known`.
 * Both kinds of key share one map: an email key holds an "@", a phone key only digits.
 */
export function firstMatch<T>(
  keys: { emails: string[]; phones: string[] },
  known: ReadonlyMap<string, T>,
): { by: 'email' | 'phone'; match: T } | null {
  for (const key of keys.emails) {
    const match = known.get(key);
    if (match !== undefined) return { by: 'email', match };
  }
  for (const key of keys.phones) {
    const match = known.get(key);
    if (match !== undefined) return { by: 'phone', match };
  }
  return null;
}

/** Why a record is a duplicate, in the words of the preview and the CLI. */
export function duplicateReason(
  by: 'email' | 'phone',
  of: { name: string; line?: number } | null,
): string {
  if (of === null) return `same ${by} as an earlier row of this file`;
  const where = of.line === undefined ? '' : ` on line ${of.line} of this file`;
  return `same ${by} as ${of.name}${where}`;
}

/** A contact of the practice a record may duplicate. */
export type KnownContactRef = { id: string; name: string };
/** A record met earlier in the same file. */
export type SeenRecord = { name: string; line: number };
/**
 * The keys met so far in the file: with who had them (the preview's few rows), or the keys
 * alone (a whole file's worth in the job: that memory grows with the file, so it holds little).
 */
export type Seen = Map<string, SeenRecord> | Set<string>;

/** The practice's contacts by key (the first contact of each key wins, as the rows come). */
export function knownBySlot(
  rows: readonly (KnownContactRef & { email_key: string | null; phone_key: string | null })[],
): Map<string, KnownContactRef> {
  const known = new Map<string, KnownContactRef>();
  for (const row of rows) {
    const ref = { id: row.id, name: row.name };
    for (const key of [row.email_key, row.phone_key])
      if (key !== null && !known.has(key)) known.set(key, ref);
  }
  return known;
}

export type RecordOutcome =
  | { kind: 'invalid'; reason: string }
  | { kind: 'repeat'; reason: string }
  | { kind: 'duplicate'; reason: string; contact: KnownContactRef }
  | { kind: 'new' };

/** The first of a record's keys met earlier in the file. */
function earlierOf(
  keys: { emails: string[]; phones: string[] },
  seen: Seen,
): { by: 'email' | 'phone'; match: SeenRecord | null } | null {
  if (seen instanceof Map) return firstMatch(keys, seen);
  if (keys.emails.some((k) => seen.has(k))) return { by: 'email', match: null };
  if (keys.phones.some((k) => seen.has(k))) return { by: 'phone', match: null };
  return null;
}

/**
 * What becomes of a record (point 4): invalid; a repeat of an earlier record of the file (by
 * email or phone: skipped, whatever the mode); a duplicate of a contact of the practice; or new.
 */
export function outcomeOf(
  record: ImportRecord,
  seen: Seen,
  known: ReadonlyMap<string, KnownContactRef>,
  /** The record's `keysOf`, when the caller has them already. */
  given?: RecordKeys,
): RecordOutcome {
  if ('problem' in record) return { kind: 'invalid', reason: record.problem };
  const keys = given ?? keysOf(record.candidate);
  const earlier = earlierOf(keys, seen);
  if (earlier) return { kind: 'repeat', reason: duplicateReason(earlier.by, earlier.match) };
  const existing = firstMatch(keys, known);
  if (existing)
    return {
      kind: 'duplicate',
      reason: duplicateReason(existing.by, existing.match),
      contact: existing.match,
    };
  return { kind: 'new' };
}

/** Remembers a record's keys for the rest of the file (an earlier record keeps a key). */
export function rememberRecord(
  seen: Seen,
  record: { line: number; candidate: ContactCandidate },
  keys: RecordKeys = keysOf(record.candidate),
): void {
  if (seen instanceof Set) {
    for (const key of keys.emails) seen.add(key);
    for (const key of keys.phones) seen.add(key);
    return;
  }
  const entry = { name: record.candidate.name, line: record.line };
  for (const list of [keys.emails, keys.phones])
    for (const key of list) if (!seen.has(key)) seen.set(key, entry);
}

/**
 * A new contact's notes: the record's own, then the emails and phones beyond the first (a
 * contact holds one of each), within the notes limit.
 */
export function notesOf(candidate: ContactCandidate): string | null {
  const parts = [
    candidate.notes,
    candidate.emails.length > 1 ? `Other emails: ${candidate.emails.slice(1).join(', ')}` : null,
    candidate.phones.length > 1 ? `Other phones: ${candidate.phones.slice(1).join(', ')}` : null,
  ].filter((p): p is string => p !== null && p.trim() !== '');
  if (parts.length === 0) return null;
  const notes = parts.join('\n\n');
  return notes.length > limits.notes ? `${notes.slice(0, limits.notes - 1)}…` : notes;
}

/** The fields "fill" may write on an existing contact (the column names of the contact row). */
export type Fillable = {
  email: string | null;
  phone: string | null;
  organization: string | null;
  notes: string | null;
  honorific: string | null;
  given_name: string | null;
  family_name: string | null;
  suffix: string | null;
};

/**
 * Point 4 of the issue: "fill" writes only what the existing contact lacks (its email, phone,
 * organization, notes; its name parts when it has none), never over what the practice typed.
 * Null when there is nothing to fill. (An email filled in is no other contact's: a record is
 * matched by its emails before its phones.)
 */
export function fillChanges(
  existing: Fillable,
  candidate: ContactCandidate,
): Partial<Fillable> | null {
  const changes: Partial<Fillable> = {};
  const email = candidate.emails[0];
  if (existing.email === null && email !== undefined) changes.email = email;
  const phone = candidate.phones[0];
  if (existing.phone === null && phone !== undefined) changes.phone = phone;
  if (existing.organization === null && candidate.organization !== null)
    changes.organization = candidate.organization;
  const notes = notesOf(candidate);
  if (existing.notes === null && notes !== null) changes.notes = notes;
  const hasNoParts =
    existing.honorific === null &&
    existing.given_name === null &&
    existing.family_name === null &&
    existing.suffix === null;
  const parts = {
    honorific: candidate.honorific,
    given_name: candidate.givenName,
    family_name: candidate.familyName,
    suffix: candidate.suffix,
  };
  if (hasNoParts && Object.values(parts).some((p) => p !== null)) Object.assign(changes, parts);
  return Object.keys(changes).length > 0 ? changes : null;
}

/** Rows a second while an import runs (from its start to now); null when it is not running. */
export function rowsPerSecond(
  status: string,
  rowsDone: number,
  startedAt: string | null,
  now: Date,
): number | null {
  if (status !== 'running' || startedAt === null) return null;
  const seconds = (now.getTime() - Date.parse(startedAt)) / 1000;
  if (!(seconds > 0)) return null;
  return Math.round(rowsDone / seconds);
}

/** Why undo kept a contact it created. */
export const keptReasons = {
  edited: 'edited since the import',
  history: 'has referrals or other history',
} as const;

export type UndoResult = {
  removed: number;
  kept: number;
  reasons: { reason: string; count: number }[];
};

/** The answer of an undo, from the counts of each reason (reasons with none left out). */
export function undoResult(removed: number, edited: number, withHistory: number): UndoResult {
  const reasons = [
    { reason: keptReasons.edited, count: edited },
    { reason: keptReasons.history, count: withHistory },
  ].filter((r) => r.count > 0);
  return { removed, kept: edited + withHistory, reasons };
}

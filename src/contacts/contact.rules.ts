/** The ladder of PRODUCT.md §2: people refer only those they know, like and trust. */
export const stages = ['met', 'knows', 'likes', 'trusts', 'refers'] as const;
export type Stage = (typeof stages)[number];

export const roles = [
  'client',
  'former_client',
  'prospect',
  'colleague',
  'partner',
  'friend',
] as const;
export type Role = (typeof roles)[number];

/** The longest cadence a contact can have of its own (two years). */
export const keepInTouchMaxDays = 730;

export function stageRank(stage: Stage): number {
  return stages.indexOf(stage);
}

export type StageChangeDraft = { fromStage: Stage | null; toStage: Stage };

/**
 * The history entry a stage edit produces: one for a new contact, one for a real change,
 * none when the stage stays the same.
 */
export function stageChangeFor(
  current: Stage | null,
  next: Stage | undefined,
): StageChangeDraft | null {
  if (next === undefined || next === current) return null;
  return { fromStage: current, toStage: next };
}

/** Keys used for search, sort and duplicate detection: case- and space-insensitive. */
export function textKey(value: string): string {
  return value.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Roles without repeats, in the canonical order. */
export function normalizeRoles(list: readonly Role[]): Role[] {
  return roles.filter((r) => list.includes(r));
}

/** A LIKE pattern that matches `q` anywhere, with the wildcards in `q` escaped (escape char \). */
export function containsPattern(q: string): string {
  return `%${textKey(q).replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
}

/** An opaque cursor that remembers the sort and the last row's key. */
export function encodeCursor(sort: string, value: string | number, id: string): string {
  return Buffer.from(JSON.stringify([sort, value, id])).toString('base64url');
}

/** The key inside a cursor, or null when it is not one of ours or belongs to another sort. */
export function decodeCursor(
  cursor: string,
  sort: string,
): { value: string | number; id: string } | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 3) return null;
    const [s, value, id] = parsed as unknown[];
    if (s !== sort || typeof id !== 'string') return null;
    // The stage sort keys on a rank (a number); the others on text.
    const isNumeric = sort.replace(/^-/, '') === 'stage';
    if (isNumeric ? !Number.isInteger(value) : typeof value !== 'string') return null;
    return { value: value as string | number, id };
  } catch {
    return null;
  }
}

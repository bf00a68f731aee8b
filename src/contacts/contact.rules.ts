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

/**
 * §2: a contact who has referred (a referral credits them) stays `refers`; an edit may not
 * lower them. The refusal's message, or null when the edit may go ahead.
 */
export function stageEditRefusal(
  current: Stage,
  next: Stage | undefined,
  referralsFrom: number,
): string | null {
  if (next === undefined || next === current || referralsFrom === 0) return null;
  if (stageRank(next) >= stageRank('refers')) return null;
  const credited =
    referralsFrom === 1 ? 'a referral credits them' : `${referralsFrom} referrals credit them`;
  return `A contact who has referred stays "refers" (${credited}); their stage cannot be lowered to "${next}". To record how the relationship feels now, add a note or an interaction.`;
}

/**
 * A referral received moves its referrer up to `refers`, never down (§2). The history entry
 * it writes, or null when they are there already; its reason says whether this was their
 * first referral (`referralsFrom` counts this one).
 */
export function promotionFor(
  current: Stage,
  referralsFrom: number,
): (StageChangeDraft & { reason: string }) | null {
  if (stageRank(current) >= stageRank('refers')) return null;
  return {
    fromStage: current,
    toStage: 'refers',
    reason: referralsFrom <= 1 ? 'first referral received' : 'referral received',
  };
}

/**
 * Each run of white space as one space. Most values have none to replace: they are only tested
 * (an import does this for every value of every record).
 */
export function singleSpaced(value: string): string {
  return /\s\s|[^\S ]/.test(value) ? value.replace(/\s+/g, ' ') : value;
}

/** Keys used for search, sort and duplicate detection: case- and space-insensitive. */
export function textKey(value: string): string {
  return singleSpaced(value.trim()).toLowerCase();
}

/**
 * A phone number's key for duplicate detection (issue 13): its digits, an international prefix
 * ("+" or "00") dropped so that "+44 20…" and "0044 20…" meet, and a NANP number's country code 1
 * dropped so that "+1 312 555 0100" meets "(312) 555-0100". An extension ("ext. 12", "x12") is
 * not part of the number. Null when fewer than 7 digits remain: too short to say two are one.
 */
export function phoneKey(phone: string | null | undefined): string | null {
  if (!phone) return null;
  const number = phone.replace(/\s*(?:;\s*ext=|ext\.?|extension|x|#)\s*\d+\s*$/i, '');
  let digits = number.replace(/\D+/g, '');
  if (!/^\s*\+/.test(number) && digits.startsWith('00')) digits = digits.slice(2);
  if (digits.length === 11 && digits.startsWith('1')) digits = digits.slice(1);
  return digits.length >= 7 ? digits : null;
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

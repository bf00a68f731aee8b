import { z } from '@hono/zod-openapi';
import { dayMs, isCalendarDay } from './calendar.ts';
import { toTimestamp } from './clock.ts';
import { fieldError } from './errors.ts';
import { vcardVersions } from './vcard.ts';

/** Limits shared by every feature (issue 2: names ≤ 200, notes ≤ 20,000). */
export const limits = {
  name: 200,
  notes: 20_000,
  email: 254,
  phone: 50,
  shortText: 200,
  valueProposition: 280,
  idealClient: 1_000,
  postalAddress: 500,
  keyPhrase: 100,
} as const;

const hasNoNul = (s: string) => !s.includes('\u0000');
const noNul = { message: 'must not contain NUL characters (U+0000)' };

/** Input text: trimmed, bounded, and free of NUL, which PostgreSQL cannot store. */
export const ZText = (max: number) => z.string().trim().max(max).refine(hasNoNul, noNul);

/** An id as the client sends it (path, query or body): our ids are UUID-like. */
export const ZId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'is not a valid id')
  .openapi({ example: '019a8b2c-4d5e-7f00-8a1b-2c3d4e5f6a7b' });
export const ZIdParam = z.object({ id: ZId.openapi({ param: { name: 'id', in: 'path' } }) });

/** A vCard download's query: 4.0 (RFC 6350) unless `version=3.0` is asked, for Outlook. */
export const ZVcardQuery = z.strictObject({
  version: z
    .enum(vcardVersions)
    .default('4.0')
    .openapi({ description: '`3.0` for Outlook for Windows, which reads 4.0 poorly.' }),
});
/**
 * The dates we accept: years 1900 to 2200. Wide enough for any birthday, history or plan, and
 * far from the edges where time-zone arithmetic and four-digit ISO years break (issue 9).
 */
export const dateRange = { first: '1900-01-01', last: '2200-12-31' } as const;
const firstMs = Date.parse(`${dateRange.first}T00:00:00Z`);
const afterLastMs = Date.parse(`${dateRange.last}T00:00:00Z`) + dayMs;
const inDateRange = (ms: number) => ms >= firstMs && ms < afterLastMs;
const outOfRange = `must be between ${dateRange.first} and ${dateRange.last}`;

/** A calendar day in the accepted range, like 2026-01-31. */
export const ZDay = z
  .string()
  .refine(isCalendarDay, 'must be a calendar day, like 2026-01-31')
  .refine((s) => !isCalendarDay(s) || inDateRange(Date.parse(s)), outOfRange)
  .openapi({ format: 'date', example: '2026-01-31' });

/** An ISO 8601 instant with an offset, in the accepted range: sent on as UTC with ms. */
export const ZInstant = z.iso
  .datetime({ offset: true })
  .refine((s) => {
    const ms = Date.parse(s);
    return Number.isNaN(ms) || inDateRange(ms);
  }, outOfRange)
  .transform((s) => toTimestamp(new Date(s)))
  .openapi({ example: '2026-11-25T22:16:09.123Z' });

/** A day (whole day in the practice's zone) or an instant, in the accepted range; kept as sent. */
export const ZDayOrInstant = z
  .string()
  .max(40)
  .refine((s) => isCalendarDay(s) || z.iso.datetime({ offset: true }).safeParse(s).success, {
    message: 'must be a day (YYYY-MM-DD) or a timestamp (2026-01-31T09:00:00Z)',
  })
  .refine((s) => {
    const ms = Date.parse(isCalendarDay(s) ? `${s}T00:00:00Z` : s);
    return Number.isNaN(ms) || inDateRange(ms);
  }, outOfRange)
  .openapi({ example: '2026-01-31' });

/** Money in minor units, for every amount: the columns are PostgreSQL `integer` (≤ 2^31 − 1). */
export const ZValueMinor = z.number().int().min(0).max(2_147_483_647);

/** A page size: 1–200, 50 when not given. */
export const ZPageLimit = z.coerce.number().int().min(1).max(200).default(50);
/** The opaque `nextCursor` of the previous page. */
export const ZCursor = z
  .string()
  .max(500)
  .regex(/^[A-Za-z0-9_-]*$/, 'is not a valid cursor');
/** The paging fields of every list query. */
export const pageFields = { limit: ZPageLimit, cursor: ZCursor.optional() };
export const ZTimestamp = z.string().openapi({ example: '2026-11-25T22:16:09.123Z' });
/** A currency, as a three-letter ISO 4217 code. */
export const ZCurrency = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be a three-letter ISO 4217 code, like USD or EUR');
/** A reference to a contact in an answer: its id and name. */
export const ZRef = z.object({ id: z.string(), name: z.string() }).openapi('ContactRef');
/** A reference from a row's id and joined name; null when either is gone (unset or erased). */
export const refOf = (id: string | null, name: string | null) => (id && name ? { id, name } : null);
export const ZName = z.string().trim().min(1).max(limits.name).refine(hasNoNul, noNul);
export const ZEmail = z.string().trim().max(limits.email).pipe(z.email());
/** An optional text: empty or blank becomes null (cleared). */
export const optionalText = (max: number) =>
  z
    .string()
    .max(max)
    .refine(hasNoNul, noNul)
    .nullable()
    .transform((v) => (v === null || v.trim() === '' ? null : v.trim()));

export function isValidTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/** Client clocks drift: a time up to a minute ahead of ours still counts as "now". */
const futureSkewMs = 60_000;

/** A time the user gives for something that happened: not in the future, not before `floor`. */
export function pastInstant(
  field: string,
  value: string | undefined,
  now: Date,
  floor?: { at: string; what: string },
): string {
  const at = value ?? toTimestamp(now);
  if (Date.parse(at) > now.getTime() + futureSkewMs)
    throw fieldError(field, 'must not be in the future.');
  if (floor && at < floor.at) throw fieldError(field, `must not be before ${floor.what}.`);
  return at;
}

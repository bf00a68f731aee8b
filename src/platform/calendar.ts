/**
 * The one calendar of Vouch. Two kinds of "day" exist and are kept apart:
 * - a span of days (a 7-day ask window, a 90-day cooldown) is elapsed time, `days × 24 h`
 *   (`plusDays`), so a rule means the same length whatever the zone or DST;
 * - a calendar day, month or year ("today", "received in March") is the practice's: it starts
 *   at local midnight in its IANA time zone (`localDay`, `dayStart`, `monthStart`).
 * Built on Intl (Node's ICU carries the tz database), so no library is needed for zone rules;
 * plain date strings (`YYYY-MM-DD`) are shifted with UTC date arithmetic, which has no DST.
 */

export const minuteMs = 60_000;
export const hourMs = 60 * minuteMs;
/** One day of elapsed time. The only one-day constant of the server. */
export const dayMs = 24 * hourMs;

/** An instant `days` (may be negative or fractional) of elapsed time after `at`, as ISO text. */
export function plusDays(at: string | Date | number, days: number): string {
  const t = typeof at === 'number' ? at : typeof at === 'string' ? Date.parse(at) : at.getTime();
  return new Date(t + days * dayMs).toISOString();
}

/** Whole and fractional days of elapsed time from `a` to `b`. */
export const daysBetween = (a: string | Date, b: string | Date): number =>
  (new Date(b).getTime() - new Date(a).getTime()) / dayMs;

// Building an Intl.DateTimeFormat costs far more than using one: one per time zone, kept.
const wallFormatters = new Map<string, Intl.DateTimeFormat>();
function wallFormatter(timeZone: string): Intl.DateTimeFormat {
  let f = wallFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
      era: 'short',
    });
    wallFormatters.set(timeZone, f);
  }
  return f;
}

type Wall = {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  weekday: number;
};
const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** The wall clock in `timeZone` at an instant (whole seconds). */
function wallOf(t: number, timeZone: string): Wall {
  const w: Wall = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0, weekday: 0 };
  let isBce = false;
  for (const p of wallFormatter(timeZone).formatToParts(new Date(t))) {
    if (p.type === 'weekday') w.weekday = weekdays.indexOf(p.value) + 1;
    else if (p.type === 'era') isBce = p.value === 'BC';
    else if (p.type in w) w[p.type as Exclude<keyof Wall, 'weekday'>] = Number(p.value);
  }
  if (isBce) w.year = 1 - w.year;
  return w;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const dayText = (year: number, month: number, day: number) =>
  `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
const asDate = (at: Date | string | number) => (at instanceof Date ? at : new Date(at));

/** Milliseconds to add to UTC to get the wall time in `timeZone` at instant `at`. */
export function zoneOffsetMs(at: Date | string | number, timeZone: string): number {
  const t = asDate(at).getTime();
  const w = wallOf(t, timeZone);
  const wall = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return wall - Math.floor(t / 1000) * 1000;
}

/** The local calendar day (YYYY-MM-DD) of an instant in `timeZone`. */
export function localDay(at: Date | string | number, timeZone: string): string {
  const w = wallOf(asDate(at).getTime(), timeZone);
  return dayText(w.year, w.month, w.day);
}

/** A real calendar day written YYYY-MM-DD (not 2026-02-31, which Date.parse rolls over). */
export function isCalendarDay(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const day = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().startsWith(s);
}

/** The local calendar year and month (1–12) of an instant. */
export function localYearMonth(
  at: Date | string | number,
  timeZone: string,
): { year: number; month: number } {
  const w = wallOf(asDate(at).getTime(), timeZone);
  return { year: w.year, month: w.month };
}

/** The local weekday of an instant: 1 = Monday … 7 = Sunday (ISO 8601). */
export function localWeekday(at: Date | string | number, timeZone: string): number {
  return wallOf(asDate(at).getTime(), timeZone).weekday;
}

/** A calendar day `n` days after `day` (YYYY-MM-DD); calendar dates have no zone and no DST. */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00.000Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The month (YYYY-MM) `n` months after `month`. */
export function addMonths(month: string, n: number): string {
  const total = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + n;
  return `${pad(Math.floor(total / 12), 4)}-${pad((total % 12) + 1)}`;
}

/** The day a year before `day` (29 February → 28 February of a common year). */
export function minusYear(day: string): string {
  const year = Number(day.slice(0, 4)) - 1;
  const month = Number(day.slice(5, 7));
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return dayText(year, month, Math.min(Number(day.slice(8, 10)), last));
}

/** The weekday (1 = Monday … 7 = Sunday) of a calendar day. */
export const weekdayOfDay = (day: string): number =>
  ((new Date(`${day}T00:00:00.000Z`).getUTCDay() + 6) % 7) + 1;

/** The local date of the Monday that starts the week of `at`. */
export function weekStartOf(at: Date | string | number, timeZone: string): string {
  const today = localDay(at, timeZone);
  return addDays(today, 1 - weekdayOfDay(today));
}

/**
 * The first instant of a calendar day (YYYY-MM-DD) in `timeZone`: local midnight, or, where
 * a DST change skips midnight (e.g. America/Havana, Asia/Beirut), the moment the day begins.
 */
export function dayStart(day: string, timeZone: string): Date {
  const guess = Date.parse(`${day}T00:00:00.000Z`);
  // The zone's offsets a little before and after the day begins bracket any change at midnight.
  const candidates = [
    guess - zoneOffsetMs(guess - 14 * hourMs, timeZone),
    guess - zoneOffsetMs(guess + 14 * hourMs, timeZone),
  ].filter((t) => localDay(t, timeZone) === day);
  if (candidates.length === 0) throw new RangeError(`No day ${day} in ${timeZone}`);
  return new Date(Math.min(...candidates));
}

/** The first instant of a month (YYYY-MM; a month of 13 is next year's January). */
export function monthStart(year: number, month: number, timeZone: string): Date {
  return dayStart(`${addMonths(`${pad(year, 4)}-01`, month - 1)}-01`, timeZone);
}

/** Inclusive calendar days → the half-open instant range [from, to) in `timeZone`. */
export function dayRangeInstants(
  range: { from: string; to: string },
  timeZone: string,
): { from: string; to: string } {
  return {
    from: dayStart(range.from, timeZone).toISOString(),
    to: dayStart(addDays(range.to, 1), timeZone).toISOString(),
  };
}

/**
 * A filter's date range as instants: whole days are inclusive in the practice's time zone
 * (`to` runs to the end of its day); timestamps are taken as they are.
 */
export function receivedRange(
  range: { from?: string | undefined; to?: string | undefined },
  timeZone: string,
): { from: string | null; toExclusive: string | null; toInclusive: string | null } {
  const from = range.from
    ? (isCalendarDay(range.from)
        ? dayStart(range.from, timeZone)
        : new Date(range.from)
      ).toISOString()
    : null;
  if (!range.to) return { from, toExclusive: null, toInclusive: null };
  if (!isCalendarDay(range.to))
    return { from, toExclusive: null, toInclusive: new Date(range.to).toISOString() };
  return {
    from,
    toExclusive: dayStart(addDays(range.to, 1), timeZone).toISOString(),
    toInclusive: null,
  };
}

/** A stretch of time over which a zone's offset does not change: [from, to), ISO instants. */
export type OffsetSpan = { from: string; to: string; offsetMinutes: number };

type OffsetChange = { at: number; offsetMinutes: number };

const offsetMinutesAt = (t: number, timeZone: string) =>
  Math.round(zoneOffsetMs(t, timeZone) / minuteMs);

// A UTC year's offset changes in a zone, found once (about 730 Intl calls) and kept: the tz
// rules of a past or future year do not change while the process runs.
const changesByYear = new Map<string, OffsetChange[]>();

/**
 * The offset changes of a zone in the UTC year (start, end]: offsets sampled every 12 h (no
 * zone changes twice within that), each change narrowed to the second (zones change on whole
 * minutes).
 */
function changesInYear(year: number, timeZone: string): OffsetChange[] {
  const key = `${timeZone}|${year}`;
  const known = changesByYear.get(key);
  if (known) return known;
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  const changes: OffsetChange[] = [];
  let offset = offsetMinutesAt(start, timeZone);
  for (let t = start; t < end; t += 12 * hourMs) {
    const next = Math.min(t + 12 * hourMs, end);
    const nextOffset = offsetMinutesAt(next, timeZone);
    if (nextOffset === offset) continue;
    let lo = t / 1000;
    let hi = next / 1000;
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (offsetMinutesAt(mid * 1000, timeZone) === offset) lo = mid;
      else hi = mid;
    }
    changes.push({ at: hi * 1000, offsetMinutes: nextOffset });
    offset = nextOffset;
  }
  if (changesByYear.size >= 10_000) changesByYear.clear();
  changesByYear.set(key, changes);
  return changes;
}

/**
 * The half-open range [from, to) cut where the zone's offset changes, so that a query can
 * shift each piece by one constant offset to get local days.
 */
export function offsetSpans(from: string, to: string, timeZone: string): OffsetSpan[] {
  const start = Date.parse(from);
  const end = Date.parse(to);
  const spans: OffsetSpan[] = [];
  let spanFrom = start;
  let offset = offsetMinutesAt(start, timeZone);
  const lastYear = new Date(end).getUTCFullYear();
  for (let year = new Date(start).getUTCFullYear() - 1; year <= lastYear; year += 1)
    for (const change of changesInYear(year, timeZone)) {
      if (change.at <= start || change.at >= end) continue;
      spans.push({
        from: new Date(spanFrom).toISOString(),
        to: new Date(change.at).toISOString(),
        offsetMinutes: offset,
      });
      spanFrom = change.at;
      offset = change.offsetMinutes;
    }
  spans.push({
    from: new Date(spanFrom).toISOString(),
    to: new Date(end).toISOString(),
    offsetMinutes: offset,
  });
  return spans;
}

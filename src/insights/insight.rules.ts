/**
 * Pure helpers of insights (PRODUCT.md §5): the range, months without referrals filled in,
 * and momentum — the trend and the doubling time that show "slow, then exponential". Days and
 * months are the practice's, in its time zone.
 */
import { addDays, addMonths, localDay, minusYear } from '../platform/calendar.ts';

export type DayRange = { from: string; to: string };

/** The twelve months that end with the day `to` (inclusive), as days. */
export const yearEndingOn = (to: string): DayRange => ({ from: addDays(minusYear(to), 1), to });

/** The default range: the last 12 months up to and including today, in the practice's zone. */
export function defaultRange(now: Date, timeZone: string): DayRange {
  return yearEndingOn(localDay(now, timeZone));
}

/** Every month (YYYY-MM) the range touches, in order (at most 1201, a guard on bad input). */
export function monthsOf(range: DayRange): string[] {
  const last = range.to.slice(0, 7);
  const out = [range.from.slice(0, 7)];
  for (let m = out[0] as string; m < last && out.length <= 1200; ) {
    m = addMonths(m, 1);
    out.push(m);
  }
  return out;
}

/** Rows keyed by month, with a zero row for every month of the range that has none. */
export function fillMonths<T extends { month: string }>(
  months: readonly string[],
  rows: readonly T[],
  empty: (month: string) => T,
): T[] {
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  return months.map((m) => byMonth.get(m) ?? empty(m));
}

/** Least-squares slope of ys over 0, 1, 2, … (0 with fewer than two points). */
export function slopeOf(ys: readonly number[]): number {
  const n = ys.length;
  if (n < 2) return 0;
  const meanX = (n - 1) / 2;
  const meanY = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  ys.forEach((y, x) => {
    num += (x - meanX) * (y - meanY);
    den += (x - meanX) ** 2;
  });
  return num / den;
}

export type Momentum = { trendPerMonth: number; doublingTimeMonths: number | null };

/**
 * Trend: referrals gained per month (linear fit). Doubling time: from an exponential fit of
 * the months with referrals (log-linear least squares) when it grows, over at least three
 * such months; null when flat or shrinking.
 */
export function momentumOf(perMonth: readonly number[]): Momentum {
  const trendPerMonth = Math.round(slopeOf(perMonth) * 100) / 100;
  const points = perMonth.map((y, x) => ({ x, y })).filter((p) => p.y > 0);
  if (points.length < 3) return { trendPerMonth, doublingTimeMonths: null };
  const n = points.length;
  const meanX = points.reduce((a, p) => a + p.x, 0) / n;
  const meanL = points.reduce((a, p) => a + Math.log(p.y), 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.x - meanX) * (Math.log(p.y) - meanL);
    den += (p.x - meanX) ** 2;
  }
  const growth = den === 0 ? 0 : num / den;
  if (growth <= 1e-9) return { trendPerMonth, doublingTimeMonths: null };
  return { trendPerMonth, doublingTimeMonths: Math.round((Math.LN2 / growth) * 10) / 10 };
}

/** clients / referrals as a share with three decimals; 0 when there were none. */
export const conversionOf = (clients: number, referrals: number): number =>
  referrals === 0 ? 0 : Math.round((clients / referrals) * 1000) / 1000;

export const round1 = (n: number | null): number | null =>
  n === null ? null : Math.round(n * 10) / 10;

/** What the warm-handoff chart says under its numbers (§3.9). */
export const warmHandoffExplanation =
  'In health care, referrals where the referrer made the connection (a warm handoff) are ' +
  'completed about three times as often. Here are your own: of the referrals received in ' +
  'the range that you contacted, the share that became clients, warm introductions beside ' +
  'the rest.';

export type CompletionGroup = {
  group: 'warm' | 'other';
  contacted: number;
  clients: number;
  /** clients / contacted (three decimals); null when none was contacted. */
  rate: number | null;
};

/**
 * Completion (contacted → client) of warm handoffs and of the rest, from the range's totals,
 * and how many times as often warm ones complete (one decimal; null unless both groups have a
 * rate and the rest's is above zero).
 */
export function completionOf(totals: {
  contacted: number;
  clients: number;
  warmContacted: number;
  warmClients: number;
}): { groups: CompletionGroup[]; timesAsOften: number | null } {
  const group = (g: CompletionGroup['group'], contacted: number, clients: number) => ({
    group: g,
    contacted,
    clients,
    rate: contacted === 0 ? null : conversionOf(clients, contacted),
  });
  const warm = group('warm', totals.warmContacted, totals.warmClients);
  const other = group(
    'other',
    totals.contacted - totals.warmContacted,
    totals.clients - totals.warmClients,
  );
  const timesAsOften =
    warm.rate === null || other.rate === null || other.rate === 0
      ? null
      : Math.round((warm.clients / warm.contacted / (other.clients / other.contacted)) * 10) / 10;
  return { groups: [warm, other], timesAsOften };
}

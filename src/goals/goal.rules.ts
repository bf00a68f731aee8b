/**
 * The goal arithmetic of PRODUCT.md §3.8 and the articles ("gather at least 50 % more
 * referrals than the clients you want"). Pure: time and counts come in, numbers go out.
 */

export const celebrationThresholds = [25, 50, 75, 100] as const;
export type CelebrationThreshold = (typeof celebrationThresholds)[number];

/** The settings that shape the arithmetic (§10). */
export type GoalSettings = { defaultConversionPercent: number; conversionMinClosed: number };

/** Referrals closed in the trailing 12 months: clients plus the three closed statuses. */
export type ConversionBasis = { closedLast12Months: number; clientsLast12Months: number };

export type Conversion = {
  rate: number;
  source: 'default' | 'own';
  closedLast12Months: number;
  explanation: string;
};

/** Keeps the plan finite when no closed referral became a client: plan as if 1 in 100 will. */
export const minimumRate = 0.01;

/**
 * The default rate as a fraction. A whole-percent setting cannot hold two thirds, so its
 * default 67 stands for exactly 2/3 — the articles' "50 % more referrals than clients".
 */
export function defaultRateOf(percent: number): number {
  return percent === 67 ? 2 / 3 : percent / 100;
}

/** monthly target = yearly target / 12 (§3.8). */
export const monthlyTargetOf = (targetClients: number): number => targetClients / 12;

/** The default until the practice has enough closed referrals, then its own trailing rate. */
export function conversionOf(basis: ConversionBasis, settings: GoalSettings): Conversion {
  const closed = basis.closedLast12Months;
  if (closed < settings.conversionMinClosed) {
    const rate = defaultRateOf(settings.defaultConversionPercent);
    return {
      rate,
      source: 'default',
      closedLast12Months: closed,
      explanation: `${closed} of the ${settings.conversionMinClosed} closed referrals needed in the last 12 months for your own rate; planning with the default ${formatPercent(rate)} (gather at least ${formatPercent(1 / rate - 1)} more referrals than the clients you want).`,
    };
  }
  const own = Math.min(1, basis.clientsLast12Months / closed);
  const rate = Math.max(minimumRate, own);
  return {
    rate,
    source: 'own',
    closedLast12Months: closed,
    explanation: `${basis.clientsLast12Months} of your ${closed} referrals closed in the last 12 months became clients: your own rate is ${formatPercent(own)}${own < minimumRate ? `; planning with ${formatPercent(minimumRate)} so the plan stays finite` : ''}.`,
  };
}

/** referrals needed per month = monthly target / conversion rate (§3.8). */
export const referralsNeededOf = (monthlyTarget: number, rate: number): number =>
  monthlyTarget / rate;

export type Pace = 'ahead' | 'on_track' | 'behind';

/** Where the year stands at `now`: the share elapsed, 0 before it begins, 1 after it ends. */
export function yearElapsedShare(yearStartMs: number, yearEndMs: number, nowMs: number): number {
  if (nowMs <= yearStartMs) return 0;
  if (nowMs >= yearEndMs) return 1;
  return (nowMs - yearStartMs) / (yearEndMs - yearStartMs);
}

/** Clients expected by now if the year's target were won evenly. */
export const expectedByShare = (targetClients: number, share: number): number =>
  targetClients * share;

/**
 * Ahead or behind by more than a tenth of what is expected (at least one client) — a
 * difference smaller than that is noise, so it reads as on track.
 */
export function paceOf(actual: number, expected: number): Pace {
  const tolerance = Math.max(1, expected * 0.1);
  if (actual > expected + tolerance) return 'ahead';
  if (actual < expected - tolerance) return 'behind';
  return 'on_track';
}

/** Year-end forecast at the current pace; before a day has passed, the pace is not known yet. */
export function forecastYearEnd(actual: number, share: number, minShare: number): number {
  if (share >= 1) return actual;
  return Math.round(actual / Math.max(share, minShare));
}

/** Whole percent of the goal reached (may exceed 100). */
export const percentOfGoalOf = (clients: number, targetClients: number): number =>
  Math.floor((clients * 100) / targetClients);

/** The thresholds reached: 25/50/75/100 % of the target (§3.8). */
export function reachedThresholds(clients: number, targetClients: number): CelebrationThreshold[] {
  return celebrationThresholds.filter((t) => clients * 100 >= t * targetClients);
}

/** How many clients reach a threshold: the first whole client at or over it. */
export const clientsForThreshold = (threshold: number, targetClients: number): number =>
  Math.max(1, Math.ceil((threshold * targetClients) / 100));

/** Rounds for display: plans are read by people, two decimals are plenty. */
export const round2 = (n: number): number => Math.round(n * 100) / 100;

function formatPercent(share: number): string {
  return `${Math.round(share * 100)} %`;
}

/** Referrals the practice gives to partners (PRODUCT.md §2 "Referral (given)", §3.5). */
import { plusDays } from '../platform/calendar.ts';

export const givenOutcomes = ['unknown', 'connected', 'became_client'] as const;
export type GivenOutcome = (typeof givenOutcomes)[number];

export type CheckInState = 'not_yet' | 'due' | 'done';

/** A referral given, with the names of the person sent and the partner sent to. */
export type GivenWithNames = {
  id: string;
  person_id: string;
  person_name: string;
  partner_id: string;
  partner_name: string;
  given_at: string;
};

/**
 * §3.5: `checkInDays` after giving a referral, ask the person whether they were well served.
 * Due from the due time until a check-in is recorded.
 */
export function checkInOf(
  r: { given_at: string; checked_in_at: string | null },
  settings: { checkInDays: number },
  now: Date,
): { checkInDueAt: string; checkInState: CheckInState } {
  const checkInDueAt = plusDays(r.given_at, settings.checkInDays);
  const isDue = now.getTime() >= Date.parse(checkInDueAt);
  const state: CheckInState = r.checked_in_at ? 'done' : isDue ? 'due' : 'not_yet';
  return { checkInDueAt, checkInState: state };
}

/** The bound a query may narrow by: a referral given at or before it is due a check-in at `now`. */
export const checkInCutoffAt = (now: Date, settings: { checkInDays: number }) =>
  plusDays(now, -settings.checkInDays);

/** When the outcome was learned: kept while it stays, set when it changes, none when unknown. */
export function outcomeAtAfter(
  current: { outcome: string; outcome_at: string | null },
  next: GivenOutcome,
  now: string,
): string | null {
  if (next === 'unknown') return null;
  return next === current.outcome ? current.outcome_at : now;
}

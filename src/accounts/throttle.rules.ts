import { minuteMs } from '../platform/calendar.ts';

/** A fixed-window limit: at most `limit` attempts per `windowMs`, counted per key. */
export type ThrottlePolicy = { limit: number; windowMs: number };

const minute = minuteMs;

/**
 * Sign-in attempts per account (by email, known or not, so the answer never tells which),
 * from any number of addresses. Password changes count here too: they also test a password.
 */
export const signInPerAccount: ThrottlePolicy = { limit: 5, windowMs: 15 * minute };

/**
 * Password-reset requests per account (by email, known or not): each may send an email, so
 * fewer than sign-in attempts; the answer is the same for every email.
 */
export const resetPerAccount: ThrottlePolicy = { limit: 3, windowMs: 15 * minute };

/** Password-reset requests and link uses per address: one address trying many emails or links. */
export const resetPerAddress: ThrottlePolicy = { limit: 10, windowMs: 15 * minute };

/** New accounts per address: sign-up is also a way to test an email's password. */
export const signUpPerAddress: ThrottlePolicy = { limit: 10, windowMs: 60 * minute };

/**
 * Demo practices created per user: each is two years of made-up data written in one long
 * transaction, which on SQLite holds every other writer back while it runs.
 */
export const demoPerUser: ThrottlePolicy = { limit: 3, windowMs: 60 * minute };

/** Counters older than the longest window decide nothing any more and can go. */
export const staleCountersBefore = (now: Date): Date =>
  new Date(
    now.getTime() -
      Math.max(
        signInPerAccount.windowMs,
        signUpPerAddress.windowMs,
        demoPerUser.windowMs,
        resetPerAccount.windowMs,
        resetPerAddress.windowMs,
      ),
  );

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** Whether the attempt just counted (the `hits`-th in the window) may go ahead. */
export function throttleDecision(
  counted: { hits: number; windowStartedAt: string },
  now: Date,
  policy: ThrottlePolicy,
): ThrottleDecision {
  if (counted.hits <= policy.limit) return { allowed: true };
  const endsAt = Date.parse(counted.windowStartedAt) + policy.windowMs;
  return {
    allowed: false,
    retryAfterSeconds: Math.max(1, Math.ceil((endsAt - now.getTime()) / 1000)),
  };
}

/** "5 minutes" or "40 seconds", for the message that goes with a 429. */
export function waitPhrase(seconds: number): string {
  if (seconds < 90) return `${seconds} seconds`;
  return `${Math.ceil(seconds / 60)} minutes`;
}

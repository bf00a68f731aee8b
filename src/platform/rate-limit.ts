import type { MiddlewareHandler } from 'hono';
import { clientIpOf } from './actor.ts';
import { AppError } from './errors.ts';

/**
 * A small fixed-window count per key (a client address), for the public forms: the survey
 * answer and the intake page. In memory: each server counts its own callers, which is what a
 * spam limit needs; a form that must hold across servers counts in the database instead.
 */
export type FixedWindow = {
  /** Counts one hit; the seconds to wait when the key is over its limit, else null. */
  hit: (key: string) => number | null;
};

export function fixedWindow(max: number, windowMs: number, now: () => number): FixedWindow {
  const hits = new Map<string, { start: number; count: number }>();
  return {
    hit(key) {
      const t = now();
      const entry = hits.get(key);
      if (!entry || t - entry.start >= windowMs) {
        // Bounded memory: a flood of addresses resets the windows rather than growing the map.
        if (hits.size > 10_000) hits.clear();
        hits.set(key, { start: t, count: 1 });
        return null;
      }
      entry.count += 1;
      return entry.count > max ? Math.max(1, Math.ceil((entry.start + windowMs - t) / 1000)) : null;
    },
  };
}

/** The refusal of an address over its window: 429 with Retry-After, saying how long to wait. */
export const tooManyFromAddress = (what: string, retryAfterSeconds: number) =>
  new AppError(
    'rate_limited',
    `Too many ${what} from this address. Try again in ${Math.ceil(retryAfterSeconds / 60)} minutes.`,
    [],
    { retryAfterSeconds },
  );

/** Counts every POST against the caller's address (the socket's, never a header). */
export function limitPostsByAddress(window: FixedWindow, what: string): MiddlewareHandler {
  return async (c, next) => {
    if (c.req.method !== 'POST') return next();
    const retry = window.hit(clientIpOf(c));
    if (retry !== null) throw tooManyFromAddress(what, retry);
    return next();
  };
}

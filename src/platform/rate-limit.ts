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
  /** Bounded memory: expired windows go first, then the oldest, never all at once. */
  function makeRoom(t: number) {
    for (const [key, entry] of hits) if (t - entry.start >= windowMs) hits.delete(key);
    for (const key of hits.keys()) {
      if (hits.size <= maxKeys * 0.9) break;
      hits.delete(key);
    }
  }
  return {
    hit(key) {
      const t = now();
      const entry = hits.get(key);
      if (!entry || t - entry.start >= windowMs) {
        if (hits.size >= maxKeys) makeRoom(t);
        // Re-inserted, so that the Map's order stays the order of the windows' starts.
        hits.delete(key);
        hits.set(key, { start: t, count: 1 });
        return null;
      }
      entry.count += 1;
      return entry.count > max ? Math.max(1, Math.ceil((entry.start + windowMs - t) / 1000)) : null;
    },
  };
}

const maxKeys = 10_000;

/**
 * The key of a client address: an IPv4 address as it is, an IPv6 address by its /64 (one
 * household or server has a whole /64 and may rotate through it), IPv4-mapped IPv6 as IPv4.
 */
export function addressKey(address: string): string {
  if (!address.includes(':')) return address;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return mapped[1];
  const [head = '', tail] = address.toLowerCase().split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups =
    tail === undefined
      ? left
      : [...left, ...Array(8 - left.length - right.length).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => g.replace(/^0+(?=.)/, ''))
    .join(':')}::/64`;
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
    const retry = window.hit(addressKey(clientIpOf(c)));
    if (retry !== null) throw tooManyFromAddress(what, retry);
    return next();
  };
}

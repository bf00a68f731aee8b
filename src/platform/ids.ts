import { randomUUID } from 'node:crypto';

/** The id prefix of the last millisecond asked for: ids made together share it. */
let last = { ms: Number.NaN, prefix: '' };

/**
 * A time-ordered id (UUID version 7 layout, RFC 9562): 48 bits of milliseconds, then random bits.
 * Text in both databases; sorts by creation time. The random part is a version 4 UUID's, whose
 * variant bits are already version 7's: Node draws those from a pool, cheaper than bytes of our
 * own for each id (an import makes two hundred thousand).
 */
export function newId(now: number = Date.now()): string {
  if (now !== last.ms) {
    const time = now.toString(16).padStart(12, '0');
    last = { ms: now, prefix: `${time.slice(0, 8)}-${time.slice(8, 12)}-7` };
  }
  // xxxxxxxx-xxxx-4xxx-…: everything after the version digit.
  return last.prefix + randomUUID().slice(15);
}

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

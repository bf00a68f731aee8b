/** Time enters the code through a clock so that tests can freeze it. */
export type Clock = { now: () => Date };

export const systemClock: Clock = { now: () => new Date() };

export function fixedClock(at: Date | string): Clock & { set: (to: Date | string) => void } {
  let current = new Date(at);
  return {
    now: () => new Date(current),
    set: (to) => {
      current = new Date(to);
    },
  };
}

/** The one timestamp representation in both databases: ISO 8601 UTC text with milliseconds. */
export function toTimestamp(d: Date): string {
  return d.toISOString();
}

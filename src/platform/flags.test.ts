import { describe, expect, it } from 'vitest';
import { isSet, toFlag } from './flags.ts';

describe('flags', () => {
  it('stores booleans as 0/1 and leaves an absent one absent (a partial update skips it)', () => {
    expect(toFlag(true)).toBe(1);
    expect(toFlag(false)).toBe(0);
    expect(toFlag(undefined)).toBeUndefined();
  });

  it('reads 1 as true whatever the driver hands back, anything else as false', () => {
    expect([1, '1', 1n].map(isSet)).toEqual([true, true, true]);
    expect([0, '0', 0n, null, undefined].map(isSet)).toEqual([false, false, false, false, false]);
  });
});

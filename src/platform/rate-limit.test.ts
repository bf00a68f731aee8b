import { describe, expect, it } from 'vitest';
import { fixedWindow } from './rate-limit.ts';

describe('fixedWindow', () => {
  it('lets max hits through per key and window, then says how long to wait', () => {
    let t = 0;
    const window = fixedWindow(3, 60_000, () => t);
    expect([1, 2, 3].map(() => window.hit('a'))).toEqual([null, null, null]);
    t = 15_000;
    expect(window.hit('a')).toBe(45);
    expect(window.hit('b')).toBeNull();
    t = 60_000;
    expect(window.hit('a')).toBeNull();
  });
});

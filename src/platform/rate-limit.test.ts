import { describe, expect, it } from 'vitest';
import { addressKey, fixedWindow } from './rate-limit.ts';

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

describe('fixedWindow memory', () => {
  it('makes room by dropping the oldest windows, so a flood of new addresses frees no one recent', () => {
    let t = 0;
    const window = fixedWindow(2, 60_000, () => t);
    for (let i = 0; i < 9_999; i++) window.hit(`filler-${i}`);
    t = 1000;
    window.hit('spammer');
    window.hit('spammer');
    expect(window.hit('spammer')).toBe(60);
    for (let i = 0; i < 100; i++) window.hit(`new-${i}`);
    expect(window.hit('spammer')).toBe(60);
    // and a window that ended is gone
    t = 62_000;
    expect(window.hit('spammer')).toBeNull();
  });
});

describe('addressKey', () => {
  it('keeps IPv4, maps IPv4-mapped IPv6 to IPv4, and groups IPv6 by its /64', () => {
    expect(addressKey('203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(addressKey('2001:db8:1:2:aaaa::1')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:0db8:0001:0002:ffff:0:0:9')).toBe('2001:db8:1:2::/64');
    expect(addressKey('2001:db8::1')).toBe('2001:db8:0:0::/64');
    expect(addressKey('::1')).toBe('0:0:0:0::/64');
  });
});

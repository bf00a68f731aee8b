import { describe, expect, it } from 'vitest';
import { signInPerAccount, throttleDecision, waitPhrase } from './throttle.rules.ts';

describe('throttle decisions', () => {
  const start = '2026-01-01T10:00:00.000Z';

  it('allows up to the limit in a window, then asks to wait until the window ends', () => {
    const at = new Date('2026-01-01T10:05:00.000Z');
    expect(throttleDecision({ hits: 5, windowStartedAt: start }, at, signInPerAccount)).toEqual({
      allowed: true,
    });
    expect(throttleDecision({ hits: 6, windowStartedAt: start }, at, signInPerAccount)).toEqual({
      allowed: false,
      retryAfterSeconds: 600,
    });
  });

  it('never asks to wait less than a second', () => {
    const late = new Date('2026-01-01T10:20:00.000Z');
    expect(throttleDecision({ hits: 9, windowStartedAt: start }, late, signInPerAccount)).toEqual({
      allowed: false,
      retryAfterSeconds: 1,
    });
  });

  it('words the wait', () => {
    expect(waitPhrase(40)).toBe('40 seconds');
    expect(waitPhrase(600)).toBe('10 minutes');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayMs } from '../platform/calendar.ts';
import {
  addressRefusal,
  backoffSeconds,
  excerptOf,
  isDueForPause,
  nextAttemptAfter,
  urlRefusal,
} from './webhook.rules.ts';

const t0 = new Date('2026-03-01T12:00:00.000Z');
const until = new Date(t0.getTime() + dayMs).toISOString();

describe('retries', () => {
  it('waits longer after each failure, then repeats the longest wait', () => {
    expect(nextAttemptAfter(1, t0, until)?.getTime()).toBe(t0.getTime() + 30_000);
    expect(nextAttemptAfter(2, t0, until)?.getTime()).toBe(t0.getTime() + 120_000);
    const last = backoffSeconds.at(-1) ?? 0;
    expect(nextAttemptAfter(50, t0, until)?.getTime()).toBe(t0.getTime() + last * 1000);
  });

  it('never schedules past the day, and stops once it is over', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 0, max: 2 * dayMs }),
        (n, ms) => {
          const now = new Date(t0.getTime() + ms);
          const next = nextAttemptAfter(n, now, until);
          if (ms >= dayMs) expect(next).toBeNull();
          else {
            expect(next).not.toBeNull();
            expect(next?.getTime()).toBeGreaterThan(now.getTime());
            expect(next?.getTime()).toBeLessThanOrEqual(Date.parse(until));
          }
        },
      ),
    );
  });

  it('pauses an endpoint after three days of failures, not before', () => {
    expect(isDueForPause(null, t0)).toBe(false);
    const since = t0.toISOString();
    expect(isDueForPause(since, new Date(t0.getTime() + 3 * dayMs - 1))).toBe(false);
    expect(isDueForPause(since, new Date(t0.getTime() + 3 * dayMs))).toBe(true);
  });

  it('keeps 256 characters of an answer at most', () => {
    expect(excerptOf('')).toBeNull();
    expect(excerptOf('x'.repeat(10_000))).toHaveLength(256);
  });
});

describe('addresses', () => {
  it.each([
    '127.0.0.1',
    '127.8.9.10',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fe80::1',
    'fd00::1',
    '::ffff:127.0.0.1',
    '::ffff:a9fe:a9fe',
    '[::1]',
  ])('refuses %s', (address) => {
    expect(addressRefusal(address)).toMatch(/private, loopback or link-local/);
  });

  it.each(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '::ffff:8.8.8.8'])(
    'allows the public %s',
    (address) => {
      expect(addressRefusal(address)).toBeNull();
    },
  );
});

describe('endpoint URLs', () => {
  it.each([
    ['http://127.0.0.1/hook', /https/],
    ['http://example.com/hook', /https/],
    ['https://169.254.169.254/latest/meta-data', /link-local/],
    ['https://127.0.0.1:8443/hook', /loopback/],
    ['https://[::1]/hook', /loopback/],
    ['https://localhost/hook', /localhost/],
    ['https://api.localhost/hook', /localhost/],
    ['https://user:pass@example.com/hook', /password/],
    ['ftp://example.com/hook', /https/],
    ['not a url', /absolute URL/],
  ])('refuses %s in production', (url, why) => {
    expect(urlRefusal(url, false)).toMatch(why);
  });

  it('takes a public https URL', () => {
    expect(urlRefusal('https://hooks.example.com/vouch?x=1', false)).toBeNull();
  });

  it('takes http and private addresses when the operator allows them', () => {
    expect(urlRefusal('http://127.0.0.1:9000/hook', true)).toBeNull();
    expect(urlRefusal('http://localhost/hook', true)).toBeNull();
    expect(urlRefusal('ftp://127.0.0.1/hook', true)).toMatch(/https/);
  });
});

import { describe, expect, it } from 'vitest';
import { intakeNoticeOf, linkRetryAfterSeconds, nextStepOf, withinWords } from './intake.rules.ts';

describe('intake rules', () => {
  it('say the response window as a person reads it', () => {
    expect(withinWords(1)).toBe('within the hour');
    expect(withinWords(24)).toBe('within 24 hours');
    expect(withinWords(36)).toBe('within 36 hours');
    expect(withinWords(72)).toBe('within 3 days');
    expect(nextStepOf('Harbour Counselling', 24)).toBe(
      'Harbour Counselling has your message and will get back to you within 24 hours.',
    );
  });

  it('free a capped link an hour after the first submission in its window', () => {
    const now = new Date('2026-11-27T10:30:00.000Z');
    expect(linkRetryAfterSeconds('2026-11-27T10:00:00.000Z', now)).toBe(1800);
    expect(linkRetryAfterSeconds('2026-11-27T09:00:00.000Z', now)).toBe(1);
  });

  it('notify the practice without the person', () => {
    const notice = intakeNoticeOf({
      referrerFirstName: 'Maya',
      responseWindowHours: 24,
      referralUrl: 'https://vouch.example/referrals/r1',
    });
    expect(notice.body).toContain("Maya's referral link");
    expect(notice.body).toContain('https://vouch.example/referrals/r1');
    expect(
      intakeNoticeOf({ referrerFirstName: null, responseWindowHours: 24, referralUrl: 'u' }).body,
    ).toContain("the practice's referral link");
  });
});

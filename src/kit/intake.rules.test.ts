import { describe, expect, it } from 'vitest';
import {
  intakeEventNote,
  intakeNoticeOf,
  linkRetryAfterSeconds,
  nextStepOf,
  withinWords,
} from './intake.rules.ts';

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

  it('notify the practice naming nobody', () => {
    const notice = intakeNoticeOf({
      isPersonalLink: true,
      responseWindowHours: 24,
      referralUrl: 'https://vouch.example/referrals/r1',
    });
    expect(notice.body).toBe(
      "Someone reached out through a referrer's personal link. The response clock is running: reply within 24 hours.\n\nOpen it in Vouch: https://vouch.example/referrals/r1\n",
    );
    expect(
      intakeNoticeOf({ isPersonalLink: false, responseWindowHours: 24, referralUrl: 'u' }).body,
    ).toContain("the practice's referral link");
  });

  it('note how they heard of the practice, and a consent that was not recorded', () => {
    expect(intakeEventNote({ heardFrom: null, consentUnconfirmed: false })).toBe(
      'Sent the intake form.',
    );
    expect(intakeEventNote({ heardFrom: 'A talk', consentUnconfirmed: true })).toMatch(
      /^Sent the intake form\. How they heard of the practice: A talk They ticked .* confirm it with them\.$/,
    );
  });
});

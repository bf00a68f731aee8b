import { describe, expect, it } from 'vitest';
import {
  resetEmail,
  resetLinkState,
  resetPageUrl,
  resetRequestedMessage,
} from './password-reset.rules.ts';

describe('password reset rules', () => {
  const expiresAt = '2026-05-01T10:00:00.000Z';
  it('a link is valid until the instant it expires, then expired; a missing one is unknown', () => {
    expect(resetLinkState({ expiresAt }, new Date('2026-05-01T09:59:59.999Z'))).toBe('valid');
    expect(resetLinkState({ expiresAt }, new Date(expiresAt))).toBe('expired');
    expect(
      resetLinkState({ expiresAt: new Date(expiresAt) }, new Date('2026-05-02T00:00:00Z')),
    ).toBe('expired');
    expect(resetLinkState(undefined, new Date(expiresAt))).toBe('unknown');
  });

  it('answers a request without saying whether the email has an account', () => {
    expect(resetRequestedMessage(true)).toMatch(/^If an account uses this email/);
    expect(resetRequestedMessage(true)).toContain('ask your practice owner');
    expect(resetRequestedMessage(false)).toContain('vouch user reset-password');
  });

  it('links to the web page and names the practice in the email', () => {
    expect(resetPageUrl('https://vouch.example/', 'a+b/c')).toBe(
      'https://vouch.example/reset-password?token=a%2Bb%2Fc',
    );
    const mail = resetEmail({ name: 'Mia' }, 'Harbor Law', 'LINK');
    expect(mail.body).toContain('your Vouch account at Harbor Law.');
    expect(mail.body).toContain('\nLINK\n');
    expect(resetEmail({ name: 'Mia' }, '  ', 'LINK').body).toContain('your Vouch account.');
  });
});

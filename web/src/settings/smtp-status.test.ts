import { describe, expect, it } from 'vitest';
import type { SmtpSettings } from '../api/types';
import { smtpPortError, smtpStatus } from './smtp-status';

const saved: SmtpSettings = {
  configured: true,
  host: 'smtp.example.com',
  port: 587,
  security: 'starttls',
  username: 'me',
  hasPassword: true,
  fromEmail: 'me@example.com',
  fromName: null,
  verifiedAt: null,
};

describe('smtpStatus', () => {
  it('does not say "set up" when settings are saved but never tested', () => {
    const status = smtpStatus(saved);
    expect(status.tone).toBe('untested');
    expect(status.title).not.toMatch(/set up/i);
    expect(status.text).toMatch(/test email/);
  });
  it('says "not set up" without settings', () => {
    expect(smtpStatus({ ...saved, configured: false }).tone).toBe('missing');
  });
  it('says "set up" once a test went through, with when', () => {
    const status = smtpStatus({ ...saved, verifiedAt: '2026-11-27T10:00:00.000Z' }, 'UTC');
    expect(status).toMatchObject({ tone: 'ok', title: '✓ Email is set up' });
    expect(status.text).toContain('me@example.com');
    expect(status.text).toContain('2026');
  });
});

describe('smtpPortError', () => {
  it('refuses what the API refuses instead of clamping it', () => {
    for (const bad of [99999, 65536, 0, -5, 2.5, 'abc'])
      expect(smtpPortError(bad), String(bad)).toBe('Must be a whole number from 1 to 65,535.');
    expect(smtpPortError('')).toBe('Enter the port, like 587.');
    for (const good of [1, 25, 587, 65535]) expect(smtpPortError(good)).toBeNull();
  });
});

import type { SmtpSettings } from '../api/types';
import { formatDateTime } from '../format';
import { numberLimits, wholeNumberError } from '../number-field';

export type SmtpStatus = { tone: 'ok' | 'untested' | 'missing'; title: string; text: string };

/**
 * What the email section says about the settings (issue 11): "set up" only once a test email
 * went through with the current settings, never merely because some were saved.
 */
export function smtpStatus(settings: SmtpSettings, timeZone?: string): SmtpStatus {
  if (!settings.configured)
    return {
      tone: 'missing',
      title: 'Email is not set up yet',
      text: 'Emails stay in the outbox marked “not sent — SMTP not configured”.',
    };
  if (!settings.verifiedAt)
    return {
      tone: 'untested',
      title: 'Saved, not tested yet',
      text: 'Send a test email below to check that your server takes mail from Vouch.',
    };
  return {
    tone: 'ok',
    title: '✓ Email is set up',
    text: `A test went through on ${formatDateTime(settings.verifiedAt, timeZone)}; messages go out from ${settings.fromEmail}.`,
  };
}

/** The form's own check of the port: the API's range, in the API's words. */
export const smtpPortError = (port: number | string): string | null =>
  port === '' ? 'Enter the port, like 587.' : wholeNumberError(port, numberLimits.smtpPort);

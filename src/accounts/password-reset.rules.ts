import { urlAt } from '../platform/config.ts';

/**
 * Password reset (issue 14 §5, PRODUCT.md §8): the words of the answers and of the email, and
 * whether a link may still be used. Pure: no I/O, time as a parameter.
 */

/**
 * The answer to every reset request, whatever the email: it never tells whether an account
 * exists. Only a fact of the whole server changes it (no practice can send email at all).
 */
export function resetRequestedMessage(serverCanSendEmail: boolean): string {
  return serverCanSendEmail
    ? 'If an account uses this email, a link to choose a new password is on its way. It works once, within an hour. ' +
        'Nothing after a few minutes? Check your spam folder; your practice may not send email yet, ' +
        'so ask your practice owner to reset your password.'
    : 'This server cannot send email yet, so no link can be sent. Ask your practice owner to reset your password: ' +
        'they can run `vouch user reset-password --email <your email>` on the server.';
}

export type ResetLinkState = 'valid' | 'expired' | 'unknown';

/** A stored link is valid until its expiry; one that is gone was used, replaced, or never was. */
export function resetLinkState(
  link: { expiresAt: Date | string } | undefined,
  now: Date,
): ResetLinkState {
  if (!link) return 'unknown';
  return new Date(link.expiresAt).getTime() > now.getTime() ? 'valid' : 'expired';
}

/** What the reset page says about a link that cannot be used (the `token` field). */
export function resetLinkRefusal(state: Exclude<ResetLinkState, 'valid'>): string {
  return state === 'expired'
    ? 'This link has expired: a reset link works for one hour. Ask for a new one with "Forgot password?" on the sign-in page.'
    : 'This link is not valid, or it was used already: each link works once. Ask for a new one with "Forgot password?" on the sign-in page.';
}

/** The web page that opens a reset link. */
export const resetPageUrl = (baseUrl: string, token: string): string =>
  urlAt(baseUrl, `/reset-password?token=${encodeURIComponent(token)}`);

/** The email that carries the link; `link` is where the link goes (a placeholder while queued). */
export function resetEmail(to: { name: string }, practiceName: string, link: string) {
  const where = practiceName.trim() ? ` at ${practiceName.trim()}` : '';
  return {
    subject: 'Choose a new password for Vouch',
    body: [
      `Hello ${to.name},`,
      '',
      `Someone, we hope you, asked to reset the password of your Vouch account${where}.`,
      'Choose a new password here; the link works once, within an hour:',
      '',
      link,
      '',
      'If you did not ask, ignore this email: your password stays as it is.',
    ].join('\n'),
  };
}

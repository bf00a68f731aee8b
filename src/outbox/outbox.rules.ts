import { createHmac, timingSafeEqual } from 'node:crypto';
import { dayMs } from '../platform/calendar.ts';
import { urlAt } from '../platform/config.ts';

/** Opt-out links keep working for a year (PRODUCT.md §6 asks for at least 30 days). */
export const optOutValidityDays = 365;

export type OptOutClaim = { practiceId: string; contactId: string; issuedAt: string };

const sign = (secret: string, payload: string) =>
  createHmac('sha256', `vouch:opt-out:${secret}`).update(payload).digest('base64url');

/** `<payload>.<hmac>`: practice, contact and issue time, signed with the server secret. */
export function signOptOutToken(secret: string, claim: OptOutClaim): string {
  const payload = Buffer.from(
    JSON.stringify([claim.practiceId, claim.contactId, claim.issuedAt]),
  ).toString('base64url');
  return `${payload}.${sign(secret, payload)}`;
}

export type OptOutCheck =
  | { ok: true; claim: OptOutClaim }
  | { ok: false; reason: 'invalid' | 'expired' };

export function verifyOptOutToken(secret: string, token: string, now: Date): OptOutCheck {
  const [payload, mac] = token.split('.');
  if (!payload || !mac || token.length > 1000) return { ok: false, reason: 'invalid' };
  const expected = Buffer.from(sign(secret, payload));
  const given = Buffer.from(mac);
  if (expected.length !== given.length || !timingSafeEqual(expected, given))
    return { ok: false, reason: 'invalid' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (!Array.isArray(parsed) || parsed.length !== 3 || !parsed.every((p) => typeof p === 'string'))
    return { ok: false, reason: 'invalid' };
  const [practiceId, contactId, issuedAt] = parsed as [string, string, string];
  const age = now.getTime() - Date.parse(issuedAt);
  if (!Number.isFinite(age) || age > optOutValidityDays * dayMs)
    return { ok: false, reason: 'expired' };
  return { ok: true, claim: { practiceId, contactId, issuedAt } };
}

export const optOutUrl = (baseUrl: string, token: string) =>
  urlAt(baseUrl, `/api/v1/public/opt-out/${token}`);

/** Retry schedule of the outbox (§6): 1 min, 5 min, 30 min, 2 h, 12 h; then failed. */
export const backoffMinutes = [1, 5, 30, 120, 720] as const;

/** After `attempts` failed attempts: when to try again, or null when it has failed for good. */
export function nextAttemptAfter(attempts: number, now: Date): Date | null {
  const minutes = backoffMinutes[attempts - 1];
  return minutes === undefined ? null : new Date(now.getTime() + minutes * 60_000);
}

/**
 * Emails a person expects once, as part of what the practice does for them (an introduction,
 * §3.9): they need no consent to relationship mail and carry no opt-out link (the referrer in
 * Cc reads the same text), but an opt-out is honoured (§6).
 */
export const oneOffEmails = { introduction: 'introduction' } as const;

export const isOneOffEmail = (templateKey: string): boolean =>
  (Object.values(oneOffEmails) as string[]).includes(templateKey);

/**
 * Why a one-off email may not go to this person, or null: a contact who opted out (the opt-out
 * link, or consent withdrawn) gets none (§6).
 */
export function optedOutRefusal(contact: {
  name: string;
  emailOptedOutAt: string | null;
}): string | null {
  return contact.emailOptedOutAt === null
    ? null
    : `${contact.name} opted out of email from the practice, so Vouch will not send this; make the introduction another way (a call, or through the referrer).`;
}

/**
 * What the stored body of an email with a private link (a password reset) shows in its place:
 * the outbox and the export never hold a usable link; the worker puts the link in at send time.
 */
export const privateLinkPlaceholder = '[a private link, added when the email is sent]';

/** The body as sent: the private link where its placeholder stands. */
export const withPrivateLink = (body: string, link: string): string =>
  body.replace(privateLinkPlaceholder, link);

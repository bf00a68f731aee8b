/**
 * The team's rules (PRODUCT.md §8), pure: how long an invitation link lives and what state it
 * is in, how its token is made and kept (a hash only), and the last-owner rule.
 */
import { createHash } from 'node:crypto';
import { dayMs } from '../platform/calendar.ts';
import { urlAt } from '../platform/config.ts';

export type Role = 'owner' | 'member';

/** An invitation link works for 7 days from when it was (last) sent. */
export const invitationValidDays = 7;

/** The outbox's template key of an invitation email. */
export const invitationTemplateKey = 'team_invitation';

export function invitationExpiry(sentAt: Date): Date {
  return new Date(sentAt.getTime() + invitationValidDays * dayMs);
}

/** What is stored of a token, and what a presented token is looked up by. */
export function hashInvitationToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The web app's page that opens an invitation. */
export function invitationUrl(baseUrl: string, token: string): string {
  return urlAt(baseUrl, `/join/${encodeURIComponent(token)}`);
}

export type InvitationStatus = 'pending' | 'accepted' | 'revoked' | 'expired';

export function invitationStatus(
  row: { accepted_at: string | null; revoked_at: string | null; expires_at: string },
  now: Date,
): InvitationStatus {
  if (row.accepted_at) return 'accepted';
  if (row.revoked_at) return 'revoked';
  if (Date.parse(row.expires_at) <= now.getTime()) return 'expired';
  return 'pending';
}

/** Why a link cannot be used, in words for the person holding it; null while it is pending. */
export function invitationRefusal(status: InvitationStatus): string | null {
  switch (status) {
    case 'pending':
      return null;
    case 'accepted':
      return 'This invitation has already been used. Sign in instead, or ask an owner of the practice for a new invitation.';
    case 'revoked':
      return 'This invitation was withdrawn by the practice. Ask an owner of the practice for a new one.';
    case 'expired':
      return `This invitation expired (links work for ${invitationValidDays} days). Ask an owner of the practice to send it again.`;
  }
}

/**
 * A practice always keeps an owner: the refusal when `change` would leave none, else null.
 * `members` are the practice's memberships as they are now (read under lock).
 */
export function lastOwnerRefusal(
  members: readonly { userId: string; role: Role }[],
  userId: string,
  change: { role: Role } | 'remove',
): string | null {
  const target = members.find((m) => m.userId === userId);
  if (target?.role !== 'owner') return null;
  if (change !== 'remove' && change.role === 'owner') return null;
  const owners = members.filter((m) => m.role === 'owner').length;
  if (owners > 1) return null;
  return change === 'remove'
    ? 'The last owner cannot be removed: a practice always keeps an owner. Make another member an owner first.'
    : 'The last owner cannot step down: a practice always keeps an owner. Make another member an owner first.';
}

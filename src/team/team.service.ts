/**
 * The team (PRODUCT.md §8, issue 14): invitations by email through the outbox, joining from the
 * link, roles and removal. Every change is owner-only (`requireOwner`), one transaction, and
 * audited; the last owner of a practice stays (checked under the members' row locks).
 */
import { randomBytes } from 'node:crypto';
import {
  deleteSessions,
  findMembership,
  findUserById,
  findUserIdByEmail,
  insertMember,
  listMemberRows,
  revokeUserApiTokens,
} from '../accounts/account.repository.ts';
import type { User } from '../accounts/account.schemas.ts';
import {
  checkAccountPassword,
  createAccount,
  type SessionResult,
  signIn,
  undoAccount,
  type WithCookies,
} from '../accounts/account.service.ts';
import { deleteAssignmentsOf, revokeUserCalendarFeeds } from '../agenda/agenda.repository.ts';
import { cancelQueuedEmailsAbout, findSmtpRow } from '../outbox/message.repository.ts';
import { queueAccountEmail } from '../outbox/message.service.ts';
import { privateLinkPlaceholder } from '../outbox/outbox.rules.ts';
import { wakeOutbox } from '../outbox/outbox.worker.ts';
import { requireOwner } from '../platform/actor.ts';
import { recordAudit } from '../platform/audit.ts';
import { toTimestamp } from '../platform/clock.ts';
import { inTransaction, type Queryable, type Tx } from '../platform/db.ts';
import type { Deps } from '../platform/deps.ts';
import { AppError, constraintKind, fieldError, notFound } from '../platform/errors.ts';
import type { Actor } from '../platform/http.ts';
import { newId } from '../platform/ids.ts';
import { findPractice } from '../practices/practice.repository.ts';
import { refuseInDemo } from '../practices/practice.service.ts';
import {
  deleteMember,
  findInvitation,
  findInvitationByHash,
  findLiveInvitationFor,
  type InvitationRow,
  insertInvitation,
  listInvitationRows,
  lockMembers,
  updateInvitation,
  updateMemberRole,
} from './team.repository.ts';
import {
  hashInvitationToken,
  invitationExpiry,
  invitationRefusal,
  invitationStatus,
  invitationTemplateKey,
  invitationUrl,
  invitationValidDays,
  lastOwnerRefusal,
  type Role,
} from './team.rules.ts';
import type {
  AcceptInvitation,
  CreateInvitation,
  Invitation,
  InvitationPreview,
  SentInvitation,
} from './team.schemas.ts';

export type Member = User & { role: Role };

function toInvitation(row: InvitationRow & { invited_by_name: string | null }, now: Date) {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    status: invitationStatus(row, now),
    invitedBy:
      row.invited_by && row.invited_by_name !== null
        ? { id: row.invited_by, name: row.invited_by_name }
        : null,
    createdAt: row.created_at,
    sentAt: row.sent_at,
    expiresAt: row.expires_at,
    acceptedAt: row.accepted_at,
    revokedAt: row.revoked_at,
  } satisfies Invitation;
}

export async function listInvitations(deps: Deps, actor: Actor): Promise<Invitation[]> {
  requireOwner(actor, 'see the team’s invitations');
  const now = deps.clock.now();
  const rows = await listInvitationRows(deps.db, actor.practiceId);
  return rows.map((row) => toInvitation(row, now));
}

/**
 * A new link for the invitation (a random token; only its hash is kept) and its email queued
 * through the outbox, in the caller's transaction. The outbox keeps the link sealed with the
 * server secret (`queueAccountEmail`), so neither the outbox nor an export shows it.
 */
async function sendLink(
  trx: Tx,
  deps: Deps,
  actor: Actor,
  invitation: { id: string; email: string; role: Role },
  at: Date,
): Promise<{ link: string; sentAt: string; expiresAt: string; tokenHash: string }> {
  // 256 random bits, in the link only: the invitation keeps its hash, the outbox the sealed link.
  const token = randomBytes(32).toString('base64url');
  const link = invitationUrl(deps.config.baseUrl, token);
  const [practice, inviter] = await Promise.all([
    findPractice(trx, actor.practiceId),
    findUserById(trx, actor.userId),
  ]);
  const practiceName = practice?.name || 'a practice';
  const who = inviter?.name ?? 'An owner';
  await queueAccountEmail(trx, deps, actor.practiceId, {
    templateKey: invitationTemplateKey,
    to: { userId: null, name: invitation.email, email: invitation.email },
    about: { type: 'invitation', id: invitation.id, by: actor.userId },
    subject: `${who} invited you to join ${practiceName} on Vouch`,
    body:
      `${who} invited you to join ${practiceName} on Vouch as ${invitation.role === 'owner' ? 'an owner' : 'a member'}.\n\n` +
      `Open this link to set your name and password and join:\n${privateLinkPlaceholder}\n\n` +
      `The link works for ${invitationValidDays} days. If you did not expect this email, ignore it.\n`,
    privateLink: link,
  });
  return {
    link,
    sentAt: toTimestamp(at),
    expiresAt: toTimestamp(invitationExpiry(at)),
    tokenHash: hashInvitationToken(token),
  };
}

async function sentInvitation(
  deps: Deps,
  actor: Actor,
  id: string,
  link: string,
): Promise<SentInvitation> {
  const rows = await listInvitationRows(deps.db, actor.practiceId);
  const row = rows.find((r) => r.id === id);
  if (!row) throw notFound('The invitation');
  const emailSetUp = (await findSmtpRow(deps.db, actor.practiceId)) !== undefined;
  return { ...toInvitation(row, deps.clock.now()), link, emailSetUp };
}

/** Invites someone by email (owner only): the link goes out through the outbox, valid 7 days. */
export async function inviteMember(
  deps: Deps,
  actor: Actor,
  input: CreateInvitation,
): Promise<SentInvitation> {
  requireOwner(actor, 'invite people to the team');
  await refuseInDemo(deps.db, actor.practiceId, 'Invitations');
  const email = input.email.toLowerCase();
  const id = newId();
  const now = deps.clock.now();
  const link = await inTransaction(deps.db, async (trx) => {
    const members = await listMemberRows(trx, actor.practiceId);
    if (members.some((m) => m.email.toLowerCase() === email))
      throw fieldError('email', 'is already a member of this practice.', 'conflict');
    if (await findLiveInvitationFor(trx, actor.practiceId, email))
      throw fieldError(
        'email',
        'has an invitation already. Send it again, or withdraw it, from the list of invitations.',
        'conflict',
      );
    const sent = await sendLink(trx, deps, actor, { id, email, role: input.role }, now);
    await insertInvitationOnce(trx, {
      practice_id: actor.practiceId,
      id,
      email,
      role: input.role,
      token_hash: sent.tokenHash,
      invited_by: actor.userId,
      created_at: sent.sentAt,
      sent_at: sent.sentAt,
      expires_at: sent.expiresAt,
      accepted_at: null,
      accepted_by: null,
      revoked_at: null,
    });
    // Ids only: an email in the audit log would outlive the invitation.
    await recordAudit(trx, deps.clock, {
      practiceId: actor.practiceId,
      userId: actor.userId,
      action: 'team.invited',
      subjectType: 'invitation',
      subjectId: id,
      detail: { role: input.role },
    });
    return sent.link;
  });
  wakeOutbox(deps.db);
  return sentInvitation(deps, actor, id, link);
}

/** Two owners inviting the same email at once: the second is told, not a 500. */
async function insertInvitationOnce(trx: Tx, row: InvitationRow): Promise<void> {
  try {
    await insertInvitation(trx, row);
  } catch (error) {
    if (constraintKind(error) === 'unique')
      throw fieldError(
        'email',
        'has just been invited by someone else. Refresh the list.',
        'conflict',
      );
    throw error;
  }
}

/** An invitation of the practice that can still change (not used, not withdrawn), locked. */
async function openInvitation(trx: Tx, actor: Actor, id: string): Promise<InvitationRow> {
  const row = await findInvitation(trx, actor.practiceId, id);
  if (!row) throw notFound('The invitation');
  if (row.accepted_at)
    throw fieldError(
      'id',
      'This invitation has been used already: the person is on the team.',
      'conflict',
    );
  if (row.revoked_at)
    throw fieldError('id', 'This invitation was withdrawn. Invite the person again.', 'conflict');
  return row;
}

/** Sends the invitation again with a new link (the old one stops working) and a new 7 days. */
export async function resendInvitation(
  deps: Deps,
  actor: Actor,
  id: string,
): Promise<SentInvitation> {
  requireOwner(actor, 'send invitations');
  const link = await inTransaction(deps.db, async (trx) => {
    const row = await openInvitation(trx, actor, id);
    // An earlier email still waiting would carry the old link, which stops working now.
    await cancelQueuedEmailsAbout(
      trx,
      actor.practiceId,
      { type: 'invitation', id },
      'Not sent: the invitation was sent again with a new link.',
    );
    const sent = await sendLink(trx, deps, actor, row, deps.clock.now());
    await updateInvitation(trx, actor.practiceId, id, {
      token_hash: sent.tokenHash,
      sent_at: sent.sentAt,
      expires_at: sent.expiresAt,
    });
    await recordAudit(trx, deps.clock, {
      practiceId: actor.practiceId,
      userId: actor.userId,
      action: 'team.invitation_resent',
      subjectType: 'invitation',
      subjectId: id,
    });
    return sent.link;
  });
  wakeOutbox(deps.db);
  return sentInvitation(deps, actor, id, link);
}

/** Withdraws an invitation: its link says so from now on. */
export async function revokeInvitation(deps: Deps, actor: Actor, id: string): Promise<void> {
  requireOwner(actor, 'withdraw invitations');
  await inTransaction(deps.db, async (trx) => {
    await openInvitation(trx, actor, id);
    await updateInvitation(trx, actor.practiceId, id, {
      revoked_at: toTimestamp(deps.clock.now()),
    });
    await cancelQueuedEmailsAbout(
      trx,
      actor.practiceId,
      { type: 'invitation', id },
      'Not sent: the invitation was withdrawn.',
    );
    await recordAudit(trx, deps.clock, {
      practiceId: actor.practiceId,
      userId: actor.userId,
      action: 'team.invitation_revoked',
      subjectType: 'invitation',
      subjectId: id,
    });
  });
}

/** The invitation a link names, usable now; 404 for an unknown link, 410 for a spent one. */
async function usableInvitation(db: Queryable, token: string, now: Date) {
  const row = await findInvitationByHash(db, hashInvitationToken(token));
  if (!row)
    throw fieldError(
      'token',
      'This invitation link is not valid. Check that the whole link was copied, or ask for a new invitation.',
      'not_found',
    );
  const refusal = invitationRefusal(invitationStatus(row, now));
  if (refusal) throw new AppError('gone', refusal, [{ field: 'token', message: refusal }]);
  return row;
}

/** What the link's holder sees before joining (no sign-in: the link is the credential). */
export async function previewInvitation(deps: Deps, token: string): Promise<InvitationPreview> {
  const row = await usableInvitation(deps.db, token, deps.clock.now());
  const userId = await findUserIdByEmail(deps.db, row.email);
  const membership = userId ? await findMembership(deps.db, userId) : undefined;
  return {
    practiceName: row.practice_name,
    email: row.email,
    role: row.role,
    invitedBy: row.invited_by_name,
    expiresAt: row.expires_at,
    hasAccount: userId !== undefined && membership === undefined,
  };
}

/**
 * Joins the practice from an invitation link and signs in: a new account with the name and
 * password given, or an existing account without a practice (a former member, say) with its
 * own password. The link is used once: claimed under its row lock with the membership.
 */
export async function acceptInvitation(
  deps: Deps,
  input: AcceptInvitation,
  clientIp: string,
): Promise<WithCookies<SessionResult>> {
  const invitation = await usableInvitation(deps.db, input.token, deps.clock.now());
  const email = invitation.email;
  const existing = await findUserIdByEmail(deps.db, email);
  let userId: string;
  let created = false;
  if (existing) {
    const membership = await findMembership(deps.db, existing);
    if (membership)
      throw fieldError(
        'token',
        membership.practice_id === invitation.practice_id
          ? 'You are on this team already. Sign in instead.'
          : 'This email already belongs to a member of another practice, and a Vouch account works in one practice. Ask to be invited with another email.',
        'conflict',
      );
    await checkAccountPassword(deps, existing, email, input.password);
    userId = existing;
  } else {
    if (!input.name) throw fieldError('name', 'is required: the name your team will see.');
    userId = await createAccount(deps, { name: input.name, email, password: input.password });
    created = true;
  }
  try {
    await inTransaction(deps.db, async (trx) => {
      const row = await usableInvitation(trx, input.token, deps.clock.now());
      const at = toTimestamp(deps.clock.now());
      try {
        await insertMember(trx, {
          practice_id: row.practice_id,
          user_id: userId,
          role: row.role,
          created_at: at,
        });
      } catch (error) {
        // The same account joining another practice at this very moment (one practice each).
        if (constraintKind(error) === 'unique')
          throw fieldError(
            'token',
            'This account has just joined a practice. Sign in instead.',
            'conflict',
          );
        throw error;
      }
      await updateInvitation(trx, row.practice_id, row.id, {
        accepted_at: at,
        accepted_by: userId,
      });
      await recordAudit(trx, deps.clock, {
        practiceId: row.practice_id,
        userId,
        action: 'team.joined',
        subjectType: 'invitation',
        subjectId: row.id,
        detail: { role: row.role, newAccount: created },
      });
    });
  } catch (error) {
    // Nothing half-done: an account made for this join goes if the join did not happen.
    if (created) await undoAccount(deps, userId);
    throw error;
  }
  return signIn(deps, { email, password: input.password }, clientIp);
}

async function memberOf(trx: Tx, practiceId: string, userId: string): Promise<Member> {
  const member = (await listMemberRows(trx, practiceId)).find((m) => m.id === userId);
  if (!member) throw notFound('The member');
  return member;
}

/**
 * Makes a member an owner or an owner a member (owner only). Ownership is handed over by
 * making someone else an owner first; the last owner cannot step down (409).
 */
export async function changeRole(
  deps: Deps,
  actor: Actor,
  userId: string,
  role: Role,
): Promise<Member> {
  requireOwner(actor, 'change roles on the team');
  return inTransaction(deps.db, async (trx) => {
    const members = await lockMembers(trx, actor.practiceId);
    const target = members.find((m) => m.userId === userId);
    if (!target) throw notFound('The member');
    if (target.role === role) return memberOf(trx, actor.practiceId, userId);
    const refusal = lastOwnerRefusal(members, userId, { role });
    if (refusal) throw fieldError('role', refusal, 'conflict');
    await updateMemberRole(trx, actor.practiceId, userId, role);
    await recordAudit(trx, deps.clock, {
      practiceId: actor.practiceId,
      userId: actor.userId,
      action: 'team.role_changed',
      subjectType: 'user',
      subjectId: userId,
      detail: { from: target.role, to: role },
    });
    return memberOf(trx, actor.practiceId, userId);
  });
}

/**
 * Removes someone from the team (owner only), in one transaction: their membership, every
 * session, their API tokens and calendar feeds. What they did stays, under their name (their
 * account is kept without a practice). The last owner cannot be removed (409).
 */
export async function removeMember(deps: Deps, actor: Actor, userId: string): Promise<void> {
  requireOwner(actor, 'remove people from the team');
  await inTransaction(deps.db, async (trx) => {
    const members = await lockMembers(trx, actor.practiceId);
    if (!members.some((m) => m.userId === userId)) throw notFound('The member');
    const refusal = lastOwnerRefusal(members, userId, 'remove');
    if (refusal) throw fieldError('id', refusal, 'conflict');
    const at = toTimestamp(deps.clock.now());
    await deleteMember(trx, actor.practiceId, userId);
    const sessionsEnded = await deleteSessions(trx, userId);
    const tokensRevoked = await revokeUserApiTokens(trx, actor.practiceId, userId, at);
    const feedsRevoked = await revokeUserCalendarFeeds(trx, actor.practiceId, userId, at);
    // Their agenda items go back to everyone, so nothing waits on someone who left.
    await deleteAssignmentsOf(trx, actor.practiceId, userId);
    await recordAudit(trx, deps.clock, {
      practiceId: actor.practiceId,
      userId: actor.userId,
      action: 'team.member_removed',
      subjectType: 'user',
      subjectId: userId,
      detail: { sessionsEnded, tokensRevoked, feedsRevoked },
    });
  });
}

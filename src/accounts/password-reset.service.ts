import { findSmtpRow, hasAnySmtpSettings } from '../outbox/message.repository.ts';
import { queueAccountEmail } from '../outbox/message.service.ts';
import { privateLinkPlaceholder } from '../outbox/outbox.rules.ts';
import { wakeOutbox } from '../outbox/outbox.worker.ts';
import { recordAudit } from '../platform/audit.ts';
import { captureResetLink, hashPassword, resetIdentifierOf } from '../platform/auth.ts';
import { toTimestamp } from '../platform/clock.ts';
import { type Db, inTransaction } from '../platform/db.ts';
import type { Deps } from '../platform/deps.ts';
import { AppError, fieldError } from '../platform/errors.ts';
import { findPractice } from '../practices/practice.repository.ts';
import {
  clearAttempts,
  deleteSessions,
  findCredential,
  findMembership,
  findUserById,
  findUserIdByEmail,
  updateCredentialPassword,
} from './account.repository.ts';
import { accountKey, throttle } from './account.service.ts';
import { passwordWeakness } from './password.rules.ts';
import {
  consumeResetLink,
  deleteExpiredResetLinks,
  deleteResetLinksOf,
  findResetLink,
} from './password-reset.repository.ts';
import {
  resetEmail,
  resetLinkRefusal,
  resetLinkState,
  resetPageUrl,
  resetRequestedMessage,
} from './password-reset.rules.ts';
import type { PasswordResetRequested, ResetPassword } from './password-reset.schemas.ts';
import { resetPerAccount, resetPerAddress, staleCountersBefore } from './throttle.rules.ts';

/** Work started after an answer, per database, so that tests and shutdown can wait for it. */
const running = new WeakMap<Db, Set<Promise<void>>>();

/**
 * Runs `work` after the current answer has gone: its time, and whether it found anyone, never
 * shows in the answer's latency. Lost if the process dies first; the user asks again.
 */
function afterAnswer(deps: Deps, work: () => Promise<void>): void {
  const tasks = running.get(deps.db) ?? new Set<Promise<void>>();
  running.set(deps.db, tasks);
  const task = new Promise<void>((resolve) => {
    setImmediate(() => {
      work()
        .catch((error: unknown) => {
          if (deps.config.log !== 'silent') console.error('[vouch] password reset:', error);
        })
        .finally(resolve);
    });
  });
  tasks.add(task);
  void task.then(() => tasks.delete(task));
}

/** Resolves once the reset requests started on this database so far are done (tests, shutdown). */
export async function passwordResetsSettled(db: Db): Promise<void> {
  await Promise.all([...(running.get(db) ?? [])]);
}

/**
 * "Forgot password": the same answer, after the same work, whatever the email. The link is
 * issued by better-auth and queued in the practice's outbox after the answer has gone.
 */
export async function requestPasswordReset(
  deps: Deps,
  email: string,
  clientIp: string,
): Promise<PasswordResetRequested> {
  await throttle(deps, `reset:${clientIp}`, resetPerAddress, 'reset requests from this address');
  await throttle(
    deps,
    accountKey(email, 'reset'),
    resetPerAccount,
    'reset requests for this email',
  );
  const serverCanSendEmail = await hasAnySmtpSettings(deps.db);
  afterAnswer(deps, () => issueResetLink(deps, email, clientIp));
  return { message: resetRequestedMessage(serverCanSendEmail) };
}

/**
 * Issues a link through better-auth (none for an unknown email) and, in one transaction, queues
 * it in the user's practice's outbox (when it has SMTP) and audits the request there.
 */
async function issueResetLink(deps: Deps, email: string, clientIp: string): Promise<void> {
  await deleteExpiredResetLinks(deps.db, deps.clock.now());
  const issued = await captureResetLink(() =>
    deps.auth.api.requestPasswordReset({ body: { email } }),
  );
  if (!issued) return;
  const [user, membership] = await Promise.all([
    findUserById(deps.db, issued.userId),
    findMembership(deps.db, issued.userId),
  ]);
  if (!user || !membership) return;
  const practiceId = membership.practice_id;
  const queued = await inTransaction(deps.db, async (trx) => {
    const [smtp, practice] = await Promise.all([
      findSmtpRow(trx, practiceId),
      findPractice(trx, practiceId),
    ]);
    if (smtp) {
      const mail = resetEmail(user, practice?.name ?? '', privateLinkPlaceholder);
      await queueAccountEmail(trx, deps, practiceId, {
        templateKey: 'password_reset',
        to: { userId: user.id, name: user.name, email: user.email },
        ...mail,
        privateLink: resetPageUrl(deps.config.baseUrl, issued.token),
      });
    }
    await recordAudit(trx, deps.clock, {
      practiceId,
      userId: user.id,
      action: 'account.password_reset_requested',
      subjectType: 'user',
      subjectId: user.id,
      // Without SMTP no email leaves: the owner sees here that someone is waiting.
      detail: { ip: clientIp, emailQueued: smtp !== undefined },
    });
    return smtp !== undefined;
  });
  if (queued) wakeOutbox(deps.db);
}

/**
 * The link's second half: a new password (the sign-up rules) for the link's user. The link is
 * used up, every session of the user ends, their other links die and the reset is audited, in
 * one transaction. A link that cannot be used changes nothing.
 */
export async function resetPasswordWithLink(
  deps: Deps,
  input: ResetPassword,
  clientIp: string,
): Promise<void> {
  await throttle(deps, `reset:${clientIp}`, resetPerAddress, 'reset attempts from this address');
  const identifier = resetIdentifierOf(input.token);
  const link = await findResetLink(deps.db, identifier);
  const state = resetLinkState(link && { expiresAt: link.expires_at }, deps.clock.now());
  const user = link && state === 'valid' ? await findUserById(deps.db, link.user_id) : undefined;
  if (!user)
    throw fieldError(
      'token',
      resetLinkRefusal(state === 'expired' ? 'expired' : 'unknown'),
      'unprocessable',
    );
  await setNewPassword(deps, user, input.newPassword, {
    field: 'newPassword',
    via: 'link',
    clientIp,
    consume: identifier,
  });
}

/**
 * `vouch user reset-password`: the operator sets a user's password on the server (a practice
 * without SMTP has no other way). The same rules and effects as a reset by link.
 */
export async function resetPasswordOnServer(
  deps: Deps,
  input: { email: string; password: string },
): Promise<{ userId: string; sessionsEnded: number }> {
  const userId = await findUserIdByEmail(deps.db, input.email.trim());
  const user = userId ? await findUserById(deps.db, userId) : undefined;
  if (!user)
    throw fieldError('email', 'No account uses this email. Check it and try again.', 'not_found');
  const sessionsEnded = await setNewPassword(deps, user, input.password, {
    field: 'password',
    via: 'server',
    clientIp: null,
    consume: null,
  });
  return { userId: user.id, sessionsEnded };
}

/** The one write of a reset, by link or on the server. Answers how many sessions ended. */
async function setNewPassword(
  deps: Deps,
  user: { id: string; name: string; email: string },
  password: string,
  how: { field: string; via: 'link' | 'server'; clientIp: string | null; consume: string | null },
): Promise<number> {
  const weakness = await passwordWeakness(password, { email: user.email, name: user.name });
  if (weakness) throw fieldError(how.field, weakness);
  const passwordHash = await hashPassword(password);
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    // The database decides which of two uses of one link wins: the other changes nothing.
    if (how.consume && !(await consumeResetLink(trx, how.consume)))
      throw fieldError('token', resetLinkRefusal('unknown'), 'unprocessable');
    const [credential, membership] = await Promise.all([
      findCredential(trx, user.id),
      findMembership(trx, user.id),
    ]);
    if (!credential || !membership)
      throw new AppError('unprocessable', 'This account has no password to reset.');
    await updateCredentialPassword(trx, credential.id, passwordHash, toTimestamp(now));
    await deleteResetLinksOf(trx, user.id);
    const sessionsEnded = await deleteSessions(trx, user.id);
    // A locked-out user can sign in with the new password at once.
    await clearAttempts(trx, accountKey(user.email), staleCountersBefore(now));
    await recordAudit(trx, deps.clock, {
      practiceId: membership.practice_id,
      userId: user.id,
      action: 'account.password_reset',
      subjectType: 'user',
      subjectId: user.id,
      detail: { via: how.via, sessionsEnded, ...(how.clientIp ? { ip: how.clientIp } : {}) },
    });
    return sessionsEnded;
  });
}

import { findUserById } from '../accounts/account.repository.ts';
import { requireOwner } from '../platform/actor.ts';
import { recordAudit } from '../platform/audit.ts';
import { toTimestamp } from '../platform/clock.ts';
import { inTransaction } from '../platform/db.ts';
import type { Deps } from '../platform/deps.ts';
import { AppError } from '../platform/errors.ts';
import type { Actor } from '../platform/http.ts';
import { newId } from '../platform/ids.ts';
import { findPractice } from '../practices/practice.repository.ts';
import { sendMail, smtpPurpose } from './mailer.ts';
import {
  deleteSmtpRow,
  findSmtpRow,
  markSmtpVerified,
  type SmtpRow,
  upsertSmtpRow,
} from './message.repository.ts';
import type { PutSmtp, SmtpSettings, SmtpTestResult } from './outbox.schemas.ts';
import { wakeOutbox } from './outbox.worker.ts';
import { encryptSecret } from './secret-box.ts';
import {
  describeSmtpFailure,
  smtpConnectionChanged,
  smtpFailureDetail,
  smtpFailureOf,
} from './smtp.rules.ts';

/** The settings as the API shows them: never the password, only whether there is one. */
function toSettings(row: SmtpRow | undefined): SmtpSettings {
  return {
    configured: row !== undefined,
    host: row?.host ?? null,
    port: row ? Number(row.port) : null,
    security: row?.security ?? null,
    username: row?.username ?? null,
    hasPassword: Boolean(row?.password_encrypted),
    fromEmail: row?.from_email ?? null,
    fromName: row?.from_name ?? null,
    verifiedAt: row?.verified_at ?? null,
  };
}

export async function getSmtp(deps: Deps, actor: Actor): Promise<SmtpSettings> {
  return toSettings(await findSmtpRow(deps.db, actor.practiceId));
}

/** Saves the settings; the password is sealed with AES-256-GCM under the server secret. */
export async function putSmtp(deps: Deps, actor: Actor, input: PutSmtp): Promise<SmtpSettings> {
  requireOwner(actor, 'change the email (SMTP) settings');
  const now = toTimestamp(deps.clock.now());
  const row = await inTransaction(deps.db, async (trx) => {
    const current = await findSmtpRow(trx, actor.practiceId);
    const passwordEncrypted =
      input.password === undefined
        ? (current?.password_encrypted ?? null)
        : input.password === null || input.password === ''
          ? null
          : encryptSecret(deps.config.secret, smtpPurpose, input.password);
    const next: SmtpRow = {
      practice_id: actor.practiceId,
      host: input.host,
      port: input.port,
      security: input.security,
      username: input.username ?? null,
      password_encrypted: passwordEncrypted,
      from_email: input.fromEmail,
      from_name: input.fromName ?? null,
      updated_at: now,
      verified_at: null,
    };
    // A passed test still holds when only the from name changed; anything else is untested.
    if (
      current?.verified_at &&
      !smtpConnectionChanged(
        {
          host: current.host,
          port: Number(current.port),
          security: current.security,
          username: current.username,
          fromEmail: current.from_email,
        },
        {
          host: next.host,
          port: next.port,
          security: next.security,
          username: next.username,
          fromEmail: next.from_email,
        },
        input.password !== undefined,
      )
    )
      next.verified_at = current.verified_at;
    await upsertSmtpRow(trx, next);
    await recordAudit(trx, deps.clock, {
      practiceId: actor.practiceId,
      userId: actor.userId,
      action: 'smtp.updated',
      subjectType: 'smtp_settings',
      subjectId: actor.practiceId,
      detail: { host: input.host, port: input.port, passwordChanged: input.password !== undefined },
    });
    return next;
  });
  // Messages that waited for SMTP settings can go now.
  wakeOutbox(deps.db);
  return toSettings(row);
}

export async function deleteSmtp(deps: Deps, actor: Actor): Promise<void> {
  requireOwner(actor, 'remove the email (SMTP) settings');
  await inTransaction(deps.db, async (trx) => {
    await deleteSmtpRow(trx, actor.practiceId);
    await recordAudit(trx, deps.clock, {
      practiceId: actor.practiceId,
      userId: actor.userId,
      action: 'smtp.deleted',
      subjectType: 'smtp_settings',
      subjectId: actor.practiceId,
    });
  });
}

/**
 * Sends a test email now (not through the outbox) and says what happened: on success the
 * settings it used are marked verified; on failure one sentence says what to do, with the
 * technical detail apart.
 */
export async function testSmtp(
  deps: Deps,
  actor: Actor,
  input: { to?: string | undefined },
): Promise<SmtpTestResult> {
  requireOwner(actor, 'test the email (SMTP) settings');
  const smtp = await findSmtpRow(deps.db, actor.practiceId);
  if (!smtp)
    throw new AppError(
      'unprocessable',
      'SMTP is not configured yet. Save the settings (PUT /smtp) first.',
    );
  const [practice, user] = await Promise.all([
    findPractice(deps.db, actor.practiceId),
    findUserById(deps.db, actor.userId),
  ]);
  const to = input.to ?? user?.email;
  if (!to)
    throw new AppError('unprocessable', 'There is no address to send the test to; give "to".');
  try {
    const { providerId } = await sendMail(
      deps.config,
      smtp,
      {
        fromName: practice?.name ?? 'Vouch',
        to: { name: null, address: to },
        subject: 'Vouch test email',
        text: `This is a test from Vouch for ${practice?.name ?? 'your practice'}. If you can read it, email is set up.`,
        messageId: `<test-${newId()}@vouch>`,
      },
      { connectionMs: 10_000 },
    );
    const verifiedAt = toTimestamp(deps.clock.now());
    // Only if the settings are still the ones tested: a save meanwhile leaves them untested.
    const marked = await markSmtpVerified(deps.db, actor.practiceId, smtp.updated_at, verifiedAt);
    return { ok: true, providerId, verifiedAt: marked ? verifiedAt : null };
  } catch (error) {
    // A failed test means it is not set up (any more): the status and checklist say so.
    await markSmtpVerified(deps.db, actor.practiceId, smtp.updated_at, null);
    const failure = smtpFailureOf(error);
    return {
      ok: false,
      error: describeSmtpFailure(failure, { host: smtp.host, port: Number(smtp.port) }),
      detail: smtpFailureDetail(failure),
    };
  }
}

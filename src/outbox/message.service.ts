import { listMemberRows } from '../accounts/account.repository.ts';
import { markReminderSent } from '../commitments/commitment.repository.ts';
import { getCommitmentForLetter } from '../commitments/commitment.service.ts';
import {
  type PreparedLetter,
  prepareLetter,
  recordPermissionGiven,
  renderLetter,
} from '../letters/letter.service.ts';
import type { Cause } from '../letters/letter.templates.ts';
import { recordAudit } from '../platform/audit.ts';
import { localDay } from '../platform/calendar.ts';
import { toTimestamp } from '../platform/clock.ts';
import { inTransaction, type Tx } from '../platform/db.ts';
import type { Deps } from '../platform/deps.ts';
import { AppError, fieldError, notFound } from '../platform/errors.ts';
import type { Actor } from '../platform/http.ts';
import { newId } from '../platform/ids.ts';
import { requirePracticeRow } from '../practices/practice.service.ts';
import { findGivenRow, updateGivenRow } from '../referrals/given.repository.ts';
import {
  findReferralRow,
  insertReferralEventRow,
  lockReferralRow,
  type ReferralEventRow,
  updateReferralRow,
} from '../referrals/referral.repository.ts';
import { type ReferralStatus, thanksRefusal } from '../referrals/referral.rules.ts';
import { renderLetterPdf } from './letter-pdf.ts';
import {
  findMessageRow,
  findSmtpRow,
  insertMessageOnce,
  insertMessageRow,
  listMessageRows,
  type MessageRow,
  updateMessageRow,
} from './message.repository.ts';
import { privateLinkPlaceholder } from './outbox.rules.ts';
import type { CreateMessage, ListMessagesQuery, Message } from './outbox.schemas.ts';
import { privateLinkPurpose, wakeOutbox } from './outbox.worker.ts';
import { encryptSecret } from './secret-box.ts';

export function statusLabelOf(row: MessageRow, smtpConfigured: boolean): string {
  switch (row.status) {
    case 'draft':
      return 'letter — to copy or print';
    case 'queued':
      if (!smtpConfigured) return 'not sent — SMTP not configured';
      return row.attempts > 0 ? `not sent yet — retrying (attempt ${row.attempts + 1})` : 'queued';
    case 'sending':
      return 'sending';
    case 'sent':
      return 'sent';
    default:
      return `failed${row.last_error ? ` — ${row.last_error}` : ''}`;
  }
}

export function toMessage(row: MessageRow, smtpConfigured: boolean): Message {
  return {
    id: row.id,
    templateKey: row.template_key,
    to: { contactId: row.recipient_contact_id, name: row.to_name ?? '', email: row.to_email },
    cc:
      row.cc_contact_id || row.cc_email
        ? { contactId: row.cc_contact_id, name: row.cc_name ?? '', email: row.cc_email }
        : null,
    subject: row.subject,
    body: row.body,
    channel: row.channel,
    status: row.status,
    statusLabel: statusLabelOf(row, smtpConfigured),
    isReferrerFacing: row.is_referrer_facing,
    attempts: Number(row.attempts),
    lastError: row.last_error,
    nextAttemptAt: row.next_attempt_at,
    providerId: row.provider_id,
    sentAt: row.sent_at,
    createdAt: row.created_at,
  };
}

/**
 * The change a letter records (§6), in the transaction that writes the message. Answers the
 * message's fact key, unique per practice, so that of concurrent writers only one records it:
 * thank-yous and the partner's notice once; an update once per telling (it names the telling
 * it supersedes); a reminder or a check-in once per commitment or referral given a day (the practice's).
 */
async function applyCause(
  trx: Tx,
  actor: Actor,
  p: PreparedLetter,
  cause: Cause,
  now: string,
): Promise<string> {
  const practiceId = actor.practiceId;
  const id = p.subjectId ?? '';
  const conflict = (message: string) => fieldError('cause', message, 'conflict');
  if (cause === 'thanks_referral' || cause === 'thanks_conversion' || cause === 'referrer_update') {
    // Queue behind a thank-you or update recorded by hand at the same moment, then check.
    await lockReferralRow(trx, practiceId, id);
    const row = await findReferralRow(trx, practiceId, id);
    if (!row) throw notFound('The referral');
    const event = (kind: ReferralEventRow['kind'], to: ReferralStatus | null = null) =>
      insertReferralEventRow(trx, {
        practice_id: practiceId,
        id: newId(),
        referral_id: id,
        kind,
        from_status: null,
        to_status: to,
        at: now,
        by: actor.userId,
        note: null,
      });
    if (cause === 'referrer_update') {
      if (row.referrer_told_status === row.status && row.referrer_told_at)
        throw conflict('The referrer was already told this status; there is nothing new to say.');
      await updateReferralRow(trx, practiceId, id, {
        referrer_told_status: row.status,
        referrer_told_at: now,
        updated_at: now,
      });
      await event('referrer_updated', row.status);
      return factKey(cause, id, row.referrer_told_at ?? 'never');
    }
    const kind = cause === 'thanks_referral' ? 'referral' : 'conversion';
    const refusal = thanksRefusal(row, kind);
    if (refusal) throw conflict(refusal);
    await updateReferralRow(trx, practiceId, id, {
      ...(kind === 'referral' ? { thanked_at: now } : { conversion_thanked_at: now }),
      updated_at: now,
    });
    await event(kind === 'referral' ? 'thanked' : 'conversion_thanked');
    return factKey(cause, id, 'once');
  }
  if (cause === 'commitment_reminder') {
    const commitment = await getCommitmentForLetter(trx, practiceId, id);
    if (!commitment) throw notFound('The commitment');
    if (commitment.status !== 'open')
      throw conflict(`The commitment is ${commitment.status}; only an open one gets a reminder.`);
    await markReminderSent(trx, practiceId, id, now);
    return factKey(cause, id, localDay(now, p.practice.time_zone));
  }
  const given = await findGivenRow(trx, practiceId, id);
  if (!given) throw notFound('The referral given');
  if (cause === 'partner_notified')
    await updateGivenRow(trx, practiceId, id, {
      partner_notified_at: given.partner_notified_at ?? now,
      updated_at: now,
    });
  else await updateGivenRow(trx, practiceId, id, { checked_in_at: now, updated_at: now });
  const day = localDay(now, p.practice.time_zone);
  return factKey(cause, id, cause === 'partner_notified' ? 'once' : day);
}

const factKey = (cause: Cause, subjectId: string, version: string) =>
  `${cause}:${subjectId}:${version}`;

/**
 * Sends (email) or keeps (letter) a letter. One transaction: the message row and the change
 * it causes (thank-you recorded, reminder counted, partner notified, …), plus an audit entry
 * for anything that goes to a referrer (§3.2, §8). Email needs the recipient's consent.
 */
export async function createMessage(
  deps: Deps,
  actor: Actor,
  input: CreateMessage,
): Promise<Message> {
  const nowDate = deps.clock.now();
  const now = toTimestamp(nowDate);
  const {
    templateKey,
    channel,
    subject,
    body,
    cause: wantedCause,
    referredPersonConsented,
    ...about
  } = input;
  const row = await inTransaction(deps.db, async (trx) => {
    const prepared = await prepareLetter(trx, actor, nowDate, templateKey, about);
    const p = referredPersonConsented
      ? await recordPermissionGiven(trx, deps, actor, prepared, about)
      : prepared;
    const rendered = renderLetter(p, { subject, body });
    if (wantedCause !== undefined && wantedCause !== p.template.cause)
      throw fieldError(
        'cause',
        p.template.cause
          ? `The "${templateKey}" letter records ${p.template.cause}; omit cause or use that.`
          : `The "${templateKey}" letter records no change; omit cause.`,
      );
    const isRelationship = p.to.contactId !== null;
    if (channel === 'email') {
      if (!p.to.email)
        throw fieldError(
          'to.email',
          `${p.to.name || 'The recipient'} has no email address. Add one to the contact, or send it as a letter.`,
          'unprocessable',
        );
      if (!p.to.emailConsent)
        throw fieldError(
          'to.emailConsent',
          `${p.to.name} has not consented to email (or opted out). Send it as a letter instead.`,
          'unprocessable',
        );
      if (isRelationship && !p.practice.postal_address.trim())
        throw fieldError(
          'practice.postalAddress',
          "Every email to a contact carries the practice's postal address. Add it in Settings first.",
          'unprocessable',
        );
    }
    const fact = p.template.cause ? await applyCause(trx, actor, p, p.template.cause, now) : null;
    const email = queuedEmailRow(
      actor.practiceId,
      actor.userId,
      {
        templateKey,
        to: { contactId: p.to.contactId, name: p.to.name, email: p.to.email ?? '' },
        cc: null,
        subject: rendered.subject,
        body: rendered.body,
        subjectType: p.subjectType,
        subjectId: p.subjectId,
        isReferrerFacing: p.template.audience === 'referrer',
      },
      now,
    );
    // A letter waits as a draft to be printed; an email is queued.
    const message: MessageRow =
      channel === 'email'
        ? { ...email, to_email: p.to.email, fact_key: fact }
        : {
            ...email,
            to_email: p.to.email,
            channel,
            status: 'draft',
            next_attempt_at: null,
            queued_at: null,
            fact_key: fact,
          };
    // The database, not the reads above, decides which of concurrent writers records the fact.
    if (!(await insertMessageOnce(trx, message)))
      throw fieldError(
        'cause',
        `Another message already recorded this ${p.template.cause ?? 'letter'}; reload to see it.`,
        'conflict',
      );
    if (p.template.audience === 'referrer')
      await auditToReferrer(trx, deps, actor, message, {
        referralId: p.subjectId,
        consentToUpdate: p.disclosure?.consentToUpdate ?? false,
      });
    return message;
  });
  if (row.status === 'queued') wakeOutbox(deps.db);
  const smtp = await findSmtpRow(deps.db, actor.practiceId);
  return toMessage(row, smtp !== undefined);
}

/** An email that is not one of the letters (an introduction), as its feature writes it. */
export type NewEmail = {
  templateKey: string;
  to: { contactId: string | null; name: string; email: string };
  cc: { contactId: string | null; name: string; email: string } | null;
  subject: string;
  body: string;
  subjectType: string | null;
  subjectId: string | null;
  /** It reaches a referrer (§3.2): audited as `message.to_referrer`, with `auditDetail`. */
  isReferrerFacing: boolean;
  auditDetail?: Record<string, unknown>;
};

/** The row of an email queued now: sent by the worker once SMTP is set up. */
function queuedEmailRow(
  practiceId: string,
  createdBy: string | null,
  email: NewEmail,
  now: string,
): MessageRow {
  return {
    practice_id: practiceId,
    id: newId(),
    template_key: email.templateKey,
    recipient_contact_id: email.to.contactId,
    to_name: email.to.name,
    to_email: email.to.email,
    cc_contact_id: email.cc?.contactId ?? null,
    cc_name: email.cc?.name ?? null,
    cc_email: email.cc?.email ?? null,
    subject: email.subject,
    body: email.body,
    channel: 'email',
    status: 'queued',
    attempts: 0,
    last_error: null,
    next_attempt_at: now,
    provider_id: null,
    idempotency_key: newId(),
    is_referrer_facing: email.isReferrerFacing,
    subject_type: email.subjectType,
    subject_id: email.subjectId,
    created_by: createdBy,
    created_at: now,
    queued_at: now,
    sent_at: null,
    fact_key: null,
    sealed_link: null,
  };
}

/**
 * Queues an email in the caller's transaction (§6: written with the change that caused it),
 * with its audit entry when it reaches a referrer. The worker sends it once SMTP is set up;
 * call `wakeOutbox` after the commit.
 */
export async function queueEmail(
  trx: Tx,
  deps: Pick<Deps, 'clock'>,
  actor: Actor,
  email: NewEmail,
): Promise<MessageRow> {
  const now = toTimestamp(deps.clock.now());
  const message = queuedEmailRow(actor.practiceId, actor.userId, email, now);
  await insertMessageRow(trx, message);
  if (email.isReferrerFacing) await auditToReferrer(trx, deps, actor, message, email.auditDetail);
  return message;
}

/**
 * A message that reaches a referrer is audited (§3.2, §8): ids only, since a name here would
 * outlive the person's erasure; `detail` adds what the caller knows (the referral, consent).
 */
async function auditToReferrer(
  trx: Tx,
  deps: Pick<Deps, 'clock'>,
  actor: Actor,
  message: MessageRow,
  detail: Record<string, unknown> = {},
) {
  await recordAudit(trx, deps.clock, {
    practiceId: actor.practiceId,
    userId: actor.userId,
    action: 'message.to_referrer',
    subjectType: 'message',
    subjectId: message.id,
    detail: {
      templateKey: message.template_key,
      channel: message.channel,
      toContactId: message.recipient_contact_id,
      ...(message.cc_contact_id ? { ccContactId: message.cc_contact_id } : {}),
      ...detail,
    },
  });
}

const encodeCursor = (row: MessageRow) =>
  Buffer.from(JSON.stringify([row.created_at, row.id])).toString('base64url');

function decodeCursor(cursor: string): { createdAt: string; id: string } {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 2 &&
      typeof parsed[0] === 'string' &&
      typeof parsed[1] === 'string'
    )
      return { createdAt: parsed[0], id: parsed[1] };
  } catch {
    // falls through to the error below
  }
  throw fieldError('cursor', 'This cursor is not valid; start again without it.');
}

export async function listMessages(
  deps: Deps,
  actor: Actor,
  query: ListMessagesQuery,
): Promise<{ items: Message[]; nextCursor: string | null }> {
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  const [rows, smtp] = await Promise.all([
    listMessageRows(deps.db, actor.practiceId, { status: query.status }, query.limit + 1, after),
    findSmtpRow(deps.db, actor.practiceId),
  ]);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => toMessage(r, smtp !== undefined)),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
  };
}

export async function getMessage(deps: Deps, actor: Actor, id: string): Promise<Message> {
  const [row, smtp] = await Promise.all([
    findMessageRow(deps.db, actor.practiceId, id),
    findSmtpRow(deps.db, actor.practiceId),
  ]);
  if (!row) throw notFound('The message');
  return toMessage(row, smtp !== undefined);
}

/** Puts a failed email back in the queue (attempts start again); 409 unless it failed. */
export async function retryMessage(deps: Deps, actor: Actor, id: string): Promise<Message> {
  const now = toTimestamp(deps.clock.now());
  await inTransaction(deps.db, async (trx) => {
    const row = await findMessageRow(trx, actor.practiceId, id);
    if (!row) throw notFound('The message');
    if (row.status !== 'failed' || row.channel !== 'email')
      throw new AppError(
        'conflict',
        `Only a failed email can be retried; this one is ${row.status}.`,
      );
    const changed = await updateMessageRow(
      trx,
      actor.practiceId,
      id,
      { status: 'queued', attempts: 0, next_attempt_at: now, last_error: null, queued_at: now },
      'failed',
    );
    if (changed !== 1) throw new AppError('conflict', 'The message changed meanwhile; reload it.');
  });
  wakeOutbox(deps.db);
  return getMessage(deps, actor, id);
}

/** The letter on the practice's letterhead (§6: a letter can be printed). */
export async function messagePdf(deps: Deps, actor: Actor, id: string): Promise<Uint8Array> {
  const row = await findMessageRow(deps.db, actor.practiceId, id);
  if (!row) throw notFound('The message');
  const practice = await requirePracticeRow(deps.db, actor.practiceId);
  return renderLetterPdf({
    practiceName: practice.name,
    postalAddress: practice.postal_address,
    date: row.created_at,
    timeZone: practice.time_zone,
    toName: row.to_name ?? '',
    subject: row.subject,
    body: row.body,
  });
}

/** An email to a user of the practice about their account, carrying a private link. */
export type AccountEmail = {
  templateKey: string;
  /** A user of the practice, or someone invited to become one (no user yet: `userId` null). */
  to: { userId: string | null; name: string; email: string };
  /** What the email is about, when not the user themselves (an invitation), and who sent it. */
  about?: { type: string; id: string; by: string };
  subject: string;
  /** Holds `privateLinkPlaceholder` where the link goes. */
  body: string;
  privateLink: string;
};

/**
 * Queues an email to a user of the practice (not a contact: no consent, no footer) in the
 * caller's transaction. Its link is stored sealed with the server secret, so that nobody
 * reading the outbox or an export can use it. Wake the outbox after the commit.
 */
export async function queueAccountEmail(
  trx: Tx,
  deps: Pick<Deps, 'clock' | 'config'>,
  practiceId: string,
  email: AccountEmail,
): Promise<MessageRow> {
  if (!email.body.includes(privateLinkPlaceholder))
    throw new Error('An account email needs the private link placeholder in its body.');
  const row: MessageRow = {
    ...queuedEmailRow(
      practiceId,
      email.about?.by ?? email.to.userId,
      {
        templateKey: email.templateKey,
        to: { contactId: null, name: email.to.name, email: email.to.email },
        cc: null,
        subject: email.subject,
        body: email.body,
        subjectType: email.about?.type ?? 'user',
        subjectId: email.about?.id ?? email.to.userId,
        isReferrerFacing: false,
      },
      toTimestamp(deps.clock.now()),
    ),
    sealed_link: encryptSecret(deps.config.secret, privateLinkPurpose, email.privateLink),
  };
  await insertMessageRow(trx, row);
  return row;
}

/** A notice to the practice's own team, never to a contact: no footer, no consent to check. */
export type TeamNotice = {
  templateKey: string;
  subject: string;
  body: string;
  subjectType: string;
  subjectId: string;
  /** Only the owners are told (a webhook endpoint paused: §8, theirs to fix). */
  ownersOnly?: boolean;
};

/**
 * Queues a notice by email to every member of the practice, inside the caller's transaction,
 * when the practice has SMTP set (without it, Today says the same thing and nothing is
 * written). Wake the outbox after the commit. Returns how many were queued.
 */
export async function queueTeamNotice(
  trx: Tx,
  practiceId: string,
  now: string,
  notice: TeamNotice,
): Promise<number> {
  if (!(await findSmtpRow(trx, practiceId))) return 0;
  const { ownersOnly, ...message } = notice;
  const members = (await listMemberRows(trx, practiceId)).filter(
    (m) => !ownersOnly || m.role === 'owner',
  );
  for (const member of members)
    await insertMessageRow(
      trx,
      queuedEmailRow(
        practiceId,
        null,
        {
          ...message,
          to: { contactId: null, name: member.name, email: member.email },
          cc: null,
          isReferrerFacing: false,
        },
        now,
      ),
    );
  return members.length;
}

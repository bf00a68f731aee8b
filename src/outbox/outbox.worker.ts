import { findContactRow } from '../contacts/contact.repository.ts';
import { relationshipFooter } from '../letters/letter.rules.ts';
import { mayStillSendLetter } from '../letters/letter.service.ts';
import type { Clock } from '../platform/clock.ts';
import { toTimestamp } from '../platform/clock.ts';
import type { Db } from '../platform/db.ts';
import type { Deps } from '../platform/deps.ts';
import { startJobQueue } from '../platform/job-queue.ts';
import { startPollLoop } from '../platform/poll-loop.ts';
import { findPractice } from '../practices/practice.repository.ts';
import { type OutgoingMail, sendMail } from './mailer.ts';
import {
  claimMessage,
  failInterrupted,
  findMessageRow,
  findSmtpRow,
  finishAttempt,
  listDueMessages,
  type MessageRow,
  markSmtpVerified,
} from './message.repository.ts';
import {
  isOneOffEmail,
  nextAttemptAfter,
  optedOutRefusal,
  optOutUrl,
  signOptOutToken,
  withPrivateLink,
} from './outbox.rules.ts';
import { decryptSecret } from './secret-box.ts';

/** The secret-box purpose of a message's private link (`message.sealed_link`). */
export const privateLinkPurpose = 'message-link';

/** How long a claimed message may stay `sending` before it counts as interrupted. */
const leaseMs = 15 * 60_000;
const queueName = 'outbox.send';

/** Wakes the outbox of this database after a commit (set by a running worker). */
const wakers = new WeakMap<Db, () => void>();

export function wakeOutbox(db: Db): void {
  wakers.get(db)?.();
}

/** The opt-out link of a message to a contact: signed at queue time, valid for a year. */
export function optOutLinkOf(deps: Pick<Deps, 'config'>, row: MessageRow): string | null {
  if (!row.recipient_contact_id) return null;
  const token = signOptOutToken(deps.config.secret, {
    practiceId: row.practice_id,
    contactId: row.recipient_contact_id,
    issuedAt: row.created_at,
  });
  return optOutUrl(deps.config.baseUrl, token);
}

export type DeliveryOutcome = 'sent' | 'retry' | 'failed' | 'waiting' | 'skipped';

/**
 * One attempt at one message: claim it (queued → sending, conditional UPDATE), re-check the
 * recipient's consent, send with `Message-ID: <idempotency_key@vouch>`, then mark it sent
 * with the provider id, or back to queued with backoff, or failed after the last attempt.
 */
export async function deliverMessage(
  deps: Deps,
  clock: Clock,
  practiceId: string,
  id: string,
): Promise<DeliveryOutcome> {
  const now = clock.now();
  const smtp = await findSmtpRow(deps.db, practiceId);
  if (!smtp) return 'waiting';
  const claimed = await claimMessage(
    deps.db,
    practiceId,
    id,
    toTimestamp(now),
    toTimestamp(new Date(now.getTime() + leaseMs)),
  );
  if (!claimed) return 'skipped';
  const row = await findMessageRow(deps.db, practiceId, id);
  if (!row) return 'skipped';
  const fail = async (error: string) => {
    await finishAttempt(deps.db, practiceId, id, {
      status: 'failed',
      last_error: error,
      next_attempt_at: null,
    });
    return 'failed' as const;
  };
  const practice = await findPractice(deps.db, practiceId);
  if (!practice) return fail('The practice no longer exists.');
  if (
    !(await mayStillSendLetter(deps.db, practice, {
      templateKey: row.template_key,
      subjectType: row.subject_type,
      subjectId: row.subject_id,
    }))
  )
    return fail(
      'Not sent: it would tell the referrer where the referred person stands, and their consent was withdrawn after it was queued.',
    );
  let text = row.body;
  if (row.sealed_link) {
    const link = decryptSecret(deps.config.secret, privateLinkPurpose, row.sealed_link);
    if (link === null)
      return fail('Not sent: its link cannot be read with this server secret; ask for a new one.');
    text = withPrivateLink(text, link);
  }
  let headers: Record<string, string> = {};
  let cc: OutgoingMail['cc'] = null;
  if (isOneOffEmail(row.template_key)) {
    // An introduction: a one-off the people expect, so no consent to relationship mail is
    // needed; an opt-out since it was queued is honoured, for the person and the referrer.
    for (const contactId of [row.recipient_contact_id, row.cc_contact_id]) {
      if (!contactId) continue;
      const contact = await findContactRow(deps.db, practiceId, contactId);
      if (!contact) return fail('Not sent: a person it was addressed to is no longer a contact.');
      const refusal = optedOutRefusal({
        name: contact.name,
        emailOptedOutAt: contact.email_opted_out_at,
      });
      if (refusal) return fail(`Not sent: ${refusal}`);
    }
    text += relationshipFooter(practice.name, practice.postal_address, null);
    if (row.cc_email) cc = { name: row.cc_name, address: row.cc_email };
  } else if (row.recipient_contact_id) {
    // §6: consent is checked again at send time; an opt-out after queuing is honoured.
    const contact = await findContactRow(deps.db, practiceId, row.recipient_contact_id);
    if (!contact?.email_consent)
      return fail('Not sent: the recipient has not consented to email (or opted out).');
    const link = optOutLinkOf(deps, row) ?? '';
    text += relationshipFooter(practice.name, practice.postal_address, link);
    headers = {
      'List-Unsubscribe': `<${link}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    };
  }
  if (!row.to_email) return fail('The message has no email address.');
  try {
    const { providerId } = await sendMail(deps.config, smtp, {
      fromName: practice.name,
      to: { name: row.to_name, address: row.to_email },
      cc,
      subject: row.subject,
      text,
      messageId: `<${row.idempotency_key}@vouch>`,
      headers,
    });
    const sentAt = toTimestamp(clock.now());
    await finishAttempt(deps.db, practiceId, id, {
      status: 'sent',
      provider_id: providerId,
      sent_at: sentAt,
      next_attempt_at: null,
      last_error: null,
      // A private link has done its job: the database keeps no copy, even sealed.
      ...(row.sealed_link ? { sealed_link: null } : {}),
    });
    // A message that went through proves the settings as well as a test email does.
    if (!smtp.verified_at) await markSmtpVerified(deps.db, practiceId, smtp.updated_at, sentAt);
    return 'sent';
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const next = nextAttemptAfter(row.attempts, clock.now());
    if (!next) return fail(`Gave up after ${row.attempts} attempts: ${message}`);
    await finishAttempt(deps.db, practiceId, id, {
      status: 'queued',
      last_error: message.slice(0, 1000),
      next_attempt_at: toTimestamp(next),
    });
    return 'retry';
  }
}

export type OutboxWorker = {
  /** Runs one pass now (SQLite: sends what is due; PostgreSQL: enqueues it). */
  drain: () => Promise<void>;
  /** Stops the loop (and pg-boss) and waits for the attempt in flight. */
  close: () => Promise<void>;
};

export type WorkerOptions = { clock?: Clock; pollMs?: number; batch?: number };

/**
 * The outbox worker. SQLite: an in-process loop. PostgreSQL: pg-boss jobs (`outbox.send`,
 * one per message, singleton key = message id), so several servers share the work; the same
 * loop only enqueues what is due. Time comes from the clock, so tests can move it.
 */
export async function startOutboxWorker(
  deps: Deps,
  options: WorkerOptions = {},
): Promise<OutboxWorker> {
  const clock = options.clock ?? deps.clock;
  const pollMs = options.pollMs ?? 5_000;
  const batch = options.batch ?? 20;
  let boss = await startJobQueue(deps, 'outbox', 4);
  if (boss) {
    // `stately` + singleton key: at most one waiting and one running job per message.
    await boss.createQueue(queueName, { policy: 'stately', retryLimit: 0 }).catch(() => {});
    await boss.work<{ practiceId: string; id: string }>(
      queueName,
      { pollingIntervalSeconds: Math.max(0.5, pollMs / 1000), batchSize: 1 },
      async ([job]) => {
        if (job) await deliverMessage(deps, clock, job.data.practiceId, job.data.id);
      },
    );
  }

  let stopped = false;

  const pass = async () => {
    const now = toTimestamp(clock.now());
    await failInterrupted(deps.db, now);
    const due = await listDueMessages(deps.db, now, batch);
    for (const m of due) {
      if (stopped) return;
      if (boss)
        await boss.send(
          queueName,
          { practiceId: m.practice_id, id: m.id },
          { singletonKey: m.id, retryLimit: 0 },
        );
      else await deliverMessage(deps, clock, m.practice_id, m.id);
    }
  };
  const loop = startPollLoop(pass, {
    pollMs,
    onError: (error) => {
      if (deps.config.log !== 'silent') console.error('[vouch] outbox:', error);
    },
  });
  wakers.set(deps.db, loop.wake);

  return {
    drain: loop.drain,
    close: async () => {
      stopped = true;
      wakers.delete(deps.db);
      await loop.stop();
      if (boss) await boss.stop({ graceful: true, timeout: 5_000 });
      boss = null;
    },
  };
}

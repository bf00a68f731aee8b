import { findAskRow, updateAskRow } from '../asks/ask.repository.ts';
import { requireContact } from '../contacts/contact.service.ts';
import { profileOf } from '../ethics/ethics.rules.ts';
import { toTimestamp } from '../platform/clock.ts';
import { inTransaction, type Queryable, type Tx } from '../platform/db.ts';
import type { Deps } from '../platform/deps.ts';
import { AppError, fieldError, notFound } from '../platform/errors.ts';
import { pastInstant } from '../platform/fields.ts';
import type { Actor } from '../platform/http.ts';
import { newId } from '../platform/ids.ts';
import { loadPracticeContext } from '../practices/practice.service.ts';
import type { Settings } from '../practices/settings.rules.ts';
import { recordWebhookEvent } from '../webhooks/webhook-event.service.ts';
import {
  type CommitmentFilter,
  type CommitmentRow,
  type CommitmentView,
  deleteCreditRow,
  findCommitmentView,
  findCreditOf,
  insertCommitmentRow,
  insertCreditRow,
  listCommitmentViews,
  listCreditsOf,
  listUncreditedReferrals,
  lockCommitmentRow,
  lockCommitmentsOf,
  lockOpenCommitments,
  markReminderSent,
  updateCommitmentRow,
} from './commitment.repository.ts';
import {
  type CommitmentStatus,
  creditTargetOf,
  isFulfilledAt,
  progressOf,
  reminderOf,
} from './commitment.rules.ts';
import type {
  Commitment,
  CommitmentDetail,
  CreateCommitment,
  UpdateCommitment,
} from './commitment.schemas.ts';

export type CommitmentForLetter = {
  id: string;
  contactId: string;
  contactName: string;
  madeAt: string;
  promisedCount: number;
  credited: number;
  incentiveForReferrer: string | null;
  incentiveForReferred: string | null;
  remindersSent: number;
  lastReminderAt: string | null;
  status: CommitmentStatus;
};

/** What the commitment reminder letter (§3.4) needs: the promise, its progress, the incentives. */
export async function getCommitmentForLetter(
  db: Queryable,
  practiceId: string,
  commitmentId: string,
): Promise<CommitmentForLetter | undefined> {
  const row = await findCommitmentView(db, practiceId, commitmentId);
  if (!row) return undefined;
  return {
    id: row.id,
    contactId: row.contact_id,
    contactName: row.contact_name,
    madeAt: row.made_at,
    promisedCount: row.promised_count,
    credited: row.credited,
    incentiveForReferrer: row.incentive_for_referrer,
    incentiveForReferred: row.incentive_for_referred,
    remindersSent: row.reminders_sent,
    lastReminderAt: row.last_reminder_at,
    status: row.status,
  };
}

export function toCommitment(row: CommitmentView, settings: Settings, now: Date): Commitment {
  const status = row.status;
  return {
    id: row.id,
    contact: { id: row.contact_id, name: row.contact_name },
    madeAt: row.made_at,
    promisedCount: row.promised_count,
    credited: row.credited,
    progress: progressOf(row.credited, row.promised_count),
    incentiveForReferrer: row.incentive_for_referrer,
    incentiveForReferred: row.incentive_for_referred,
    dueAt: row.due_at,
    status,
    fulfilledAt: row.fulfilled_at,
    releasedAt: row.released_at,
    remindersSent: row.reminders_sent,
    lastReminderAt: row.last_reminder_at,
    reminder: reminderOf(
      {
        status,
        madeAt: row.made_at,
        lastCreditAt: row.last_credit_at,
        lastReminderAt: row.last_reminder_at,
        remindersSent: row.reminders_sent,
      },
      settings,
      now,
    ),
    askId: row.ask_id,
    note: row.note,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

async function loadDetail(
  db: Queryable,
  practiceId: string,
  id: string,
  settings: Settings,
  now: Date,
): Promise<CommitmentDetail> {
  const row = await findCommitmentView(db, practiceId, id);
  if (!row) throw notFound('The commitment');
  const credits = await listCreditsOf(db, practiceId, id);
  return {
    ...toCommitment(row, settings, now),
    credits: credits.map((c) => ({
      referralId: c.referral_id,
      referredName: c.referred_name,
      receivedAt: c.received_at,
    })),
  };
}

/** A credit removed (the referral changed referrer): a fulfilled commitment may reopen. */
async function reopenIfShort(trx: Queryable, practiceId: string, commitmentId: string, at: string) {
  const view = await findCommitmentView(trx, practiceId, commitmentId);
  if (view && view.status === 'fulfilled' && !isFulfilledAt(view.credited, view.promised_count))
    await updateCommitmentRow(trx, practiceId, commitmentId, {
      status: 'open',
      fulfilled_at: null,
      updated_at: at,
    });
}

/**
 * §3.1/§3.4: a referral received from `referrerId` credits that contact's oldest open
 * commitment made before `receivedAt`; reaching the promised count fulfils it. Runs in the
 * referral's transaction. A referral credits at most one commitment: when its referrer
 * changes (or becomes unknown, `null`), the old credit moves.
 */
export async function creditCommitment(
  trx: Tx,
  actor: Pick<Actor, 'practiceId'>,
  referrerId: string | null,
  referralId: string,
  receivedAt: string,
  now: string = receivedAt,
): Promise<string | null> {
  const practiceId = actor.practiceId;
  const existing = await findCreditOf(trx, practiceId, referralId);
  if (existing) {
    const view = await findCommitmentView(trx, practiceId, existing.commitment_id);
    if (view && view.contact_id === referrerId) return existing.commitment_id;
    await deleteCreditRow(trx, practiceId, referralId);
    await reopenIfShort(trx, practiceId, existing.commitment_id, now);
  }
  if (!referrerId) return null;
  await lockCommitmentsOf(trx, practiceId, referrerId);
  await lockOpenCommitments(trx, practiceId, referrerId);
  const open = await listCommitmentViews(trx, practiceId, {
    contactId: referrerId,
    status: 'open',
  });
  const target = creditTargetOf(
    open.map((c) => ({
      id: c.id,
      madeAt: c.made_at,
      promisedCount: c.promised_count,
      credited: c.credited,
      status: 'open',
    })),
    receivedAt,
  );
  if (!target) return null;
  await insertCreditRow(trx, {
    practice_id: practiceId,
    referral_id: referralId,
    commitment_id: target.id,
    credited_at: receivedAt,
  });
  if (isFulfilledAt(target.credited + 1, target.promisedCount)) {
    await updateCommitmentRow(trx, practiceId, target.id, {
      status: 'fulfilled',
      fulfilled_at: receivedAt,
      updated_at: receivedAt,
    });
    await recordWebhookEvent(trx, practiceId, now, {
      type: 'commitment.fulfilled',
      occurredAt: now,
      data: { commitmentId: target.id, contactId: referrerId, fulfilledAt: receivedAt },
    });
  }
  return target.id;
}

/** A commitment recorded after the fact takes the uncredited referrals received since. */
async function creditEarlierReferrals(trx: Tx, practiceId: string, row: CommitmentRow) {
  const referrals = await listUncreditedReferrals(trx, practiceId, row.contact_id, row.made_at);
  for (const r of referrals) {
    const credited = await creditCommitment(
      trx,
      { practiceId },
      row.contact_id,
      r.id,
      r.received_at,
    );
    if (!credited) break;
  }
}

const quotaWarning = {
  code: 'quota_not_allowed',
  message:
    'A commitment is a promise, never a quota: arrangements requiring referrals are not allowed (e.g. NY ethics opinions 741, 791).',
};

export async function createCommitment(
  deps: Deps,
  actor: Actor,
  contactId: string,
  input: CreateCommitment,
): Promise<{ commitment: Commitment; warnings: { code: string; message: string }[] }> {
  const nowDate = deps.clock.now();
  const now = toTimestamp(nowDate);
  const madeAt = pastInstant('madeAt', input.madeAt, nowDate);
  if (input.dueAt !== undefined && input.dueAt <= madeAt)
    throw fieldError('dueAt', 'must be after the time the commitment was made.');
  return inTransaction(deps.db, async (trx) => {
    await requireContact(trx, actor.practiceId, contactId, 'id').catch(() => {
      throw notFound('The contact');
    });
    // Concurrent promises by one referrer take turns, so each earlier referral credits one.
    await lockCommitmentsOf(trx, actor.practiceId, contactId);
    const { settings, profession } = await loadPracticeContext(trx, actor.practiceId);
    if (input.askId) {
      // Held until the commitment is written: an undo of the ask waits, then sees it.
      const ask = await findAskRow(trx, actor.practiceId, input.askId, 'key share');
      if (!ask || ask.contact_id !== contactId)
        throw new AppError('not_found', 'askId: No such ask of this contact.', [
          { field: 'askId', message: 'No such ask of this contact.' },
        ]);
      // The ask led to this commitment: record its outcome unless one was given.
      if (ask.outcome === null)
        await updateAskRow(trx, actor.practiceId, ask.id, { outcome: 'committed' });
    }
    const row: CommitmentRow = {
      practice_id: actor.practiceId,
      id: newId(),
      contact_id: contactId,
      made_at: madeAt,
      promised_count: input.promisedCount,
      incentive_for_referrer: input.incentiveForReferrer ?? null,
      incentive_for_referred: input.incentiveForReferred ?? null,
      due_at: input.dueAt ?? null,
      status: 'open',
      fulfilled_at: null,
      released_at: null,
      reminders_sent: 0,
      last_reminder_at: null,
      ask_id: input.askId ?? null,
      note: input.note ?? null,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    };
    await insertCommitmentRow(trx, row);
    if (madeAt < now) await creditEarlierReferrals(trx, actor.practiceId, row);
    const detail = await loadDetail(trx, actor.practiceId, row.id, settings, nowDate);
    const { credits: _credits, ...commitment } = detail;
    return {
      commitment,
      warnings: profileOf(profession) === 'attorney' ? [quotaWarning] : [],
    };
  });
}

export async function listCommitments(deps: Deps, actor: Actor, filter: CommitmentFilter) {
  const now = deps.clock.now();
  const { settings } = await loadPracticeContext(deps.db, actor.practiceId);
  const rows = await listCommitmentViews(deps.db, actor.practiceId, filter);
  return { items: rows.map((r) => toCommitment(r, settings, now)) };
}

export async function getCommitment(deps: Deps, actor: Actor, id: string) {
  const now = deps.clock.now();
  const { settings } = await loadPracticeContext(deps.db, actor.practiceId);
  return loadDetail(deps.db, actor.practiceId, id, settings, now);
}

/** Runs `change` on the commitment inside a transaction and answers it. */
async function changeCommitment(
  deps: Deps,
  actor: Actor,
  id: string,
  change: (trx: Tx, row: CommitmentView, now: Date) => Promise<void>,
): Promise<Commitment> {
  const now = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    // On PostgreSQL, two releases at once must not both see the commitment open.
    await lockCommitmentRow(trx, actor.practiceId, id);
    const row = await findCommitmentView(trx, actor.practiceId, id);
    if (!row) throw notFound('The commitment');
    const { settings } = await loadPracticeContext(trx, actor.practiceId);
    await change(trx, row, now);
    const after = await findCommitmentView(trx, actor.practiceId, id);
    if (!after) throw notFound('The commitment');
    return toCommitment(after, settings, now);
  });
}

export async function updateCommitment(
  deps: Deps,
  actor: Actor,
  id: string,
  input: UpdateCommitment,
): Promise<Commitment> {
  return changeCommitment(deps, actor, id, async (trx, row, nowDate) => {
    const now = toTimestamp(nowDate);
    const changes: Parameters<typeof updateCommitmentRow>[3] = { updated_at: now };
    if (input.promisedCount !== undefined) {
      if (input.promisedCount < row.credited)
        throw fieldError(
          'promisedCount',
          `must be at least ${row.credited}: that many referrals are already credited.`,
          'unprocessable',
        );
      changes.promised_count = input.promisedCount;
      // A fulfilled promise made larger is open again; an open one made smaller may be done.
      if (row.status === 'open' && isFulfilledAt(row.credited, input.promisedCount)) {
        changes.status = 'fulfilled';
        changes.fulfilled_at = now;
      } else if (row.status === 'fulfilled' && !isFulfilledAt(row.credited, input.promisedCount)) {
        changes.status = 'open';
        changes.fulfilled_at = null;
      }
    }
    if (input.dueAt !== undefined) {
      if (input.dueAt !== null && input.dueAt <= row.made_at)
        throw fieldError('dueAt', 'must be after the time the commitment was made.');
      changes.due_at = input.dueAt;
    }
    if (input.incentiveForReferrer !== undefined)
      changes.incentive_for_referrer = input.incentiveForReferrer;
    if (input.incentiveForReferred !== undefined)
      changes.incentive_for_referred = input.incentiveForReferred;
    if (input.note !== undefined) changes.note = input.note;
    await updateCommitmentRow(trx, actor.practiceId, row.id, changes);
    if (changes.status === 'fulfilled')
      await recordWebhookEvent(trx, actor.practiceId, now, {
        type: 'commitment.fulfilled',
        occurredAt: now,
        data: { commitmentId: row.id, contactId: row.contact_id, fulfilledAt: now },
      });
  });
}

const notOpen = (row: CommitmentView) =>
  new AppError(
    'conflict',
    `This commitment is ${row.status}; only an open commitment can be changed this way.`,
  );

export async function releaseCommitment(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { note?: string | null | undefined },
): Promise<Commitment> {
  return changeCommitment(deps, actor, id, async (trx, row, nowDate) => {
    if (row.status !== 'open') throw notOpen(row);
    const now = toTimestamp(nowDate);
    const note = input.note
      ? [row.note, `Released: ${input.note}`].filter(Boolean).join('\n')
      : row.note;
    await updateCommitmentRow(trx, actor.practiceId, row.id, {
      status: 'released',
      released_at: now,
      note,
      updated_at: now,
    });
  });
}

/** A reminder sent by hand; the letters part calls `markReminderSent` the same way. */
export async function recordReminder(
  deps: Deps,
  actor: Actor,
  id: string,
  input: { at?: string | undefined },
): Promise<Commitment> {
  return changeCommitment(deps, actor, id, async (trx, row, nowDate) => {
    if (row.status !== 'open') throw notOpen(row);
    const at = pastInstant('at', input.at, nowDate, {
      at: row.made_at,
      what: 'the time the commitment was made',
    });
    await markReminderSent(trx, actor.practiceId, row.id, at);
  });
}

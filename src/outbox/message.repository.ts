import type { Insertable, Selectable } from 'kysely';
import type { Queryable } from '../platform/db.ts';
import { isSet, toFlag } from '../platform/flags.ts';
import type { MessageTable, SmtpSettingsTable } from './message.tables.ts';

type MessageColumns = Selectable<MessageTable>;

/** A message as the app reads and writes it: `is_referrer_facing` as a boolean. */
export type MessageRow = Omit<MessageColumns, 'is_referrer_facing'> & {
  is_referrer_facing: boolean;
};
export type NewMessageRow = Omit<Insertable<MessageTable>, 'is_referrer_facing'> & {
  is_referrer_facing: boolean;
};
export type SmtpRow = Selectable<SmtpSettingsTable>;

/** The one place a stored message becomes a `MessageRow`. */
const toMessageRow = (r: MessageColumns): MessageRow => ({
  ...r,
  is_referrer_facing: isSet(r.is_referrer_facing),
});

/** The reverse of `toMessageRow` for a whole or partial row (an absent flag stays absent). */
const toMessageColumns = <R extends Partial<MessageRow> | NewMessageRow>(row: R) => ({
  ...row,
  is_referrer_facing: toFlag(row.is_referrer_facing),
});

export async function insertMessageRow(db: Queryable, row: NewMessageRow): Promise<void> {
  await db.insertInto('message').values(toMessageColumns(row)).execute();
}

/**
 * Inserts a message unless one with its `fact_key` exists (or is being written by a concurrent
 * transaction, which PostgreSQL waits for): false when that fact was already recorded.
 */
export async function insertMessageOnce(db: Queryable, row: MessageRow): Promise<boolean> {
  const result = await db
    .insertInto('message')
    .values(toMessageColumns(row))
    .onConflict((oc) => oc.columns(['practice_id', 'fact_key']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export async function findMessageRow(db: Queryable, practiceId: string, id: string) {
  const row = await db
    .selectFrom('message')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toMessageRow(row);
}

/** Newest first; `after` is the last row of the previous page. */
export async function listMessageRows(
  db: Queryable,
  practiceId: string,
  filter: { status?: MessageRow['status'] | undefined },
  limit: number,
  after: { createdAt: string; id: string } | null,
) {
  let q = db.selectFrom('message').selectAll().where('practice_id', '=', practiceId);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (after)
    q = q.where((eb) =>
      eb.or([
        eb('created_at', '<', after.createdAt),
        eb.and([eb('created_at', '=', after.createdAt), eb('id', '<', after.id)]),
      ]),
    );
  const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute();
  return rows.map(toMessageRow);
}

/**
 * Messages due now across practices, only for practices with SMTP settings: without them a
 * message waits in the outbox (§6).
 */
export async function listDueMessages(db: Queryable, now: string, limit: number) {
  return db
    .selectFrom('message as m')
    .innerJoin('smtp_settings as s', 's.practice_id', 'm.practice_id')
    .select(['m.practice_id', 'm.id'])
    .where('m.status', '=', 'queued')
    .where('m.next_attempt_at', '<=', now)
    .orderBy('m.next_attempt_at')
    .limit(limit)
    .execute();
}

/**
 * The claim: only one worker can move a due message from queued to sending (the conditional
 * UPDATE is the lock), so a message is sent at most once.
 */
export async function claimMessage(
  db: Queryable,
  practiceId: string,
  id: string,
  now: string,
  leaseUntil: string,
): Promise<boolean> {
  const result = await db
    .updateTable('message')
    .set((eb) => ({
      status: 'sending',
      attempts: eb('attempts', '+', 1),
      next_attempt_at: leaseUntil,
    }))
    .where('practice_id', '=', practiceId)
    .where('id', '=', id)
    .where('status', '=', 'queued')
    .where('next_attempt_at', '<=', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Ends a claimed attempt: sent, back to queued for a retry, or failed. */
export async function finishAttempt(
  db: Queryable,
  practiceId: string,
  id: string,
  changes: Partial<MessageRow>,
): Promise<void> {
  await db
    .updateTable('message')
    .set(toMessageColumns(changes))
    .where('practice_id', '=', practiceId)
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .execute();
}

/**
 * A message left `sending` past its lease was interrupted mid-send: it may or may not have
 * gone out, so it is marked failed (at most once) for a person to look at and retry.
 */
export async function failInterrupted(db: Queryable, now: string): Promise<number> {
  const result = await db
    .updateTable('message')
    .set({
      status: 'failed',
      next_attempt_at: null,
      last_error: 'Interrupted while sending: it may have been delivered. Check before you retry.',
    })
    .where('status', '=', 'sending')
    .where('next_attempt_at', '<', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function updateMessageRow(
  db: Queryable,
  practiceId: string,
  id: string,
  changes: Partial<MessageRow>,
  onlyStatus?: MessageRow['status'],
): Promise<number> {
  let q = db
    .updateTable('message')
    .set(toMessageColumns(changes))
    .where('practice_id', '=', practiceId)
    .where('id', '=', id);
  if (onlyStatus) q = q.where('status', '=', onlyStatus);
  const result = await q.executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/**
 * An opt-out is honoured at once: emails still waiting for this contact, to them or copying
 * them, are not sent.
 */
export async function cancelQueuedEmailsTo(
  db: Queryable,
  practiceId: string,
  contactId: string,
  reason: string,
): Promise<void> {
  await db
    .updateTable('message')
    .set({ status: 'failed', last_error: reason, next_attempt_at: null })
    .where('practice_id', '=', practiceId)
    .where((eb) =>
      eb.or([eb('recipient_contact_id', '=', contactId), eb('cc_contact_id', '=', contactId)]),
    )
    .where('channel', '=', 'email')
    .where('status', '=', 'queued')
    .execute();
}

/** Queued emails about one subject (an invitation sent again or withdrawn) that must not go. */
export async function cancelQueuedEmailsAbout(
  db: Queryable,
  practiceId: string,
  subject: { type: string; id: string },
  reason: string,
): Promise<number> {
  const result = await db
    .updateTable('message')
    .set({ status: 'failed', last_error: reason, next_attempt_at: null })
    .where('practice_id', '=', practiceId)
    .where('subject_type', '=', subject.type)
    .where('subject_id', '=', subject.id)
    .where('channel', '=', 'email')
    .where('status', '=', 'queued')
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

export async function findSmtpRow(db: Queryable, practiceId: string) {
  return db
    .selectFrom('smtp_settings')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .executeTakeFirst();
}

/** Whether any practice of this server can send email (a fact of the server, not of a user). */
export async function hasAnySmtpSettings(db: Queryable): Promise<boolean> {
  const row = await db
    .selectFrom('smtp_settings')
    .select('practice_id')
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

export async function upsertSmtpRow(db: Queryable, row: SmtpRow): Promise<void> {
  const { practice_id: _, ...rest } = row;
  await db
    .insertInto('smtp_settings')
    .values(row)
    .onConflict((oc) => oc.column('practice_id').doUpdateSet(rest))
    .execute();
}

/**
 * Records what a test or a delivery through the settings found: the time it went through, or
 * null after a failed test ("set up" only while the last test succeeded). Only when the
 * settings are still the version tested: a save meanwhile leaves them untested.
 */
export async function markSmtpVerified(
  db: Queryable,
  practiceId: string,
  testedVersion: string,
  verifiedAt: string | null,
): Promise<boolean> {
  const result = await db
    .updateTable('smtp_settings')
    .set({ verified_at: verifiedAt })
    .where('practice_id', '=', practiceId)
    .where('updated_at', '=', testedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function deleteSmtpRow(db: Queryable, practiceId: string): Promise<void> {
  await db.deleteFrom('smtp_settings').where('practice_id', '=', practiceId).execute();
}

/**
 * Erasure: messages to this person, copying them, or about them (a subject among `subjectIds`)
 * go entirely; their audit entries stay, without detail. Returns the ids removed.
 */
export async function deleteMessagesAbout(
  db: Queryable,
  practiceId: string,
  contactId: string,
  subjectIds: readonly string[],
): Promise<string[]> {
  const rows = await db
    .deleteFrom('message')
    .where('practice_id', '=', practiceId)
    .where((eb) =>
      eb.or([
        eb('recipient_contact_id', '=', contactId),
        eb('cc_contact_id', '=', contactId),
        ...(subjectIds.length > 0 ? [eb('subject_id', 'in', subjectIds)] : []),
      ]),
    )
    .returning('id')
    .execute();
  return rows.map((r) => r.id);
}

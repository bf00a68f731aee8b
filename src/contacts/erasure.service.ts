import { deleteMarksAbout } from '../agenda/agenda.repository.ts';
import { listCommitmentIdsOf } from '../commitments/commitment.repository.ts';
import { deleteMessagesAbout } from '../outbox/message.repository.ts';
import { requireOwner } from '../platform/actor.ts';
import { forgetAuditDetails } from '../platform/audit.repository.ts';
import { recordAudit } from '../platform/audit.ts';
import { inTransaction, reclaimErasedSpace } from '../platform/db.ts';
import type { Deps } from '../platform/deps.ts';
import { notFound } from '../platform/errors.ts';
import type { Actor } from '../platform/http.ts';
import { forgetIdempotentAnswers } from '../platform/idempotency.repository.ts';
import { listGivenIdsAbout } from '../referrals/given.repository.ts';
import { anonymiseReferralsAbout, forgetReferrer } from '../referrals/referral.repository.ts';
import { listRecipientIdsOf } from '../survey/survey.repository.ts';
import { deleteContactRow, findContactRow } from './contact.repository.ts';

/** The tables an erasure deletes from or rewrites: vacuumed afterwards on PostgreSQL. */
export const erasedTables = [
  'contact',
  'contact_role',
  'contact_circle',
  'stage_change',
  'interaction',
  'referral',
  'referral_tag',
  'referral_event',
  'referral_given',
  'moment',
  'ask',
  'commitment',
  'commitment_credit',
  'incentive',
  'message',
  'survey_recipient',
  'referral_link',
  'intake_submission',
  'agenda_mark',
  'agenda_undo',
  'agenda_assignment',
  'audit_log',
  'idempotency_key',
] as const;

/**
 * Erases one person (PRODUCT.md §8, right of erasure), in one transaction:
 * - referrals about them stay as anonymous rows (no person, need, place, tags or notes), so the
 *   referrer's counts, goals and insights hold; referrals they sent stay, referrer unknown;
 * - messages to or about them, and agenda marks about them, are deleted;
 * - audit rows stay, but those about them lose their detail;
 * - answers kept for Idempotency-Key replays are forgotten (any may name them);
 * - the contact row goes, and with it (foreign-key cascades) roles, circles, stage history,
 *   interactions, moments, asks, commitments and their credits, incentives to them, referrals
 *   given to or about them, survey answers, and their referral link with its submissions.
 * Then the freed space is reclaimed (SQLite WAL checkpoint, PostgreSQL vacuum).
 */
export async function eraseContact(deps: Deps, actor: Actor, contactId: string): Promise<void> {
  // Erasure cannot be undone: an owner's decision (§8).
  requireOwner(actor, 'erase a person');
  const { practiceId } = actor;
  await inTransaction(deps.db, async (trx) => {
    // Locked first: writes naming the person that already hold it finish before anything here.
    if (!(await findContactRow(trx, practiceId, contactId, 'update')))
      throw notFound('The contact');
    const [referralIds, givenIds, commitmentIds, recipientIds] = await Promise.all([
      anonymiseReferralsAbout(trx, practiceId, contactId),
      listGivenIdsAbout(trx, practiceId, contactId),
      listCommitmentIdsOf(trx, practiceId, contactId),
      listRecipientIdsOf(trx, practiceId, contactId),
    ]);
    await forgetReferrer(trx, practiceId, contactId);
    const subjectIds = [contactId, ...referralIds, ...givenIds, ...commitmentIds, ...recipientIds];
    const messageIds = await deleteMessagesAbout(trx, practiceId, contactId, subjectIds);
    await deleteMarksAbout(trx, practiceId, subjectIds);
    await forgetAuditDetails(trx, practiceId, contactId, [...subjectIds, ...messageIds]);
    await forgetIdempotentAnswers(trx, practiceId);
    await deleteContactRow(trx, practiceId, contactId);
    await recordAudit(trx, deps.clock, {
      practiceId,
      userId: actor.userId,
      action: 'contact.erased',
      subjectType: 'contact',
      subjectId: contactId,
    });
  });
  await reclaimErasedSpace(deps.db, deps.dialect, erasedTables);
}

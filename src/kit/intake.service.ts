import { listMemberRows } from '../accounts/account.repository.ts';
import { findContactRowByEmail } from '../contacts/contact.repository.ts';
import { textKey } from '../contacts/contact.rules.ts';
import { findSmtpRow } from '../outbox/message.repository.ts';
import { queueTeamNotice } from '../outbox/message.service.ts';
import { wakeOutbox } from '../outbox/outbox.worker.ts';
import { toTimestamp } from '../platform/clock.ts';
import { urlAt } from '../platform/config.ts';
import { inTransaction, type Queryable, type Tx, writeBestEffort } from '../platform/db.ts';
import type { Deps } from '../platform/deps.ts';
import { AppError } from '../platform/errors.ts';
import type { Actor } from '../platform/http.ts';
import { newId } from '../platform/ids.ts';
import { findPractice } from '../practices/practice.repository.ts';
import { loadPracticeContext, toPractice } from '../practices/practice.service.ts';
import { practiceVcard, practiceVcardName } from '../practices/practice-vcard.ts';
import { recordReferral } from '../referrals/referral.service.ts';
import { recordWebhookEvent } from '../webhooks/webhook-event.service.ts';
import {
  intakeEventNote,
  intakeNoticeOf,
  intakeWindows,
  joinWaitingWithinMs,
  linkRetryAfterSeconds,
  nextStepOf,
} from './intake.rules.ts';
import type { IntakeReceipt, IntakeSubmission } from './intake.schemas.ts';
import {
  countSubmissionsSince,
  countVisit,
  findLiveLinkByCode,
  findWaitingIntakeReferral,
  insertSubmissionRow,
  type ReferralLinkRow,
} from './referral-link.repository.ts';
import { linkUrl, normaliseLinkCode } from './referral-link.rules.ts';
import { referrerFirstNameOf } from './referral-link.service.ts';

/** Unknown, mistyped and revoked codes get this one answer: nothing tells them apart. */
export const intakeNotFound = () =>
  new AppError('not_found', 'This referral link is not active. Ask the person who gave it to you.');

/** What the public page shows (§3.9): the practice, and the referrer's first name only. */
export type IntakeView = {
  code: string;
  practiceName: string;
  valueProposition: string;
  idealClient: string;
  /** Null for the practice-wide link, which asks "How did you hear about us?" instead. */
  referrerFirstName: string | null;
};

async function findLink(db: Queryable, typedCode: string): Promise<ReferralLinkRow> {
  const code = normaliseLinkCode(typedCode);
  const link = code ? await findLiveLinkByCode(db, code) : undefined;
  if (!link) throw intakeNotFound();
  return link;
}

/** The page of a live link; a visit is counted unless the practice previews it. */
export async function openIntakePage(
  deps: Deps,
  typedCode: string,
  { countAsVisit }: { countAsVisit: boolean },
): Promise<IntakeView> {
  const code = normaliseLinkCode(typedCode);
  // Bookkeeping: a busy database never holds up or fails the page for a visit's count.
  if (code && countAsVisit)
    await writeBestEffort(deps.db, deps.dialect, (db) => countVisit(db, code));
  const link = await findLink(deps.db, typedCode);
  const [practice, referrerFirstName] = await Promise.all([
    findPractice(deps.db, link.practice_id),
    referrerFirstNameOf(deps.db, link),
  ]);
  if (!practice) throw intakeNotFound();
  return {
    code: link.code,
    practiceName: practice.name,
    valueProposition: practice.value_proposition,
    idealClient: practice.ideal_client,
    referrerFirstName,
  };
}

/**
 * "Save contact" on the intake page: the practitioner who made the link, at the practice, with
 * the address the practice's emails come from (never a login address) and the link's URL.
 */
export async function intakeVcard(
  deps: Deps,
  typedCode: string,
): Promise<{ fileName: string; vcard: string }> {
  const link = await findLink(deps.db, typedCode);
  const [row, members, smtp] = await Promise.all([
    findPractice(deps.db, link.practice_id),
    listMemberRows(deps.db, link.practice_id),
    findSmtpRow(deps.db, link.practice_id),
  ]);
  if (!row) throw intakeNotFound();
  const practice = toPractice(row);
  const maker = members.find((m) => m.id === link.created_by);
  const person = maker ? { name: maker.name, email: smtp?.from_email ?? null } : null;
  return {
    fileName: practiceVcardName(practice, person),
    vcard: practiceVcard(practice, person, { url: linkUrl(deps.config.baseUrl, link.code) }),
  };
}

/**
 * Whom the referral is recorded as made by: the practitioner who made the link, while they
 * are on the team; else an owner. The referral is theirs to answer.
 */
async function intakeActor(trx: Tx, link: ReferralLinkRow): Promise<Actor> {
  const members = await listMemberRows(trx, link.practice_id);
  const member =
    members.find((m) => m.id === link.created_by) ??
    members.find((m) => m.role === 'owner') ??
    members[0];
  if (!member) throw intakeNotFound();
  return { userId: member.id, practiceId: link.practice_id, role: 'member', via: 'token' };
}

/**
 * One intake form (§3.9), in one transaction under the link's lock: the person (the practice's
 * contact with that email, untouched, else a new one), a referral credited to the link's owner
 * with channel `intake_link`, the response clock starting now, consent from the box, the
 * submission counted, and an email to the team through the outbox. A filled honeypot is
 * answered the same and makes nothing. The answer reveals nothing about the practice's data.
 */
export async function submitIntake(
  deps: Deps,
  typedCode: string,
  input: IntakeSubmission,
): Promise<IntakeReceipt> {
  const nowDate = deps.clock.now();
  const now = toTimestamp(nowDate);
  if (input.website?.trim()) {
    const link = await findLink(deps.db, typedCode);
    const ctx = await loadPracticeContext(deps.db, link.practice_id);
    return receiptOf(ctx.row.name, ctx.settings.responseWindowHours);
  }
  const { receipt, noticed } = await inTransaction(deps.db, async (trx) => {
    const link = await findLink(trx, typedCode);
    const windowStart = toTimestamp(new Date(nowDate.getTime() - intakeWindows.perLinkMs));
    const recent = await countSubmissionsSince(trx, link.practice_id, link.id, windowStart);
    if (recent.count >= deps.config.intakeLimits.perLink && recent.first) {
      const retry = linkRetryAfterSeconds(recent.first, nowDate);
      throw new AppError(
        'rate_limited',
        `This link has had many messages this hour. Try again in ${Math.ceil(retry / 60)} minutes.`,
        [],
        { retryAfterSeconds: retry },
      );
    }
    const ctx = await loadPracticeContext(trx, link.practice_id);
    const actor = await intakeActor(trx, link);
    const known = input.email
      ? await findContactRowByEmail(trx, link.practice_id, textKey(input.email))
      : undefined;
    // The referrer writing in through their own link is not their own referrer.
    const referrerId = known?.id === link.contact_id ? null : link.contact_id;
    const waiting = known
      ? await findWaitingIntakeReferral(
          trx,
          link.practice_id,
          link.id,
          known.id,
          toTimestamp(new Date(nowDate.getTime() - joinWaitingWithinMs)),
        )
      : undefined;
    let referralId = waiting?.id;
    if (!referralId) {
      const row = await recordReferral(
        trx,
        deps,
        actor,
        ctx,
        {
          referred: known
            ? { contactId: known.id }
            : { name: input.name, email: input.email, phone: input.phone ?? null },
          referrer: referrerId ? { contactId: referrerId } : { unknown: true },
          channel: 'intake_link',
          need: input.message ?? null,
          // The box speaks for whoever typed the email: for a contact the practice already
          // has, that may be someone else, so their consent waits for the practitioner.
          consentToUpdate: referrerId !== null && !known && input.consentToUpdate === true,
        },
        nowDate,
        {
          intakeLinkId: link.id,
          reuseReferredEmail: true,
          note: intakeEventNote({
            heardFrom: input.heardFrom ?? null,
            consentUnconfirmed: known !== undefined && input.consentToUpdate === true,
          }),
        },
      );
      referralId = row.id;
    }
    await insertSubmissionRow(trx, {
      practice_id: link.practice_id,
      id: newId(),
      link_id: link.id,
      referral_id: referralId,
      submitted_at: now,
    });
    await recordWebhookEvent(trx, link.practice_id, now, {
      type: 'intake.submitted',
      occurredAt: now,
      data: { linkId: link.id, referralId, submittedAt: now },
    });
    // The submission row is the record of the form (consent, when given, is audited with the
    // referral); the team's email names where to look, and goes only when SMTP is set.
    const noticed = waiting
      ? 0
      : await queueTeamNotice(trx, link.practice_id, now, {
          templateKey: 'intake_notice',
          ...intakeNoticeOf({
            isPersonalLink: link.contact_id !== null,
            responseWindowHours: ctx.settings.responseWindowHours,
            referralUrl: urlAt(deps.config.baseUrl, `/referrals/${referralId}`),
          }),
          subjectType: 'referral',
          subjectId: referralId,
        });
    return { receipt: receiptOf(ctx.row.name, ctx.settings.responseWindowHours), noticed };
  });
  if (noticed > 0) wakeOutbox(deps.db);
  return receipt;
}

/** The thank-you of a live link's form, for the page shown after it (a reload sends nothing). */
export async function intakeThanks(
  deps: Deps,
  typedCode: string,
): Promise<{ practiceName: string; nextStep: string }> {
  const link = await findLink(deps.db, typedCode);
  const ctx = await loadPracticeContext(deps.db, link.practice_id);
  return {
    practiceName: ctx.row.name,
    nextStep: receiptOf(ctx.row.name, ctx.settings.responseWindowHours).nextStep,
  };
}

const receiptOf = (practiceName: string, hours: number): IntakeReceipt => ({
  received: true,
  nextStep: nextStepOf(practiceName, hours),
});

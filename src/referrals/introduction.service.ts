/**
 * Warm introductions (PRODUCT.md §3.9): a referrer connects a person to the practice by a
 * three-way email that Vouch drafts — to the person, copying the referrer, from the practice —
 * and the referral is recorded (or marked) as a warm handoff, measured apart in Insights.
 */
import { type ContactRow, findContactRowByEmail } from '../contacts/contact.repository.ts';
import { textKey } from '../contacts/contact.rules.ts';
import { addressableOf, requireContact } from '../contacts/contact.service.ts';
import {
  type TypedTextSubject,
  typedDisclosure,
  typedRefusal,
} from '../letters/disclosure.rules.ts';
import { findSmtpRow, type MessageRow } from '../outbox/message.repository.ts';
import { queueEmail, toMessage } from '../outbox/message.service.ts';
import { optedOutRefusal } from '../outbox/outbox.rules.ts';
import { wakeOutbox } from '../outbox/outbox.worker.ts';
import { toTimestamp } from '../platform/clock.ts';
import { inTransaction, type Queryable } from '../platform/db.ts';
import type { Deps } from '../platform/deps.ts';
import { AppError, fieldError } from '../platform/errors.ts';
import type { Actor } from '../platform/http.ts';
import { loadPracticeContext, type PracticeContext } from '../practices/practice.service.ts';
import {
  draftIntroduction,
  handoffRefusal,
  introductionTemplateKey,
  mailtoOf,
} from './introduction.rules.ts';
import type {
  CreateIntroduction,
  Introduction,
  IntroductionDraftView,
  PreviewIntroduction,
} from './introduction.schemas.ts';
import { findReferralRow, lockReferralRow, type ReferralRow } from './referral.repository.ts';
import {
  loadReferralDetail,
  markWarmHandoff,
  recordFirstContact,
  recordReferral,
  resolvePerson,
} from './referral.service.ts';

/** What the request names, checked: the referrer, the referral if any, the person's contact. */
type Parties = {
  referrer: ContactRow;
  referral: ReferralRow | null;
  /** The practice's contact the email goes to; null when a new one is to be made. */
  person: ContactRow | null;
};

const unprocessable = (field: string, message: string) =>
  fieldError(field, message, 'unprocessable');

/**
 * Reads and checks everything the introduction names, writing nothing: the referrer is a
 * contact of the practice (404 `referrerId`), the referral too (404 `referralId`) and may be
 * introduced by them; the typed email is not the referrer's, and with a referral it is not
 * another contact's than the referral's person.
 */
async function checkParties(
  db: Queryable,
  actor: Actor,
  input: PreviewIntroduction,
): Promise<Parties> {
  const referrer = await requireContact(db, actor.practiceId, input.referrerId, 'referrerId');
  const byEmail = await findContactRowByEmail(db, actor.practiceId, textKey(input.person.email));
  if (byEmail?.id === referrer.id)
    throw unprocessable(
      'person.email',
      'This is the referrer’s own email address: the person introduced is someone else.',
    );
  if (!input.referralId) return { referrer, referral: null, person: byEmail ?? null };
  const referral = await findReferralRow(db, actor.practiceId, input.referralId);
  if (!referral) {
    const message = 'No such referral in this practice.';
    throw new AppError('not_found', `referralId: ${message}`, [{ field: 'referralId', message }]);
  }
  const refusal = handoffRefusal(
    {
      referrerId: referral.referrer_id,
      referredId: referral.referred_id,
      status: referral.status,
      consentToUpdate: referral.consent_to_update,
    },
    referrer.id,
  );
  if (refusal) throw fieldError(refusal.field, refusal.message, refusal.code);
  if (byEmail && byEmail.id !== referral.referred_id)
    throw unprocessable(
      'person.email',
      'Another contact of the practice has this email address, not the person of this referral.',
    );
  const person =
    byEmail ??
    (await requireContact(db, actor.practiceId, referral.referred_id ?? '', 'referralId'));
  return { referrer, referral, person };
}

/**
 * The text the user typed (note, subject, body) goes to the referrer too (Cc), so it is held to
 * §3.2 as a letter to a referrer is: never a word of the person's need, and no word of where
 * they stand without their consent. Their name is the point of an introduction, so it may be
 * there. Thrown as 422 naming the field.
 */
function refuseDisclosingText(
  ctx: PracticeContext,
  input: PreviewIntroduction,
  { referrer, referral }: Pick<Parties, 'referrer' | 'referral'>,
): void {
  const subject: TypedTextSubject = {
    referredName: '',
    referrerName: [referrer.name, referrer.preferred_name ?? ''].join(' '),
    need: referral?.need ?? null,
    practiceWords: [ctx.row.name, ctx.row.value_proposition, ctx.row.ideal_client].join(' '),
  };
  const disclosure = {
    consentToUpdate: referral?.consent_to_update ?? false,
    profession: ctx.row.profession,
    isTreatingProvider: referrer.is_treating_provider,
  };
  for (const field of ['note', 'subject', 'body'] as const) {
    const text = input[field];
    const finding = text ? typedDisclosure(text, subject, disclosure) : null;
    if (finding) {
      const message =
        finding.kind === 'status'
          ? `says "${finding.found}", which tells the referrer where the person stands; that needs the person's consent, recorded on the referral.`
          : typedRefusal[finding.kind](finding.found);
      throw new AppError(
        'unprocessable',
        `The introduction copies the referrer, and its ${field} ${message}`,
        [{ field, message }],
      );
    }
  }
}

/** The draft as answered: the user's edits of subject and text win, and the mailto follows. */
function draftOf(
  ctx: PracticeContext,
  input: PreviewIntroduction,
  referrer: ContactRow,
): IntroductionDraftView {
  const drafted = draftIntroduction({
    practice: {
      name: ctx.row.name,
      valueProposition: ctx.row.value_proposition,
      bookingUrl: ctx.row.booking_url,
      salutationStyle: ctx.settings.salutationStyle,
    },
    person: input.person,
    referrer: { ...addressableOf(referrer), email: referrer.email },
    note: input.note ?? null,
  });
  const draft = {
    ...drafted,
    subject: input.subject ?? drafted.subject,
    body: input.body ?? drafted.body,
  };
  return { ...draft, mailto: mailtoOf(draft) };
}

/** The draft for the request, writing nothing (the same checks as creating it). */
export async function previewIntroduction(
  deps: Deps,
  actor: Actor,
  input: PreviewIntroduction,
): Promise<{ draft: IntroductionDraftView }> {
  const ctx = await loadPracticeContext(deps.db, actor.practiceId);
  const parties = await checkParties(deps.db, actor, input);
  refuseDisclosingText(ctx, input, parties);
  return { draft: draftOf(ctx, input, parties.referrer) };
}

/** Why the email cannot be queued to these people, thrown before anything is written. */
function refuseSending(parties: Parties): void {
  const { referrer, person } = parties;
  if (!referrer.email)
    throw unprocessable(
      'referrerId',
      `${referrer.name} has no email address, so they cannot be copied. Add it to their contact, or send the draft from your own mail client.`,
    );
  const referrerRefusal = optedOutRefusal({
    name: referrer.name,
    emailOptedOutAt: referrer.email_opted_out_at,
  });
  if (referrerRefusal) throw unprocessable('referrerId', referrerRefusal);
  const personRefusal =
    person && optedOutRefusal({ name: person.name, emailOptedOutAt: person.email_opted_out_at });
  if (personRefusal) throw unprocessable('person.email', personRefusal);
}

/**
 * Records the introduction in one transaction: a new warm-handoff referral (channel email, the
 * person found by email or made), or the referral named marked as one; with `send`, the email
 * queued to the person with the referrer in Cc (audited as a message to a referrer), and the
 * referral, if still new, moved to contacted — Vouch made the first contact.
 */
export async function createIntroduction(
  deps: Deps,
  actor: Actor,
  input: CreateIntroduction,
): Promise<Introduction> {
  const nowDate = deps.clock.now();
  const now = toTimestamp(nowDate);
  const done = await inTransaction(deps.db, async (trx) => {
    const ctx = await loadPracticeContext(trx, actor.practiceId);
    // Held first: a change to the referral at the same moment waits for this one.
    if (input.referralId) await lockReferralRow(trx, actor.practiceId, input.referralId);
    const parties = await checkParties(trx, actor, input);
    refuseDisclosingText(ctx, input, parties);
    if (input.send) refuseSending(parties);
    const { referrer } = parties;
    let row: ReferralRow;
    let personId: string;
    if (parties.referral) {
      row = await markWarmHandoff(trx, actor, parties.referral, now);
      personId = parties.person?.id ?? '';
    } else {
      personId =
        parties.person?.id ??
        // The same contact even when another request makes it at this very moment.
        (await resolvePerson(trx, actor, input.person, 'person', now, { reuseEmail: true }));
      row = await recordReferral(
        trx,
        deps,
        actor,
        ctx,
        {
          referrer: { contactId: referrer.id },
          referred: { contactId: personId },
          channel: 'email',
          warmHandoff: true,
        },
        nowDate,
      );
    }
    const draft = draftOf(ctx, input, referrer);
    let message: MessageRow | null = null;
    if (input.send) {
      message = await queueEmail(trx, deps, actor, {
        templateKey: introductionTemplateKey,
        to: { contactId: personId, name: draft.to.name, email: draft.to.email },
        cc: { contactId: referrer.id, name: referrer.name, email: referrer.email ?? '' },
        subject: draft.subject,
        body: draft.body,
        subjectType: 'referral',
        subjectId: row.id,
        isReferrerFacing: true,
        auditDetail: { referralId: row.id, consentToUpdate: row.consent_to_update },
      });
      row = await recordFirstContact(trx, actor, row, now, 'Introduction emailed.');
    }
    const referral = await loadReferralDetail(trx, actor, row, ctx, nowDate);
    // Answered from the row in hand: whether SMTP is set decides only its status label.
    const smtp = message ? await findSmtpRow(trx, actor.practiceId) : undefined;
    return { draft, referral, message: message && toMessage(message, smtp !== undefined) };
  });
  if (done.message) wakeOutbox(deps.db);
  return done;
}

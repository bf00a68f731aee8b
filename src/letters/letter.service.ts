import { findUserById } from '../accounts/account.repository.ts';
import { getCommitmentForLetter } from '../commitments/commitment.service.ts';
import {
  type ContactLock,
  type ContactRow,
  findContactRow,
} from '../contacts/contact.repository.ts';
import { addressableOf } from '../contacts/contact.service.ts';
import {
  type AddressableName,
  addressableFromName,
  namingWordsOf,
} from '../contacts/contact-name.rules.ts';
import { requireOwner } from '../platform/actor.ts';
import { recordAudit } from '../platform/audit.ts';
import { plusDays } from '../platform/calendar.ts';
import { toTimestamp } from '../platform/clock.ts';
import { inTransaction, type Queryable, type Tx } from '../platform/db.ts';
import type { Deps } from '../platform/deps.ts';
import { AppError, fieldError } from '../platform/errors.ts';
import type { Actor } from '../platform/http.ts';
import type { PracticeRow } from '../practices/practice.repository.ts';
import { loadPracticeContext } from '../practices/practice.service.ts';
import { findGivenRow } from '../referrals/given.repository.ts';
import { findReferralRow, lockReferralRow } from '../referrals/referral.repository.ts';
import { recordConsentGiven } from '../referrals/referral.service.ts';
import { type TypedTextSubject, typedDisclosure, typedRefusal } from './disclosure.rules.ts';
import {
  deleteTemplateRow,
  digestCounts,
  findTemplateRow,
  listReferralNotes,
  listTemplateRows,
  upsertTemplateRow,
} from './letter.repository.ts';
import {
  addressValues,
  blockedFieldsOf,
  type Disclosure,
  formatDay,
  leakedValue,
  maySendForCause,
  type Protected,
  referrerLetterValues,
  renderText,
  tellsStatus,
  unknownFieldsIn,
} from './letter.rules.ts';
import type {
  DraftLetter,
  EditTemplate,
  LetterDraft,
  LetterSubject,
  LetterTemplate,
} from './letter.schemas.ts';
import {
  type FieldName,
  fieldDefs,
  type ShippedTemplate,
  shippedTemplate,
  shippedTemplates,
  type TemplateKey,
} from './letter.templates.ts';

function toTemplate(
  shipped: ShippedTemplate,
  edited: { subject: string; body: string } | undefined,
): LetterTemplate {
  return {
    key: shipped.key as TemplateKey,
    name: shipped.name,
    audience: shipped.audience,
    about: shipped.about,
    subject: edited?.subject ?? shipped.subject,
    body: edited?.body ?? shipped.body,
    isEdited: edited !== undefined,
    mergeFields: shipped.fields.map((name) => ({
      name,
      description: fieldDefs[name].description,
      consent: fieldDefs[name].consent,
    })),
  };
}

export function requireShipped(key: string): ShippedTemplate {
  const shipped = shippedTemplate(key);
  if (!shipped)
    throw new AppError('not_found', `There is no letter template "${key}".`, [
      { field: 'key', message: 'No such letter template; see GET /letter-templates.' },
    ]);
  return shipped;
}

export async function listTemplates(
  deps: Deps,
  actor: Actor,
): Promise<{ items: LetterTemplate[] }> {
  const rows = new Map(
    (await listTemplateRows(deps.db, actor.practiceId)).map((r) => [r.key, r] as const),
  );
  return { items: shippedTemplates.map((t) => toTemplate(t, rows.get(t.key))) };
}

/** A practice's edit: every merge field must be one the template knows (400 naming it). */
export async function editTemplate(
  deps: Deps,
  actor: Actor,
  key: string,
  input: EditTemplate,
): Promise<LetterTemplate> {
  requireOwner(actor, 'edit letter templates');
  const shipped = requireShipped(key);
  for (const where of ['subject', 'body'] as const) {
    const unknown = unknownFieldsIn(input[where], shipped);
    if (unknown.length > 0)
      throw fieldError(
        where,
        `{{${unknown[0]}}} is not a merge field of this template. Use one of: ${shipped.fields.map((f) => `{{${f}}}`).join(', ')}.`,
      );
  }
  const row = {
    practice_id: actor.practiceId,
    key,
    subject: input.subject,
    body: input.body,
    updated_by: actor.userId,
    updated_at: toTimestamp(deps.clock.now()),
  };
  await inTransaction(deps.db, async (trx) => {
    await upsertTemplateRow(trx, row);
    await auditTemplate(trx, deps, actor, shipped, 'letter_template.edited');
  });
  return toTemplate(shipped, row);
}

export async function resetTemplate(deps: Deps, actor: Actor, key: string): Promise<void> {
  requireOwner(actor, 'reset letter templates');
  const shipped = requireShipped(key);
  await inTransaction(deps.db, async (trx) => {
    await deleteTemplateRow(trx, actor.practiceId, key);
    await auditTemplate(trx, deps, actor, shipped, 'letter_template.reset');
  });
}

/** What a referrer is sent is audited (§3.2, §8): so is a change to the words they get. */
async function auditTemplate(
  trx: Tx,
  deps: Deps,
  actor: Actor,
  shipped: ShippedTemplate,
  action: string,
) {
  if (shipped.audience !== 'referrer') return;
  await recordAudit(trx, deps.clock, {
    practiceId: actor.practiceId,
    userId: actor.userId,
    action,
    subjectType: 'letter_template',
    subjectId: shipped.key,
    detail: { templateKey: shipped.key },
  });
}

// ---------------------------------------------------------------------------------------------
// Preparing a letter: who it goes to, what it may say

export type Recipient = {
  contactId: string | null;
  name: string;
  email: string | null;
  emailConsent: boolean;
  /** How the letter addresses them (contacts' name rules). */
  address: AddressableName;
};

/** Everything needed to render a letter and to record what sending it changes. */
export type PreparedLetter = {
  template: ShippedTemplate;
  subjectText: string;
  bodyText: string;
  to: Recipient;
  practice: PracticeRow;
  /** Set for referrer-facing letters: what the referred person allowed (§3.2). */
  disclosure: Disclosure | null;
  values: Partial<Record<FieldName, string>>;
  protectedValues: Protected[];
  /** For a letter about a referral: what typed text may not say (§3.2). */
  typedCheck?: TypedTextSubject;
  subjectType: 'referral' | 'commitment' | 'given' | 'contact' | null;
  subjectId: string | null;
};

const idFieldOf = {
  referral: 'referralId',
  commitment: 'commitmentId',
  given: 'givenId',
  contact: 'contactId',
} as const;

/** The one id the template needs, and no other (400 naming the field). */
function subjectIdOf(template: ShippedTemplate, input: LetterSubject): string | null {
  const wanted = template.about === 'none' ? null : idFieldOf[template.about];
  for (const field of Object.values(idFieldOf)) {
    if (field !== wanted && input[field] !== undefined)
      throw fieldError(field, `is not used by the "${template.key}" letter; remove it.`);
  }
  if (wanted === null) return null;
  const id = input[wanted];
  if (id === undefined) throw fieldError(wanted, `is required for the "${template.key}" letter.`);
  return id;
}

const missing = (field: string, what: string) =>
  new AppError('not_found', `${field}: no such ${what} in this practice.`, [
    { field, message: `No such ${what} in this practice.` },
  ]);

const recipientOf = (row: ContactRow): Recipient => ({
  contactId: row.id,
  name: row.name,
  email: row.email,
  emailConsent: row.email_consent,
  address: addressableOf(row),
});

/**
 * A letter's contact, or 404 naming the field. `lock` holds the row against an erasure until the
 * letter is written (as `requireContact` does): the erasure then deletes the letter with the
 * rest, or the letter finds nobody. A referral letter locks its referral instead, first, which
 * keeps one lock order with the erasure.
 */
async function contactOrThrow(
  db: Queryable,
  practiceId: string,
  id: string,
  field: string,
  lock?: ContactLock,
) {
  const row = await findContactRow(db, practiceId, id, lock);
  if (!row) throw missing(field, 'contact');
  return row;
}

/**
 * Loads the letter's people and values. Values of fields the disclosure blocks are never
 * computed, so they cannot leak even through a rendering bug.
 */
export async function prepareLetter(
  db: Queryable,
  actor: Actor,
  now: Date,
  templateKey: string,
  input: LetterSubject,
): Promise<PreparedLetter> {
  const template = requireShipped(templateKey);
  const subjectId = subjectIdOf(template, input);
  const practiceId = actor.practiceId;
  const [{ row: practice, settings }, edited, sender] = await Promise.all([
    loadPracticeContext(db, practiceId),
    findTemplateRow(db, practiceId, template.key),
    findUserById(db, actor.userId),
  ]);
  const values: Partial<Record<FieldName, string>> = {
    'practice.name': practice.name,
    'practice.valueProposition': practice.value_proposition,
    'practice.idealClient': practice.ideal_client,
    'practice.postalAddress': practice.postal_address,
    'sender.name': sender?.name ?? practice.name,
  };
  const day = (at: string) => formatDay(at, practice.time_zone);
  let to: Recipient;
  let disclosure: Disclosure | null = null;
  const protectedValues: Protected[] = [];
  let typedCheck: TypedTextSubject | undefined;

  if (template.about === 'referral' && subjectId) {
    // Locked before it is read: an erasure of the person (which rewrites this row) either ends
    // before, and the letter sees them gone, or waits, and then deletes this letter with the rest.
    await lockReferralRow(db, practiceId, subjectId);
    const referral = await findReferralRow(db, practiceId, subjectId);
    if (!referral) throw missing('referralId', 'referral');
    if (!referral.referred_id)
      throw fieldError(
        'referralId',
        'The person this referral was about has been erased, so no letter can be written about it.',
        'conflict',
      );
    if (!referral.referrer_id)
      throw fieldError(
        'referralId',
        'The referrer of this referral is unknown, so there is nobody to write to. Set the referrer first.',
        'conflict',
      );
    const [referrer, referred, notes] = await Promise.all([
      contactOrThrow(db, practiceId, referral.referrer_id, 'referralId'),
      contactOrThrow(db, practiceId, referral.referred_id, 'referralId'),
      listReferralNotes(db, practiceId, referral.id),
    ]);
    to = recipientOf(referrer);
    disclosure = {
      consentToUpdate: referral.consent_to_update,
      profession: practice.profession,
      isTreatingProvider: referrer.is_treating_provider,
    };
    const forReferrer = referrerLetterValues(
      {
        referrer: addressableOf(referrer),
        referredName: referred.name,
        referredNotes: referred.notes,
      },
      referral,
      notes,
      disclosure,
      settings.salutationStyle,
    );
    Object.assign(values, forReferrer.values);
    protectedValues.push(...forReferrer.protectedValues);
    typedCheck = {
      // The words that name them: a title ("Dr.") or a degree names nobody (§3.2).
      referredName: namingWordsOf(addressableOf(referred)),
      referrerName: [referrer.name, referrer.preferred_name ?? ''].join(' '),
      need: referral.need,
      practiceWords: [practice.name, practice.value_proposition, practice.ideal_client].join(' '),
    };
  } else if (template.about === 'commitment' && subjectId) {
    const commitment = await getCommitmentForLetter(db, practiceId, subjectId);
    if (!commitment) throw missing('commitmentId', 'commitment');
    to = recipientOf(
      await contactOrThrow(db, practiceId, commitment.contactId, 'commitmentId', 'key share'),
    );
    values['commitment.promisedCount'] = String(commitment.promisedCount);
    values['commitment.madeOn'] = day(commitment.madeAt);
    values['commitment.credited'] = String(commitment.credited);
    values['commitment.remaining'] = String(
      Math.max(0, commitment.promisedCount - commitment.credited),
    );
    // §3.4: the letter restates both original incentives; a kind word when none was named.
    values['commitment.incentiveForReferrer'] =
      commitment.incentiveForReferrer?.trim() || 'my heartfelt thanks';
    values['commitment.incentiveForReferred'] =
      commitment.incentiveForReferred?.trim() ||
      'my full attention from the very first conversation';
  } else if (template.about === 'given' && subjectId) {
    const given = await findGivenRow(db, practiceId, subjectId);
    if (!given) throw missing('givenId', 'referral given');
    const [partner, person] = await Promise.all([
      contactOrThrow(db, practiceId, given.partner_id, 'givenId', 'key share'),
      contactOrThrow(db, practiceId, given.person_id, 'givenId', 'key share'),
    ]);
    to = recipientOf(template.recipient === 'partner' ? partner : person);
    const addressPartner = addressValues(addressableOf(partner), settings.salutationStyle);
    values['partner.name'] = partner.name;
    values['partner.firstName'] = addressPartner.firstName;
    values['partner.salutation'] = addressPartner.salutation;
    values['person.name'] = person.name;
    values['given.reason'] = given.reason?.trim() || 'I think you are the right person to help.';
    values['given.givenOn'] = day(given.given_at);
  } else if (template.about === 'contact' && subjectId) {
    to = recipientOf(await contactOrThrow(db, practiceId, subjectId, 'contactId', 'key share'));
  } else {
    // The weekly digest goes to the team member who asks for it.
    const weekStart = plusDays(now, -7);
    const counts = await digestCounts(db, practiceId, weekStart);
    to = {
      contactId: null,
      name: sender?.name ?? '',
      email: sender?.email ?? null,
      emailConsent: true,
      address: addressableFromName(sender?.name ?? ''),
    };
    values['digest.referralsThisWeek'] = String(counts.referralsThisWeek);
    values['digest.newClientsThisWeek'] = String(counts.newClientsThisWeek);
    values['digest.awaitingFirstContact'] = String(counts.awaitingFirstContact);
    values['digest.thanksOwed'] = String(counts.thanksOwed);
    values['digest.openCommitments'] = String(counts.openCommitments);
  }
  // The team is greeted by first name; contacts as the practice (or the contact) chose.
  const addressTo = addressValues(
    to.address,
    to.contactId === null ? 'informal' : settings.salutationStyle,
  );
  values['recipient.name'] = to.name;
  values['recipient.firstName'] = addressTo.firstName;
  values['recipient.salutation'] = addressTo.salutation;
  return {
    template,
    subjectText: edited?.subject ?? template.subject,
    bodyText: edited?.body ?? template.body,
    to,
    practice,
    disclosure,
    values,
    protectedValues,
    ...(typedCheck ? { typedCheck } : {}),
    subjectType: template.about === 'none' ? null : template.about,
    subjectId,
  };
}

/**
 * Whether a queued letter may still go out (§3.2, checked again at send time like email consent):
 * a letter whose sending alone tells the referrer where the person stands (`maySendForCause`)
 * is stopped when the consent it was written under has been withdrawn since, or the referral
 * or its people are gone. Every other letter may go.
 */
export async function mayStillSendLetter(
  db: Queryable,
  practice: PracticeRow,
  letter: { templateKey: string; subjectType: string | null; subjectId: string | null },
): Promise<boolean> {
  const cause = shippedTemplate(letter.templateKey)?.cause ?? null;
  if (!tellsStatus(cause)) return true;
  if (letter.subjectType !== 'referral' || !letter.subjectId) return false;
  const referral = await findReferralRow(db, practice.id, letter.subjectId);
  const referrer = referral?.referrer_id
    ? await findContactRow(db, practice.id, referral.referrer_id)
    : undefined;
  if (!referral || !referrer) return false;
  return maySendForCause(cause, {
    consentToUpdate: referral.consent_to_update,
    profession: practice.profession,
    isTreatingProvider: referrer.is_treating_provider,
  });
}

/**
 * "They gave permission" (§3.2): records the referred person's consent to updates on the
 * letter's referral, audited, inside the caller's transaction, and prepares the letter again
 * under it. Only a letter about a referral has a referred person to consent.
 */
export async function recordPermissionGiven(
  trx: Tx,
  deps: Pick<Deps, 'clock'>,
  actor: Actor,
  p: PreparedLetter,
  input: LetterSubject,
): Promise<PreparedLetter> {
  if (p.subjectType !== 'referral' || !p.subjectId || !p.disclosure)
    throw fieldError(
      'referredPersonConsented',
      `is only for a letter about a referral; the "${p.template.key}" letter has no referred person.`,
    );
  if (p.disclosure.consentToUpdate) return p;
  await recordConsentGiven(trx, deps, actor, p.subjectId, 'they gave permission (letter)');
  return prepareLetter(trx, actor, deps.clock.now(), p.template.key, input);
}

function refusal(field: string, d: Disclosure | null): AppError {
  const why =
    field === 'referral.seen'
      ? `{{${field}}} is only for a treating provider under the health (HIPAA) profile.`
      : `the referred person did not consent: {{${field}}} cannot be used.`;
  return new AppError(
    'unprocessable',
    `This letter goes to the referrer and ${why} Remove it from the letter${d?.consentToUpdate ? '' : ', or record the consent first'}.`,
    [{ field, message: why }],
  );
}

/**
 * Renders subject and body (the practice's template, or an edited draft), enforcing consent
 * (§3.2): a blocked field is a 422 naming it; an unknown one a 400 naming where it is; and a
 * referrer-facing letter that spells out a protected value is refused as well.
 */
export function renderLetter(
  p: PreparedLetter,
  texts: { subject?: string | undefined; body?: string | undefined } = {},
): { subject: string; body: string } {
  const out = { subject: '', body: '' };
  for (const where of ['subject', 'body'] as const) {
    const text = texts[where] ?? (where === 'subject' ? p.subjectText : p.bodyText);
    const result = renderText(text, p.template, p.disclosure, p.values);
    if (!result.ok) {
      if (result.reason === 'blocked') throw refusal(result.field, p.disclosure);
      throw fieldError(
        where,
        `{{${result.field}}} is not a merge field of the "${p.template.key}" letter. Use one of: ${p.template.fields.map((f) => `{{${f}}}`).join(', ')}.`,
        texts[where] === undefined ? 'unprocessable' : 'validation',
      );
    }
    out[where] = result.text;
    const finding =
      p.template.audience === 'referrer' && p.disclosure && p.typedCheck
        ? typedDisclosure(text, p.typedCheck, p.disclosure)
        : null;
    if (finding) {
      const message = typedRefusal[finding.kind](finding.found);
      throw new AppError(
        'unprocessable',
        `This letter goes to the referrer and its ${where} ${message}`,
        [{ field: where, message }],
      );
    }
  }
  if (p.template.audience === 'referrer') {
    const leak = leakedValue(`${out.subject}\n${out.body}`, p.protectedValues);
    if (leak) {
      const message = `mentions ${leak.label} of the referred person, which a referrer may not be told.`;
      throw new AppError('unprocessable', `This letter goes to the referrer and ${message}`, [
        { field: leak.field, message },
      ]);
    }
  }
  // Checked after the text, whose refusals name the exact field or word; this one is the
  // timing channel: even a letter that says nothing tells by being sent (§3.2).
  if (p.disclosure && !maySendForCause(p.template.cause, p.disclosure)) {
    const why =
      p.template.cause === 'thanks_conversion'
        ? 'A thank-you sent because the person became a client tells the referrer that they did'
        : 'An update sent because the referral moved on tells the referrer that it did, whatever it says';
    throw new AppError(
      'unprocessable',
      `${why}, so it needs the referred person's consent${p.disclosure.profession === 'health' ? ' (or a referrer who is their treating provider)' : ''}. Send the thank-you for the referral instead, or record their consent first.`,
      [
        {
          field: 'templateKey',
          message: `${p.template.key} needs the referred person’s consent.`,
        },
      ],
    );
  }
  return out;
}

export async function draftLetter(
  deps: Deps,
  actor: Actor,
  input: DraftLetter,
): Promise<LetterDraft> {
  const { templateKey, ...subject } = input;
  const prepared = await prepareLetter(deps.db, actor, deps.clock.now(), templateKey, subject);
  const rendered = renderLetter(prepared);
  return {
    templateKey,
    to: {
      contactId: prepared.to.contactId,
      name: prepared.to.name,
      email: prepared.to.email,
      emailConsent: prepared.to.emailConsent,
    },
    subject: rendered.subject,
    body: rendered.body,
    isReferrerFacing: prepared.template.audience === 'referrer',
    blockedFields: blockedFieldsOf(prepared.template, prepared.disclosure),
  };
}

/**
 * Warm introductions (PRODUCT.md §3.9): the three-way email from the practice to the referred
 * person, copying the referrer, and its `mailto:` link. Pure.
 *
 * Consent (§3.2): the draft says nothing about the person beyond what the user typed for this
 * email — the name and address they typed, and their note. Never the referral's need, status or
 * anything stored about the person.
 */
import {
  type AddressableName,
  addressableFromName,
  addressNameOf,
  type SalutationStyle,
  salutationOf,
} from '../contacts/contact-name.rules.ts';
import { oneOffEmails } from '../outbox/outbox.rules.ts';
import { isClosed, type ReferralStatus } from './referral.rules.ts';

/** A refusal naming the field of the request it is about. */
export type Refusal = { field: string; message: string; code: 'unprocessable' | 'conflict' };

/**
 * Whether a recorded referral can be introduced by this referrer (§3.9): it must have a person
 * (not erased) who is not the referrer, come from this referrer or from nobody yet, and still
 * be open — an introduction connects someone who has not started.
 */
export function handoffRefusal(
  referral: {
    referrerId: string | null;
    referredId: string | null;
    status: ReferralStatus;
    consentToUpdate: boolean;
  },
  referrerId: string,
): Refusal | null {
  if (referral.referredId === null)
    return {
      field: 'referralId',
      message: 'The person of this referral was erased; there is nobody to introduce.',
      code: 'unprocessable',
    };
  // Naming a referrer here would tell that contact about someone who never said they know
  // them (§3.2): who referred them is set on the referral itself, as a decision of its own.
  if (referral.referrerId === null)
    return {
      field: 'referrerId',
      message:
        'This referral has no referrer recorded. Set who referred them on the referral first; the introduction copies that person.',
      code: 'unprocessable',
    };
  if (referral.referrerId !== referrerId)
    return {
      field: 'referrerId',
      message: 'This referral came from someone else; introduce it with its own referrer.',
      code: 'unprocessable',
    };
  if (referral.referredId === referrerId)
    return {
      field: 'referrerId',
      message: 'The referrer cannot be the person introduced.',
      code: 'unprocessable',
    };
  if (referral.status === 'client' || isClosed(referral.status))
    return {
      field: 'referralId',
      message: `The referral is already ${referral.status === 'client' ? 'a client' : 'closed'}; an introduction connects someone who has not started yet.`,
      code: 'conflict',
    };
  // The email tells the referrer that the practice and the person are in touch: for a
  // referral already recorded, that is an update, which needs the person's consent (§3.2).
  if (!referral.consentToUpdate)
    return {
      field: 'referralId',
      message:
        'They have not agreed that the referrer may be told about them. Ask them, record their consent on the referral, then introduce.',
      code: 'unprocessable',
    };
  return null;
}

/** The outbox's template key of an introduction, one of its one-off emails. */
export const introductionTemplateKey = oneOffEmails.introduction;

export type Party = { name: string; email: string };

export type IntroductionDraft = {
  to: Party;
  cc: { name: string; email: string | null };
  subject: string;
  body: string;
  mailto: string;
};

export type DraftInput = {
  practice: {
    name: string;
    valueProposition: string;
    bookingUrl: string;
    salutationStyle: SalutationStyle;
  };
  /** The person as the user typed them for this email. */
  person: Party;
  /** The referrer as a contact of the practice: how they are addressed, and their email. */
  referrer: AddressableName & { email: string | null };
  note: string | null;
};

/** A sentence ends with its punctuation: "helps couples" → "helps couples." */
const asSentence = (text: string) => (/[.!?…)"”’]$/.test(text) ? text : `${text}.`);

/**
 * The introduction, in the practitioner's voice: short and warm, naming the person and the
 * referrer, thanking the referrer, with the value proposition, the note and the booking link
 * when the practice has them.
 */
export function draftIntroduction(input: DraftInput): Omit<IntroductionDraft, 'mailto'> {
  const style = input.practice.salutationStyle;
  const person = addressableFromName(input.person.name);
  const referrer = addressNameOf(input.referrer, style);
  const valueProposition = input.practice.valueProposition.trim();
  const note = input.note?.trim() ?? '';
  const booking = input.practice.bookingUrl.trim();
  const paragraphs = [
    salutationOf(person, style),
    `${referrer} suggested we talk, and I'm glad to meet you. ${referrer}, thank you for the introduction; I've copied you so you know we're in touch.`,
    ...(valueProposition ? [`In short: ${asSentence(valueProposition)}`] : []),
    ...(note ? [note] : []),
    booking
      ? `If you'd like to talk, you can choose a time that suits you here:\n${booking}\nor simply reply to this email and we'll find one.`
      : "If you'd like to talk, simply reply to this email and we'll find a time that suits you.",
    `Warm regards,\n${input.practice.name}`,
  ];
  return {
    to: { name: input.person.name, email: input.person.email },
    cc: { name: input.referrer.name, email: input.referrer.email },
    subject: `${referrer} suggested we talk`,
    body: paragraphs.join('\n\n'),
  };
}

/** An address in a `mailto:` path: percent-encoded, its `@` kept (RFC 6068 §2). */
const mailtoAddress = (address: string) =>
  encodeURIComponent(address.toWellFormed()).replace(/%40/g, '@');

/**
 * The `mailto:` URI of a draft (RFC 6068): the To address in the path, then `cc`, `subject`
 * and `body` as percent-encoded UTF-8 (never `+` for a space); line breaks in the body as
 * `%0D%0A` (§5). Without the referrer's address there is no `cc`. A lone surrogate (not text,
 * but JSON can carry one) becomes U+FFFD rather than failing the encoding.
 */
export function mailtoOf(draft: {
  to: { email: string };
  cc: { email: string | null };
  subject: string;
  body: string;
}): string {
  const fields: [string, string][] = [
    ...(draft.cc.email ? [['cc', mailtoAddress(draft.cc.email)] as [string, string]] : []),
    ['subject', encodeURIComponent(draft.subject.toWellFormed())],
    ['body', encodeURIComponent(draft.body.toWellFormed().replace(/\r?\n/g, '\r\n'))],
  ];
  return `mailto:${mailtoAddress(draft.to.email)}?${fields.map(([k, v]) => `${k}=${v}`).join('&')}`;
}

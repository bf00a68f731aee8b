import type { Channel, ContactRef, ReferralInput } from '../api/types';
import { toPersonInput } from '../contacts/contact-picker';
import { fromLocalInput } from '../format';

/** A person as a picker holds it: the typed text, and the contact when one was picked. */
export type PersonDraft = { text: string; contact: ContactRef | null };

/**
 * What the quick-add dialog holds. It is kept (in memory, never in the browser's storage: it
 * names a referred person) when the dialog is closed without saving, and restored when it
 * opens again; Save and "Clear" drop it.
 */
export type QuickAddDraft = {
  referred: PersonDraft;
  email: string;
  phone: string;
  referrer: PersonDraft;
  /** The email of a referrer who is not a contact yet (made on save). */
  referrerEmail: string;
  isUnknown: boolean;
  need: string;
  /** Whether "More details" is unfolded. */
  showMore: boolean;
  tags: string[];
  channel: Channel;
  circleId: string;
  /** `datetime-local` text; empty for now. */
  receivedAt: string;
  value: number | string;
  consent: boolean;
  /** '' for the signed-in user. */
  ownerId: string;
};

const noPerson: PersonDraft = { text: '', contact: null };

export function emptyDraft(prefill: { referrer?: ContactRef; referred?: ContactRef } = {}) {
  const person = (c: ContactRef | undefined): PersonDraft =>
    c ? { text: c.name, contact: c } : noPerson;
  return {
    referred: person(prefill.referred),
    email: '',
    phone: '',
    referrer: person(prefill.referrer),
    referrerEmail: '',
    isUnknown: false,
    need: '',
    showMore: false,
    tags: [],
    channel: 'in_person',
    circleId: '',
    receivedAt: '',
    value: '',
    consent: false,
    ownerId: '',
  } satisfies QuickAddDraft as QuickAddDraft;
}

/** Whether nothing was typed or chosen: such a draft is not worth keeping or offering to clear. */
export function isBlankDraft(draft: QuickAddDraft): boolean {
  const blank = emptyDraft();
  return (
    draft.referred.text.trim() === '' &&
    draft.referrer.text.trim() === '' &&
    [draft.email, draft.phone, draft.referrerEmail, draft.need, draft.receivedAt].every(
      (s) => s.trim() === '',
    ) &&
    draft.tags.length === 0 &&
    draft.value === '' &&
    draft.isUnknown === blank.isUnknown &&
    draft.consent === blank.consent &&
    draft.channel === blank.channel &&
    draft.circleId === '' &&
    draft.ownerId === ''
  );
}

/** Whether the referrer is a name that matches no picked contact: made a contact on save. */
export function isNewReferrer(draft: QuickAddDraft): boolean {
  return !draft.isUnknown && draft.referrer.text.trim() !== '' && !isPicked(draft.referrer);
}

export function isNewPerson(draft: QuickAddDraft): boolean {
  return draft.referred.text.trim() !== '' && !isPicked(draft.referred);
}

const isPicked = (p: PersonDraft) => p.contact !== null && p.contact.name === p.text;

export type DraftField =
  | 'referred'
  | 'referrer'
  | 'referrerEmail'
  | 'need'
  | 'value'
  | 'receivedAt';
export type DraftErrors = Partial<Record<DraftField, string>>;

/** The fields folded under "More details": an error there unfolds them. */
export const foldedFields: readonly DraftField[] = ['value', 'receivedAt'];

/**
 * The request a draft makes, or what the user must fix first (in words, per field). A referrer
 * typed but not picked is a new contact: `{ name, email? }`, made by the server with the referral.
 */
export function toReferralInput(
  draft: QuickAddDraft,
  options: { currency: string; digits: number; ownerId: string },
): { input: ReferralInput } | { errors: DraftErrors } {
  const errors: DraftErrors = {};
  const referred = toPersonInput(draft.referred, { email: draft.email, phone: draft.phone });
  if (!referred) errors.referred = 'Enter the referred person’s name, or pick a contact.';
  const referrer = draft.isUnknown
    ? null
    : toPersonInput(draft.referrer, { email: isNewReferrer(draft) ? draft.referrerEmail : '' });
  if (!draft.isUnknown && !referrer)
    errors.referrer =
      'Type who referred them (a contact, or a new name), or tick “Unknown referrer”.';
  if (
    referred &&
    referrer &&
    'contactId' in referred &&
    'contactId' in referrer &&
    referred.contactId === referrer.contactId
  )
    errors.referrer = 'The referrer cannot be the person they referred.';
  const receivedAt = fromLocalInput(draft.receivedAt);
  if (draft.receivedAt.trim() !== '' && !receivedAt)
    errors.receivedAt = 'Enter a date and time, or leave it empty for now.';
  else if (receivedAt && Date.parse(receivedAt) > Date.now() + 60_000)
    errors.receivedAt = 'Cannot be in the future: when did the referral reach you?';
  if (Object.keys(errors).length > 0 || !referred) return { errors };
  const amount =
    typeof draft.value === 'number' ? Math.round(draft.value * 10 ** options.digits) : undefined;
  const need = draft.need.trim();
  const owner = draft.ownerId || options.ownerId;
  return {
    input: {
      referred,
      referrer: referrer ?? { unknown: true },
      channel: draft.channel,
      consentToUpdate: draft.consent,
      ...(need ? { need } : {}),
      ...(draft.tags.length ? { tags: draft.tags } : {}),
      ...(draft.circleId ? { circleId: draft.circleId } : {}),
      ...(receivedAt ? { receivedAt } : {}),
      ...(amount !== undefined ? { valueMinor: amount, currency: options.currency } : {}),
      ...(owner ? { ownerId: owner } : {}),
    },
  };
}

/** The dialog's field for a field the server named (`referrer.email`, `valueMinor` …). */
export function draftFieldOf(apiField: string): DraftField | undefined {
  if (apiField === 'referrer.email') return 'referrerEmail';
  const root = apiField.split('.')[0];
  if (root === 'referred' || root === 'referrer' || root === 'need' || root === 'receivedAt')
    return root;
  if (root === 'valueMinor' || root === 'currency') return 'value';
  return undefined;
}

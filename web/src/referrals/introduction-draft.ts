import type { IntroductionDraft, IntroductionPreviewInput } from '../api/types';

/** What the introduction dialog holds: the person and note, then the edited email. */
export type IntroductionValues = {
  name: string;
  email: string;
  note: string;
  subject: string;
  body: string;
};

/** The dialog's fields; the server names the person's as `person.name`, `person.email`. */
export const INTRODUCTION_FIELDS = ['name', 'email', 'note', 'subject', 'body'] as const;
export const INTRODUCTION_FIELD_ALIASES: Record<string, string> = {
  'person.name': 'name',
  'person.email': 'email',
};
/** The fields of the first step (who and why); the rest belong to the draft. */
const PERSON_FIELDS: readonly string[] = ['name', 'email', 'note'];

/** Whether any of these field errors is on the first step (so the dialog goes back to it). */
export function touchesPersonStep(errors: Record<string, unknown>): boolean {
  return Object.keys(errors).some((field) => PERSON_FIELDS.includes(field));
}

/**
 * The body of a preview or an introduction: the person as typed (trimmed), the note when there
 * is one, the referral when it exists already, and the edited subject and text once drafted.
 */
export function introductionBody(
  referrerId: string,
  values: IntroductionValues,
  options: { referralId?: string; withDraft: boolean },
): IntroductionPreviewInput {
  const note = values.note.trim();
  return {
    referrerId,
    person: { name: values.name.trim(), email: values.email.trim() },
    ...(options.referralId ? { referralId: options.referralId } : {}),
    ...(note ? { note } : {}),
    ...(options.withDraft
      ? {
          ...(values.subject.trim() ? { subject: values.subject.trim() } : {}),
          ...(values.body.trim() ? { body: values.body } : {}),
        }
      : {}),
  };
}

/** "Elena Sorensen <elena@example.com>", or the name alone when there is no address. */
export function addressLine(party: { name: string; email: string | null }): string {
  return party.email ? `${party.name} <${party.email}>` : `${party.name} (no email address)`;
}

/** Whether Vouch can send it: the referrer needs an address to be copied. */
export function canSendThroughVouch(draft: IntroductionDraft): boolean {
  return Boolean(draft.to.email) && Boolean(draft.cc.email);
}

import {
  type AddressableName,
  addressNameOf,
  type SalutationStyle,
  salutationOf,
} from '../contacts/contact-name.rules.ts';
import { type FieldName, fieldDefs, type ShippedTemplate } from './letter.templates.ts';

/** `{{ field }}`: letters, digits and dots, spaces allowed inside the braces. */
const fieldPattern = /\{\{\s*([A-Za-z0-9_.]*)\s*\}\}/g;

/** The merge fields a text uses, in order of first use. */
export function mergeFieldsIn(text: string): string[] {
  return [...new Set([...text.matchAll(fieldPattern)].map((m) => m[1] ?? ''))];
}

/** The text as typed, merge fields left out: exactly what the renderer would replace, no more. */
export const withoutMergeFields = (text: string): string => text.replace(fieldPattern, ' ');

export const isKnownField = (name: string): name is FieldName => Object.hasOwn(fieldDefs, name);

/** What the referred person allowed, and the exception of the health profile (§3.2, §7). */
export type Disclosure = {
  consentToUpdate: boolean;
  profession: string;
  isTreatingProvider: boolean;
};

/** Under HIPAA a treating provider may be told that the person was seen/scheduled. */
export const isTreatmentCommunication = (d: Disclosure): boolean =>
  d.profession === 'health' && d.isTreatingProvider;

/**
 * Whether the referrer may learn where the person stands (§3.2): with consent, or as a treating
 * provider under the health profile (whose profile allows telling that the person was seen).
 */
export const mayTellStatus = (d: Disclosure): boolean =>
  d.consentToUpdate || isTreatmentCommunication(d);

/**
 * Letters whose sending alone tells the referrer where the person stands, whatever their text
 * says: a thank-you sent because they became a client, an update sent because their status moved.
 */
const statusTellingCauses: ReadonlySet<string> = new Set(['thanks_conversion', 'referrer_update']);

export const tellsStatus = (cause: string | null): boolean =>
  cause !== null && statusTellingCauses.has(cause);

/** Whether a letter with this cause may go to the referrer at all (§3.2, the timing channel). */
export const maySendForCause = (cause: string | null, d: Disclosure | null): boolean =>
  d === null || !tellsStatus(cause) || mayTellStatus(d);

/**
 * Whether a field may appear in a referrer-facing letter (§3.2): `always` fields always;
 * milestones and the name only with consent; seen/scheduled only to a treating provider
 * under the health profile. Letters to anyone else carry no referral details at all.
 */
export function isFieldAllowed(field: FieldName, d: Disclosure): boolean {
  const def: { consent: string; isAllowedForTreatingProvider?: true } = fieldDefs[field];
  if (def.consent === 'always') return true;
  const treating = isTreatmentCommunication(d);
  if (def.consent === 'with_consent')
    return d.consentToUpdate || (treating && def.isAllowedForTreatingProvider === true);
  return treating;
}

/** The template's fields that this disclosure does not allow (empty when not referrer-facing). */
export function blockedFieldsOf(template: ShippedTemplate, d: Disclosure | null): FieldName[] {
  if (template.audience !== 'referrer' || d === null) return [];
  return template.fields.filter((f) => !isFieldAllowed(f, d));
}

export type RenderFailure = {
  ok: false;
  field: string;
  reason: 'unknown' | 'blocked';
};
export type RenderResult = { ok: true; text: string } | RenderFailure;

/**
 * Fills `{{field}}`s. A field the template does not know, or one the disclosure blocks, fails
 * the whole render — whatever the text says, a blocked value is never substituted. `values`
 * should hold only allowed fields; a missing value renders as an empty string.
 */
export function renderText(
  text: string,
  template: ShippedTemplate,
  disclosure: Disclosure | null,
  values: Partial<Record<FieldName, string>>,
): RenderResult {
  const known = new Set<string>(template.fields);
  for (const name of mergeFieldsIn(text)) {
    if (!known.has(name) || !isKnownField(name))
      return { ok: false, field: name, reason: 'unknown' };
    if (template.audience === 'referrer' && disclosure && !isFieldAllowed(name, disclosure))
      return { ok: false, field: name, reason: 'blocked' };
  }
  return {
    ok: true,
    text: text.replace(fieldPattern, (_, name: string) => values[name as FieldName] ?? ''),
  };
}

/** Unknown fields of an edited template, for PUT /letter-templates/{key}. */
export function unknownFieldsIn(text: string, template: ShippedTemplate): string[] {
  const known = new Set<string>(template.fields);
  return mergeFieldsIn(text).filter((f) => !known.has(f));
}

/** Referral progress as a referrer may hear it with consent: milestones, never status or notes. */
export function milestoneOf(r: {
  first_contact_at: string | null;
  meeting_at: string | null;
  client_at: string | null;
}): string {
  if (r.client_at) return 'they have become a client';
  if (r.meeting_at) return 'we have met';
  if (r.first_contact_at) return 'we have been in touch';
  return 'I will be in touch with them shortly';
}

/** Treatment communication under HIPAA: seen or scheduled, nothing more. */
export function seenOf(r: {
  first_contact_at: string | null;
  meeting_at: string | null;
  client_at: string | null;
}): string {
  if (r.client_at || r.meeting_at) return 'has been seen';
  if (r.first_contact_at) return 'has been scheduled';
  return 'is being scheduled';
}

/**
 * A person's `.firstName` and `.salutation` merge values: how contacts' rules address them under
 * the practice's style ("Dr. Reyes" / "Dear Dr. Reyes," or "Alan" / "Dear Alan,").
 */
export function addressValues(person: AddressableName, style: SalutationStyle) {
  return { firstName: addressNameOf(person, style), salutation: salutationOf(person, style) };
}

export type Protected = {
  field: string;
  label: string;
  value: string | null | undefined;
  /** Shorter values are not searched for (a need of "tax" must not block every letter). */
  minLength: number;
};

/**
 * Text typed into an edited letter is checked too: a referrer-facing letter must not spell
 * out the referred person's name (unless allowed), their need or any note. Returns the first
 * protected value found, case-insensitively; values shorter than their minLength are ignored.
 */
export function leakedValue(text: string, protectedValues: readonly Protected[]): Protected | null {
  const haystack = text.toLocaleLowerCase();
  for (const p of protectedValues) {
    const value = p.value?.trim().toLocaleLowerCase();
    if (value && value.length >= p.minLength && haystack.includes(value)) return p;
  }
  return null;
}

/** Day as a person reads it, in the practice's time zone: "12 March 2026". */
export function formatDay(at: string, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone,
  }).format(new Date(at));
}

/**
 * The footer of an email to a contact (§6): the practice's postal address and the opt-out link.
 * An introduction (`optOutUrl` null) carries the address only: the referrer in Cc sees the same
 * text and must not get a link that unsubscribes the person.
 */
export function relationshipFooter(
  practiceName: string,
  postalAddress: string,
  optOutUrl: string | null,
) {
  const address = postalAddress.trim().replace(/\s*\n\s*/g, ', ');
  if (optOutUrl === null) return address ? `\n\n—\n${practiceName} · ${address}` : '';
  return `\n\n—\n${practiceName}${address ? ` · ${address}` : ''}\nTo stop receiving emails from ${practiceName}, open: ${optOutUrl}`;
}

export type ReferralForLetter = {
  first_contact_at: string | null;
  meeting_at: string | null;
  client_at: string | null;
  need: string | null;
};

/**
 * The referral's values for a referrer-facing letter: only what the disclosure allows is
 * computed at all; the rest becomes protected text that must not be typed in either.
 */
export function referrerLetterValues(
  people: { referrer: AddressableName; referredName: string; referredNotes: string | null },
  referral: ReferralForLetter,
  eventNotes: readonly string[],
  d: Disclosure,
  style: SalutationStyle,
): { values: Partial<Record<FieldName, string>>; protectedValues: Protected[] } {
  const referrer = addressValues(people.referrer, style);
  const values: Partial<Record<FieldName, string>> = {
    'referrer.name': people.referrer.name,
    'referrer.firstName': referrer.firstName,
    'referrer.salutation': referrer.salutation,
  };
  const protectedValues: Protected[] = [];
  if (isFieldAllowed('referred.name', d)) values['referred.name'] = people.referredName;
  else
    protectedValues.push({
      field: 'referred.name',
      label: "the referred person's name",
      value: people.referredName,
      minLength: 3,
    });
  if (isFieldAllowed('referral.milestone', d)) values['referral.milestone'] = milestoneOf(referral);
  if (isFieldAllowed('referral.seen', d)) values['referral.seen'] = seenOf(referral);
  protectedValues.push(
    { field: 'referral.need', label: 'the need', value: referral.need, minLength: 8 },
    { field: 'referred.notes', label: 'a note', value: people.referredNotes, minLength: 8 },
    ...eventNotes.map((n) => ({
      field: 'referral.notes',
      label: 'a note',
      value: n,
      minLength: 8,
    })),
  );
  return { values, protectedValues };
}

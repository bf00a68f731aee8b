import type { ContactDetail, ContactInput } from '../api/types';

/** The name fields of the contact form: the full name as typed, and its parts. */
export type NameValues = {
  name: string;
  honorific: string;
  givenName: string;
  familyName: string;
  suffix: string;
  preferredName: string;
  /** '' follows the practice's style. */
  salutation: '' | 'formal' | 'informal';
};

export const NAME_PARTS = ['honorific', 'givenName', 'familyName', 'suffix'] as const;

export function nameValuesOf(contact?: ContactDetail): NameValues {
  return {
    name: contact?.name ?? '',
    honorific: contact?.honorific ?? '',
    givenName: contact?.givenName ?? '',
    familyName: contact?.familyName ?? '',
    suffix: contact?.suffix ?? '',
    preferredName: contact?.preferredName ?? '',
    salutation: contact?.salutation ?? '',
  };
}

type NameInput = Pick<
  ContactInput,
  'name' | 'honorific' | 'givenName' | 'familyName' | 'suffix' | 'preferredName' | 'salutation'
>;

const blank = (v: string) => (v.trim() === '' ? null : v.trim());

/**
 * What the form sends about the name. The server splits a typed name into its parts and makes
 * the display name of parts, so only what the person changed is sent: a changed name alone is
 * split again; changed parts win and rename. A new contact sends no empty fields.
 */
export function nameInputOf(values: NameValues, original?: NameValues): NameInput {
  const before = original ?? nameValuesOf();
  const out: NameInput = {};
  const partsChanged = NAME_PARTS.some((k) => values[k].trim() !== before[k].trim());
  if (values.name.trim() !== before.name.trim() && values.name.trim() !== '')
    out.name = values.name.trim();
  if (partsChanged)
    for (const k of NAME_PARTS) {
      const value = blank(values[k]);
      if (original || value !== null) out[k] = value;
    }
  if (values.preferredName.trim() !== before.preferredName.trim()) {
    const value = blank(values.preferredName);
    if (original || value !== null) out.preferredName = value;
  }
  if (values.salutation !== before.salutation) {
    const value = values.salutation === '' ? null : values.salutation;
    if (original || value !== null) out.salutation = value;
  }
  return out;
}

/** A contact needs a name: typed whole, or a given or family name. */
export function nameError(values: NameValues): string | null {
  return values.name.trim() || values.givenName.trim() || values.familyName.trim()
    ? null
    : 'Enter a name (or a given or family name below).';
}

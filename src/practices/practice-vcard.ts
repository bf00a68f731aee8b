import { parseName } from '../platform/person-name.ts';
import { type VcardVersion, vcardNameOf, writeVcard } from '../platform/vcard.ts';
import type { Practice } from './practice.schemas.ts';

/** Who the card is of: a practitioner (the signed-in user), or nobody for the practice alone. */
export type VcardPerson = { name: string; email: string | null };

/**
 * The practice's vCard: the practitioner (name in parts, work email) at the practice (ORG),
 * its postal address and, as NOTE, its value proposition; without a person, a card of the
 * practice itself (KIND:org). `url` is the page to put on it (a referral link, the booking
 * page). For GET /practice/vcard and the public intake page's "Save contact".
 */
export function practiceVcard(
  practice: Pick<Practice, 'name' | 'valueProposition' | 'postalAddress'>,
  person: VcardPerson | null,
  options: { url?: string | null; version?: VcardVersion } = {},
): string {
  const personName = person?.name.trim() ?? '';
  const parts = personName === '' ? null : parseName(personName);
  return writeVcard(
    {
      kind: parts ? 'individual' : 'org',
      fullName: personName || practice.name,
      name: parts && vcardNameOf(parts),
      organization: practice.name,
      isWork: true,
      email: person?.email ?? null,
      postalAddress: practice.postalAddress,
      url: options.url ?? null,
      note: practice.valueProposition,
    },
    options.version,
  );
}

/** The file name (without `.vcf`) of a practice's card. */
export const practiceVcardName = (
  practice: Pick<Practice, 'name'>,
  person: VcardPerson | null,
): string => person?.name.trim() || practice.name.trim() || 'contact';

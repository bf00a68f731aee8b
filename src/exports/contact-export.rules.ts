/**
 * The network as contacts apps take it in (issue 13 §9): Google Contacts' CSV and vCard.
 * Pure: a contact's row and its circles in, a CSV record or a card out.
 */
import { csvLine } from '../platform/csv.ts';
import { type VcardVersion, vcardNameOf, writeVcard } from '../platform/vcard.ts';

/** What a contacts app gets of a contact: never the practice's stage, roles or history. */
export type ContactCard = {
  name: string;
  honorific: string | null;
  given_name: string | null;
  family_name: string | null;
  suffix: string | null;
  preferred_name: string | null;
  email: string | null;
  phone: string | null;
  organization: string | null;
};

/**
 * Google Contacts' own CSV headers (its "Google CSV" export, which its import reads by header
 * name), the ones a contact here fills. Middle names are not kept apart, so that cell is empty.
 */
export const googleCsvHeaders = [
  'First Name',
  'Middle Name',
  'Last Name',
  'Name Prefix',
  'Name Suffix',
  'Nickname',
  'Organization Name',
  'Notes',
  'Labels',
  'E-mail 1 - Label',
  'E-mail 1 - Value',
  'Phone 1 - Label',
  'Phone 1 - Value',
] as const;

/** Google's label of the primary value of a kind it was given no type for. */
const primaryOther = '* Other';

/** Every contact Google imports belongs to "My Contacts"; circles become its labels. */
export const googleLabels = (circles: readonly string[]): string =>
  ['* myContacts', ...circles].join(' ::: ');

/**
 * A phone number as typed (digits, spaces, + ( ) . - /): nothing a spreadsheet can run, so it
 * is written as it is rather than with the apostrophe that would go into Google with it.
 */
const isPlainPhone = (phone: string) => /^\+?[0-9][0-9 ().\-/]*$/.test(phone);

const text = (value: string | null) => value?.trim() ?? '';

/** One record of the Google CSV, in `googleCsvHeaders` order, CRLF-ended. */
export function googleCsvRecord(card: ContactCard, circles: readonly string[]): string {
  const hasParts = card.given_name !== null || card.family_name !== null;
  const email = text(card.email);
  const phone = text(card.phone);
  const cells = [
    hasParts ? text(card.given_name) : card.name,
    '',
    text(card.family_name),
    text(card.honorific),
    text(card.suffix),
    text(card.preferred_name),
    text(card.organization),
    // The practice's notes stay in Vouch: this file goes to another company (§3.2).
    '',
    googleLabels(circles),
    email ? primaryOther : '',
    email,
    phone ? primaryOther : '',
  ];
  // The phone is the last cell: a plain number is appended without the formula guard.
  if (phone === '' || !isPlainPhone(phone)) return csvLine([...cells, phone]);
  return `${csvLine(cells).replace(/\r\n$/, '')},${phone}\r\n`;
}

/** The Google CSV's header record. */
export const googleCsvHeader = (): string => csvLine(googleCsvHeaders);

/**
 * A contact's card, as GET /contacts/{id}/vcard writes it: the name shown and in parts, the
 * name they go by, organization, email and phone; not the practice's notes about them.
 */
export function contactVcard(card: ContactCard, version: VcardVersion): string {
  return writeVcard(
    {
      fullName: card.name,
      name: vcardNameOf({
        honorific: card.honorific,
        givenName: card.given_name,
        familyName: card.family_name,
        suffix: card.suffix,
      }),
      nickname: card.preferred_name,
      organization: card.organization,
      email: card.email,
      phone: card.phone,
    },
    version,
  );
}

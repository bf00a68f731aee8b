import type { NameParts } from './person-name.ts';

/**
 * vCards (RFC 6350) for the contacts apps people use: Apple Contacts, Google Contacts, Outlook.
 *
 * Written here, not by a library: `vcard4` (the RFC 6350 writer on npm) folds lines by UTF-16
 * units, not octets, and cuts an emoji in two; `vcard-creator` writes vCard 3.0 only and stamps
 * the wall-clock time into REV. What we need is small: the text escaping of RFC 6350 §3.4,
 * folding at 75 octets without splitting a UTF-8 character (§3.2), CRLF line ends.
 *
 * Version: 4.0 by default, as the RFC and the issue ask, written in the subset vCard 3.0
 * readers also understand (a TEL as text, not a `tel:` URI, which iOS shows with its prefix;
 * every TEL, EMAIL and ADR typed, since Outlook drops an untyped TEL). Outlook for Windows
 * imports 2.1 and 3.0 files (its vCard conversion, MS-OXVCARD, is specified over RFC 2426) and
 * reads little of a 4.0 one, so `version: '3.0'` writes the same card as RFC 2426 for it:
 * a LABEL property for the address, TYPE=INTERNET on EMAIL, CHARSET=UTF-8 on non-ASCII text
 * (Outlook otherwise reads the file in the system code page), and no KIND (4.0 only).
 */

export const vcardVersions = ['4.0', '3.0'] as const;
export type VcardVersion = (typeof vcardVersions)[number];

/** N: the name in parts (RFC 6350 §6.2.2); each part is a single value. */
export type VcardName = {
  family: string | null;
  given: string | null;
  /** Middle names. */
  additional?: string | null;
  /** Honorific prefixes ("Dr."). */
  prefix: string | null;
  /** Honorific suffixes ("PhD", "Jr."). */
  suffix: string | null;
};

/** A name as the project keeps it in parts (platform/person-name.ts), as a vCard's N. */
export const vcardNameOf = (parts: NameParts): VcardName => ({
  family: parts.familyName,
  given: parts.givenName,
  prefix: parts.honorific,
  suffix: parts.suffix,
});

export type Vcard = {
  /** `org` for a card of an organisation with no person (4.0's KIND); a person by default. */
  kind?: 'individual' | 'org';
  /** FN, the name as shown: required. */
  fullName: string;
  name?: VcardName | null;
  /** What the person is called ("Al"): NICKNAME. */
  nickname?: string | null;
  organization?: string | null;
  /** Where the person works in the organization: EMAIL, TEL, ADR and URL are typed `work`. */
  isWork?: boolean;
  email?: string | null;
  phone?: string | null;
  /** The postal address as typed, one text (ADR's street part, and its label). */
  postalAddress?: string | null;
  url?: string | null;
  note?: string | null;
};

const crlf = '\r\n';

/**
 * A TEXT value (RFC 6350 §3.4): backslash, comma and line breaks escaped. A semicolon is
 * escaped only in a part of a structured value (N, ADR, ORG; `inPart`), and in vCard 3.0,
 * whose text value allows no bare semicolon (RFC 2426 §4).
 */
export function escapeText(value: string, inPart = false): string {
  const escaped = value
    .replace(/\\/g, '\\\\')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n');
  return inPart ? escaped.replace(/;/g, '\\;') : escaped;
}

/** A parameter value: RFC 6868's ^-escapes, quoted, as 4.0's ADR LABEL takes it. */
function quoteParam(value: string): string {
  return `"${value
    .replace(/\^/g, '^^')
    .replace(/\r\n|\r|\n/g, '^n')
    .replace(/"/g, "^'")}"`;
}

/**
 * A content line folded after at most 75 octets (continuations start with a space, which
 * counts), never inside a UTF-8 character; each line ends in CRLF.
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (octets + size > 75) {
      out.push(current);
      current = ' ';
      octets = 1;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.map((l) => l + crlf).join('');
}

const present = (value: string | null | undefined): value is string =>
  value !== null && value !== undefined && value.trim() !== '';

/** One vCard, folded, with CRLF line ends: the body of a `text/vcard; charset=utf-8` file. */
export function writeVcard(card: Vcard, version: VcardVersion = '4.0'): string {
  const v3 = version === '3.0';
  const lines: string[] = [];
  // A property with parameters, its value already escaped as its type needs.
  const add = (name: string, params: string[], value: string) => {
    // 3.0 has no charset of its own: Outlook reads one from the property.
    const charset = v3 && /[^ -~]/.test(value) ? ['CHARSET=UTF-8'] : [];
    lines.push(`${[name, ...params, ...charset].join(';')}:${value}`);
  };
  // Single text values; a part of a structured one always escapes its semicolons.
  const text = (value: string) => escapeText(value.trim(), v3);
  const part = (value: string | null | undefined) => escapeText(value?.trim() ?? '', true);
  const work = card.isWork ? ['work'] : [];
  const typed = (...types: string[]) => {
    const all = [...types, ...work].map((t) => (v3 ? t.toUpperCase() : t));
    return all.length > 0 ? [`TYPE=${all.join(',')}`] : [];
  };

  lines.push('BEGIN:VCARD', `VERSION:${version}`);
  if (!v3 && card.kind === 'org') lines.push('KIND:org');
  add('FN', [], text(card.fullName));
  const n = card.name;
  if (n || v3) {
    // 3.0 requires N; an organisation's card leaves it empty.
    add('N', [], [n?.family, n?.given, n?.additional, n?.prefix, n?.suffix].map(part).join(';'));
  }
  if (present(card.nickname)) add('NICKNAME', [], text(card.nickname));
  // Apple's way of saying "show the company" on a 3.0 card without a person.
  if (v3 && card.kind === 'org') lines.push('X-ABSHOWAS:COMPANY');
  if (present(card.organization)) add('ORG', [], part(card.organization));
  if (present(card.email)) add('EMAIL', v3 ? typed('internet') : typed(), text(card.email));
  if (present(card.phone)) add('TEL', typed('voice'), text(card.phone));
  if (present(card.postalAddress)) {
    const address = card.postalAddress.trim();
    // No parser splits a typed address into street, city and code reliably: the whole text
    // goes in the street part, which every contacts app shows.
    const adr = ['', '', part(address), '', '', '', ''].join(';');
    const types = typed();
    if (v3) {
      add('ADR', types, adr);
      add('LABEL', types, text(address));
    } else add('ADR', [...types, `LABEL=${quoteParam(address)}`], adr);
  }
  // A URI, not text: nothing to escape but line breaks, which a URL never has.
  if (present(card.url)) add('URL', typed(), card.url.trim().replace(/[\r\n]/g, ''));
  if (present(card.note)) add('NOTE', [], text(card.note));
  lines.push('END:VCARD');
  return lines.map(foldLine).join('');
}

/**
 * What the columns of an import file mean, and a record's values as a contact candidate
 * (PRODUCT.md §8, issue 13). Pure: no I/O. The readers (csv-read.ts, vcard-read.ts) hand
 * values here with where they came from, so that a problem names the column or property.
 *
 * The shapes below are the contract of import-file.ts, which re-exports them; they live here,
 * the lowest layer, so that the readers can use them without an import cycle.
 */
import { singleSpaced } from '../contacts/contact.rules.ts';
import { namePartLimits } from '../contacts/contact.schemas.ts';
import { limits, ZEmail } from '../platform/fields.ts';
import { composeName } from '../platform/person-name.ts';

/** Where the rows come from: the published column sets of Google and Outlook, or any CSV. */
export const importFormats = ['google', 'outlook', 'csv', 'vcard'] as const;
export type ImportFormat = (typeof importFormats)[number];

/** What a CSV column can fill in a contact; `ignore` leaves it out. */
export const importFields = [
  'name',
  'honorific',
  'givenName',
  'middleName',
  'familyName',
  'suffix',
  'email',
  'phone',
  'organization',
  'notes',
  'labels',
  'ignore',
] as const;
export type ImportField = (typeof importFields)[number];

/** One field per column, by position (headers may repeat or be blank in a hand-made CSV). */
export type ColumnMapping = ImportField[];

/** A source of the file's bytes, opened afresh for each pass over it. */
export type OpenBytes = () => AsyncIterable<Uint8Array>;

export type CsvShape = {
  kind: 'csv';
  /** UTF-8 (with or without BOM) unless some byte sequence is not UTF-8: then Windows-1252. */
  encoding: 'utf-8' | 'windows-1252';
  delimiter: ',' | ';' | '\t';
  /** The header record, trimmed, as written. */
  headers: string[];
  /** `google` or `outlook` when the headers are theirs, else `csv`. */
  format: 'google' | 'outlook' | 'csv';
  /** The suggested mapping: the published columns of the format, else headers by their names. */
  mapping: ColumnMapping;
  /** Data records after the header. */
  rows: number;
};

export type VcardShape = { kind: 'vcard'; format: 'vcard'; rows: number };

export type FileShape = CsvShape | VcardShape;

/** A record turned into what a contact can hold; nothing here is checked against the practice. */
export type ContactCandidate = {
  /** The display name: the name column, else the parts joined, else the organization, else the first email. */
  name: string;
  honorific: string | null;
  givenName: string | null;
  familyName: string | null;
  suffix: string | null;
  /** Valid addresses only, first the primary, without repeats (case-insensitive). */
  emails: string[];
  phones: string[];
  organization: string | null;
  notes: string | null;
  /** Group names (Google Labels, Outlook Categories, vCard CATEGORIES) without system ones like "* myContacts". */
  labels: string[];
};

/** One data record: its first line in the file (1-based, the header is line 1) and the outcome. */
export type ImportRecord =
  | { line: number; candidate: ContactCandidate }
  | { line: number; problem: string };

export type CsvFormat = CsvShape['format'];
type ValueField = Exclude<ImportField, 'ignore'>;

/** A value read from a record, with its source (a column header, a vCard property) for messages. */
export type SourcedValue = { field: ValueField; source: string; value: string };

// ---------------------------------------------------------------------------------------------
// Columns

/** A header as compared: lower case, accents and everything but letters and digits dropped. */
export const headerKey = (header: string): string =>
  header
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');

/** Google Contacts' columns, current export ("First Name") and the older one ("Given Name"). */
const googleColumns: Record<string, ValueField> = {
  name: 'name',
  firstname: 'givenName',
  givenname: 'givenName',
  middlename: 'middleName',
  additionalname: 'middleName',
  lastname: 'familyName',
  familyname: 'familyName',
  nameprefix: 'honorific',
  namesuffix: 'suffix',
  organizationname: 'organization',
  notes: 'notes',
  labels: 'labels',
  groupmembership: 'labels',
};
/** Google numbers its repeated columns: "E-mail 1 - Value", "Organization 1 - Name". */
const googleNumbered: [RegExp, ValueField][] = [
  [/^email\d+value$/, 'email'],
  [/^phone\d+value$/, 'phone'],
  [/^organization\d+name$/, 'organization'],
];

/** Outlook's columns ("Title" is the honorific there; "Job Title" is the job). */
const outlookColumns: Record<string, ValueField> = {
  title: 'honorific',
  firstname: 'givenName',
  middlename: 'middleName',
  lastname: 'familyName',
  suffix: 'suffix',
  company: 'organization',
  emailaddress: 'email',
  email2address: 'email',
  email3address: 'email',
  primaryphone: 'phone',
  mobilephone: 'phone',
  businessphone: 'phone',
  businessphone2: 'phone',
  homephone: 'phone',
  homephone2: 'phone',
  otherphone: 'phone',
  carphone: 'phone',
  notes: 'notes',
  categories: 'labels',
};

/** Any other CSV: common header names, in English and the languages Outlook exports in most. */
const genericColumns: Record<string, ValueField> = Object.fromEntries(
  (
    [
      ['name', 'name fullname displayname contactname contact naam nom nombre'],
      ['honorific', 'prefix nameprefix honorific anrede'],
      ['givenName', 'first firstname given givenname forename vorname prenom voornaam'],
      ['middleName', 'middle middlename additionalname secondname'],
      ['familyName', 'last lastname family familyname surname nachname achternaam apellido'],
      ['suffix', 'suffix namesuffix'],
      [
        'organization',
        'company companyname organization organizationname organisation organisationname employer firm firma societe entreprise empresa bedrijf',
      ],
      ['notes', 'notes note comments comment remarks notizen notiz remarques notas opmerkingen'],
      [
        'labels',
        'tags tag labels label groups group categories category groupmembership kategorien categorias',
      ],
      ['email', 'courriel emailadresse correo correoelectronico'],
      ['phone', 'telefon telephone telefono telefoon mobil mobiltelefon portable movil mobiel'],
    ] as const
  ).flatMap(([field, keys]) => keys.split(' ').map((key) => [key, field] as const)),
);
const genericEmail =
  /^(primary|work|home|personal|business|private|other)?e?mail\d*(address|value)?\d*$/;
const genericPhone =
  /^(primary|work|home|personal|business|private|other|main|mobile|cell)?(phone|mobile|cell|cellphone|mobilephone|tel|telephone|phonenumber|telephonenumber)\d*(number|value)?\d*$/;

function genericField(key: string): ImportField {
  const known = genericColumns[key];
  if (known) return known;
  if (genericEmail.test(key)) return 'email';
  if (genericPhone.test(key)) return 'phone';
  return 'ignore';
}

function googleField(key: string): ImportField {
  return googleColumns[key] ?? googleNumbered.find(([re]) => re.test(key))?.[1] ?? 'ignore';
}

const has = (keys: Set<string>, ...wanted: string[]) => wanted.some((k) => keys.has(k));

/**
 * Outlook when its own columns are there ("E-mail Address", "Business Phone", "Categories"…
 * beside "First Name" or "Last Name"), Google when its are (the numbered "E-mail 1 - Value",
 * "Labels", "File As"… beside "First Name" or "Given Name"), else a CSV of its own. Google
 * leaves out the columns no contact uses, so no single column is required.
 */
export function detectFormat(headers: readonly string[]): CsvFormat {
  const keys = new Set(headers.map(headerKey));
  if (
    has(keys, 'firstname', 'lastname') &&
    has(
      keys,
      'emailaddress',
      'emaildisplayname',
      'businessphone',
      'homephone',
      'mobilephone',
      'categories',
      'jobtitle',
    )
  )
    return 'outlook';
  const hasGoogleNumbered = headers.some((h) =>
    /^(E-mail|Phone) \d+ - (Value|Label|Type)$/i.test(h.trim()),
  );
  if (
    has(keys, 'firstname', 'givenname') &&
    (hasGoogleNumbered || has(keys, 'labels', 'groupmembership', 'fileas', 'nameprefix'))
  )
    return 'google';
  return 'csv';
}

/** The mapping to suggest: the format's published columns, else each header by its name. */
export function suggestMapping(headers: readonly string[], format: CsvFormat): ColumnMapping {
  const fieldOf =
    format === 'google'
      ? googleField
      : format === 'outlook'
        ? (key: string) => outlookColumns[key] ?? 'ignore'
        : genericField;
  return headers.map((header) => fieldOf(headerKey(header)));
}

const namingFields: ReadonlySet<ImportField> = new Set([
  'name',
  'givenName',
  'middleName',
  'familyName',
  'organization',
  'email',
]);

/** Why a mapping cannot import anything (no column to name or email), or null when it can. */
export function mappingProblem(mapping: readonly ImportField[]): string | null {
  if (mapping.some((field) => namingFields.has(field))) return null;
  return 'No column gives a name or an email: map at least one column to name, given name, family name, organization or email.';
}

const isBlank = (value: string) => !/\S/.test(value);

/** Group names from one cell: Google joins them with " ::: ", Outlook with ";", others ";" or ",". */
export function splitLabels(cell: string, format: CsvFormat): string[] {
  const separator = format === 'google' ? / ::: / : format === 'outlook' ? /;/ : /\s*:::\s*|[;,]/;
  if (!separator.test(cell)) return isBlank(cell) ? [] : [cell.trim()];
  return cell
    .split(separator)
    .map((label) => label.trim())
    .filter((label) => label !== '');
}

// ---------------------------------------------------------------------------------------------
// Candidates

type Outcome = { candidate: ContactCandidate } | { problem: string };

/** Names, an organization and a phone are one line; a note keeps its line breaks. */
const oneLine = (value: string) => singleSpaced(value).trim();
const keepLines = (value: string) => value.replace(/\r\n?/g, '\n').trim();

/** Google puts several values of one label in one cell, joined by " ::: ". */
const splitMulti = (value: string) => (value.includes(':::') ? value.split(/\s*:::\s*/) : [value]);
/** An email cell may list several addresses; no address holds a bare comma or semicolon. */
const splitEmails = (value: string) =>
  /[:;,]/.test(value) ? value.split(/\s*(?::::|[;,])\s*/) : [value];

const phoneKey = (phone: string) => {
  const digits = phone.replace(/[^\d+]/g, '');
  return digits === '' ? phone.toLowerCase() : digits;
};

/**
 * Where a value stands, for a problem: its source, and which of the cell's values it is when
 * the cell holds several. Never the value itself: a problem is kept with the import while the
 * row never became a contact, so erasing the person could not reach it (PRODUCT.md §3.2, §8).
 */
const placeOf = (source: string, index: number, count: number, noun: string) =>
  count > 1 ? `${source}: ${noun} ${index + 1} of ${count}` : source;

const sourcesOf = (values: readonly SourcedValue[]) =>
  [...new Set(values.map((v) => v.source))].join(' + ');

/**
 * A record's values as a contact, or why it cannot be one. Every value is trimmed; several
 * values of a name part are joined with a space (two columns mapped to "given name"), notes
 * with a blank line; the first organization wins. Emails and phones keep their order without
 * repeats. Limits are the API's (platform/fields.ts, contacts' name parts): a value over one is
 * a problem naming its source, never cut short. A problem names the column or property and
 * what is wrong, never the value (`placeOf`). A middle name has no place of its own in a
 * contact: it is kept in the display name only.
 */
export function candidateOf(values: readonly SourcedValue[]): Outcome {
  const problems: string[] = [];
  // The values of each field, blank ones left out: one pass (this runs for every record).
  const byFieldOf: Partial<Record<ValueField, SourcedValue[]>> = {};
  for (const v of values) {
    if (isBlank(v.value)) continue;
    const list = byFieldOf[v.field];
    if (list) list.push(v);
    else byFieldOf[v.field] = [v];
  }
  const byField = (field: ValueField): readonly SourcedValue[] => byFieldOf[field] ?? [];

  const text = (field: ValueField, max: number, joiner = ' '): string | null => {
    const found = byField(field);
    if (found.length === 0) return null;
    const joined =
      field === 'notes'
        ? found.map((v) => keepLines(v.value)).join(joiner)
        : oneLine(found.map((v) => v.value).join(joiner));
    if (joined.length > max) problems.push(`${sourcesOf(found)} is longer than ${max} characters`);
    return joined;
  };

  const explicitName = text('name', limits.name);
  const honorific = text('honorific', namePartLimits.honorific);
  const givenName = text('givenName', namePartLimits.givenName);
  const middleName = text('middleName', limits.name);
  const familyName = text('familyName', namePartLimits.familyName);
  const suffix = text('suffix', namePartLimits.suffix);
  const notes = text('notes', limits.notes, '\n\n');

  const organizationValue = byField('organization')[0];
  const organization = organizationValue ? oneLine(organizationValue.value) : null;
  if (organizationValue && organization && organization.length > limits.shortText)
    problems.push(`${organizationValue.source} is longer than ${limits.shortText} characters`);

  // A record holds a few emails, phones and labels: arrays, not sets, keep them apart.
  const emails: string[] = [];
  const emailKeys: string[] = [];
  for (const { source, value } of byField('email')) {
    const parts = splitEmails(value.trim()).filter((part) => part !== '');
    parts.forEach((part, i) => {
      const parsed = ZEmail.safeParse(part);
      if (!parsed.success) {
        problems.push(`${placeOf(source, i, parts.length, 'address')} is not an email address`);
        return;
      }
      const key = parsed.data.toLowerCase();
      if (emailKeys.includes(key)) return;
      emailKeys.push(key);
      emails.push(parsed.data);
    });
  }

  const phones: string[] = [];
  const phoneKeys: string[] = [];
  for (const { source, value } of byField('phone')) {
    const parts = splitMulti(value)
      .map(oneLine)
      .filter((part) => part !== '');
    parts.forEach((part, i) => {
      if (part.length > limits.phone) {
        problems.push(
          `${placeOf(source, i, parts.length, 'phone')} is longer than ${limits.phone} characters`,
        );
        return;
      }
      const key = phoneKey(part);
      if (phoneKeys.includes(key)) return;
      phoneKeys.push(key);
      phones.push(part);
    });
  }

  const labels: string[] = [];
  const labelKeys: string[] = [];
  for (const { source, value } of byField('labels')) {
    const label = oneLine(value);
    // Google's system groups ("* myContacts", "* starred") are not the user's.
    if (label.startsWith('* ')) continue;
    if (label.length > limits.name) {
      problems.push(`${source} holds a label longer than ${limits.name} characters`);
      continue;
    }
    const key = label.toLowerCase();
    if (labelKeys.includes(key)) continue;
    labelKeys.push(key);
    labels.push(label);
  }

  const composed = composeName({
    honorific,
    givenName: givenName && middleName ? `${givenName} ${middleName}` : givenName || middleName,
    familyName,
    suffix,
  });
  const name = explicitName || composed || organization || emails[0] || phones[0] || '';
  if (name === '' && problems.length === 0) return { problem: 'has no name, email or phone' };
  if (!explicitName && composed.length > limits.name)
    problems.push(
      `the name made of ${sourcesOf([...byField('honorific'), ...byField('givenName'), ...byField('middleName'), ...byField('familyName'), ...byField('suffix')])} is longer than ${limits.name} characters`,
    );
  if (values.some((v) => v.field !== 'labels' && v.value.includes('\u0000')))
    problems.push('holds a NUL character (U+0000)');
  // Two bad values of one source (vCard's EMAIL twice) make one message.
  if (problems.length > 0) return { problem: [...new Set(problems)].join('; ') };

  return {
    candidate: {
      name,
      honorific,
      givenName,
      familyName,
      suffix,
      emails,
      phones,
      organization: organization || null,
      notes,
      labels,
    },
  };
}

/**
 * A CSV record as a candidate: each cell goes where the mapping puts it, named by its header.
 * Cells beyond the mapping are ignored; missing ones are empty.
 */
export function candidateOfCells(
  cells: readonly string[],
  headers: readonly string[],
  mapping: readonly ImportField[],
  format: CsvFormat,
): Outcome {
  const values: SourcedValue[] = [];
  mapping.forEach((field, i) => {
    const value = cells[i] ?? '';
    if (field === 'ignore' || isBlank(value)) return;
    const source = headers[i] || `column ${i + 1}`;
    if (field === 'labels')
      for (const label of splitLabels(value, format)) values.push({ field, source, value: label });
    else values.push({ field, source, value });
  });
  return candidateOf(values);
}

/** A record with nothing in any cell: skipped, neither imported nor counted as a problem. */
export const isBlankRecord = (cells: readonly string[]): boolean => cells.every(isBlank);

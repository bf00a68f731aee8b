/**
 * Reading vCard files (2.1, 3.0 RFC 2426, 4.0 RFC 6350) as a stream of cards (issue 13).
 *
 * Written here: no maintained library reads 2.1 (quoted-printable values with soft line
 * breaks, bare parameters, a CHARSET per property) and streams; they parse a whole string.
 * This reader works on bytes, line by line, and keeps only the properties a contact can hold:
 * a photo, however long and however folded, is passed over without being gathered.
 */
import { fieldError } from '../platform/errors.ts';
import {
  candidateOf,
  type ImportRecord,
  type OpenBytes,
  type SourcedValue,
} from './import-columns.rules.ts';

/** A physical line longer than this is cut: a photo's line may be, and nothing kept is. */
export const maxLineBytes = 256 * 1024;
/** What one card may hold, photos and other skipped properties aside. */
const maxCardBytes = 1024 * 1024;

type PhysicalLine = { bytes: Uint8Array; number: number };

/** The lines of a byte stream (LF or CRLF), numbered from 1, each cut at `maxLineBytes`. */
export async function* physicalLines(
  chunks: AsyncIterable<Uint8Array>,
): AsyncGenerator<PhysicalLine> {
  let pieces: Uint8Array[] = [];
  let size = 0;
  let number = 1;
  const take = (piece: Uint8Array) => {
    const room = maxLineBytes - size;
    if (room <= 0 || piece.length === 0) return;
    const kept = piece.length > room ? piece.subarray(0, room) : piece;
    // A copy: the caller may reuse the chunk's buffer.
    pieces.push(kept.slice());
    size += kept.length;
  };
  const line = (): PhysicalLine => {
    let bytes = pieces.length === 1 ? (pieces[0] as Uint8Array) : concat(pieces, size);
    if (bytes[bytes.length - 1] === 0x0d) bytes = bytes.subarray(0, bytes.length - 1);
    pieces = [];
    size = 0;
    return { bytes, number: number++ };
  };
  for await (const chunk of chunks) {
    let start = 0;
    for (let end = chunk.indexOf(0x0a); end !== -1; end = chunk.indexOf(0x0a, start)) {
      take(chunk.subarray(start, end));
      yield line();
      start = end + 1;
    }
    take(chunk.subarray(start));
  }
  if (size > 0) yield line();
}

function concat(pieces: readonly Uint8Array[], size: number): Uint8Array {
  const out = new Uint8Array(size);
  let at = 0;
  for (const piece of pieces) {
    out.set(piece, at);
    at += piece.length;
  }
  return out;
}

const latin1 = new TextDecoder('latin1');
const utf8Fatal = new TextDecoder('utf-8', { fatal: true });
const windows1252 = new TextDecoder('windows-1252');

/** Text in the named charset; without one (or an unknown one), UTF-8 if it is, else Windows-1252. */
function decodeValue(bytes: Uint8Array, charset: string | undefined): string {
  if (charset && !/^utf-?8$/i.test(charset)) {
    try {
      return new TextDecoder(charset).decode(bytes);
    } catch {
      // An encoding Node does not know: guess as if none were named.
    }
  }
  try {
    return utf8Fatal.decode(bytes);
  } catch {
    return windows1252.decode(bytes);
  }
}

const hexValue = (byte: number | undefined): number => {
  if (byte === undefined) return -1;
  if (byte >= 0x30 && byte <= 0x39) return byte - 0x30;
  if (byte >= 0x41 && byte <= 0x46) return byte - 0x37;
  if (byte >= 0x61 && byte <= 0x66) return byte - 0x57;
  return -1;
};

/** Quoted-printable (RFC 2045 §6.7) to bytes; soft line breaks were joined before. */
export function decodeQuotedPrintable(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length);
  let n = 0;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i] as number;
    const high = byte === 0x3d ? hexValue(bytes[i + 1]) : -1;
    const low = high >= 0 ? hexValue(bytes[i + 2]) : -1;
    if (low >= 0) {
      out[n++] = high * 16 + low;
      i += 2;
    } else out[n++] = byte;
  }
  return out.subarray(0, n);
}

/** A text value's escapes (RFC 6350 §3.4): \n is a line break, \, \; \\ the character. */
export function unescapeText(value: string): string {
  return value.replace(/\\(.)/gs, (_, ch: string) => (ch === 'n' || ch === 'N' ? '\n' : ch));
}

/** A structured value's components, split where the separator is not escaped. */
export function splitUnescaped(value: string, separator: ',' | ';'): string[] {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < value.length; i++) {
    if (value[i] === '\\') i++;
    else if (value[i] === separator) {
      parts.push(value.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(value.slice(start));
  return parts;
}

type Property = {
  name: string;
  /** Parameter names (upper case) and their values; a 2.1 bare parameter (`WORK`) is a TYPE. */
  params: Map<string, string[]>;
  encoding: 'quoted-printable' | 'base64' | null;
  /** Whether its value is gathered (a property a contact holds) or passed over. */
  isKept: boolean;
  pieces: Uint8Array[];
  size: number;
  /** A quoted-printable line ended with `=`: the next line goes on. */
  isSoftBreak: boolean;
};

const keptProperties = new Set([
  'BEGIN',
  'END',
  'VERSION',
  'FN',
  'N',
  'EMAIL',
  'TEL',
  'ORG',
  'NOTE',
  'CATEGORIES',
]);

/** The name and parameters before the first `:` outside quotes, or null for a line that is none. */
function parseProperty(bytes: Uint8Array): { property: Property; valueStart: number } | null {
  let colon = -1;
  let isQuoted = false;
  for (let i = 0; i < bytes.length && i < 4096; i++) {
    if (bytes[i] === 0x22) isQuoted = !isQuoted;
    else if (bytes[i] === 0x3a && !isQuoted) {
      colon = i;
      break;
    }
  }
  if (colon <= 0) return null;
  const [rawName = '', ...rawParams] = splitParams(latin1.decode(bytes.subarray(0, colon)));
  const name = rawName
    .slice(rawName.lastIndexOf('.') + 1)
    .trim()
    .toUpperCase();
  if (!/^[A-Z0-9-]+$/.test(name)) return null;
  const params = new Map<string, string[]>();
  for (const raw of rawParams) {
    const eq = raw.indexOf('=');
    const key = eq < 0 ? 'TYPE' : raw.slice(0, eq).trim().toUpperCase();
    const values = (eq < 0 ? raw : raw.slice(eq + 1))
      .split(',')
      .map((v) => v.trim().replace(/^"|"$/g, ''))
      .filter(Boolean);
    params.set(key, [...(params.get(key) ?? []), ...values]);
  }
  // 2.1 writes the encoding bare too: `NOTE;QUOTED-PRINTABLE:`.
  const encodings = [...(params.get('ENCODING') ?? []), ...(params.get('TYPE') ?? [])].map((v) =>
    v.toUpperCase(),
  );
  const encoding = encodings.includes('QUOTED-PRINTABLE')
    ? 'quoted-printable'
    : encodings.some((v) => v === 'B' || v === 'BASE64')
      ? 'base64'
      : null;
  return {
    property: {
      name,
      params,
      encoding,
      isKept: keptProperties.has(name),
      pieces: [],
      size: 0,
      isSoftBreak: false,
    },
    valueStart: colon + 1,
  };
}

/** The `;`-separated parts of a property's name and parameters, quotes respected. */
function splitParams(head: string): string[] {
  const parts: string[] = [];
  let start = 0;
  let isQuoted = false;
  for (let i = 0; i < head.length; i++) {
    if (head[i] === '"') isQuoted = !isQuoted;
    else if (head[i] === ';' && !isQuoted) {
      parts.push(head.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(head.slice(start));
  return parts;
}

/** A property's value as text: transfer encoding undone, charset applied, still escaped. */
function textOf(property: Property): string {
  let bytes = concat(property.pieces, property.size);
  if (property.encoding === 'quoted-printable') bytes = decodeQuotedPrintable(bytes);
  else if (property.encoding === 'base64')
    bytes = Buffer.from(latin1.decode(bytes).replace(/\s+/g, ''), 'base64');
  return decodeValue(bytes, property.params.get('CHARSET')?.[0]);
}

/** Preferred first (TYPE=pref in 3.0, PREF=1 in 4.0, bare PREF in 2.1), else as written. */
const preference = (property: Property) => {
  const pref = Number(property.params.get('PREF')?.[0]);
  if (Number.isFinite(pref)) return pref;
  return property.params.get('TYPE')?.some((t) => t.toUpperCase() === 'PREF') ? 0 : 101;
};

type Card = {
  line: number;
  version: string;
  size: number;
  name: string | null;
  parts: string[] | null;
  emails: { value: string; preference: number }[];
  phones: { value: string; preference: number }[];
  values: SourcedValue[];
};

const newCard = (line: number): Card => ({
  line,
  version: '',
  size: 0,
  name: null,
  parts: null,
  emails: [],
  phones: [],
  values: [],
});

const nPartFields = ['familyName', 'givenName', 'middleName', 'honorific', 'suffix'] as const;

/** Adds a finished property to its card. */
function addProperty(card: Card, property: Property): void {
  const text = textOf(property);
  const byPreference = { preference: preference(property) };
  switch (property.name) {
    case 'VERSION':
      card.version = text.trim();
      break;
    case 'FN':
      card.name ??= unescapeText(text);
      break;
    case 'N':
      card.parts ??= splitUnescaped(text, ';').map((part) =>
        splitUnescaped(part, ',').map(unescapeText).join(' '),
      );
      break;
    case 'EMAIL':
      card.emails.push({ value: unescapeText(text).replace(/^mailto:/i, ''), ...byPreference });
      break;
    case 'TEL':
      card.phones.push({ value: unescapeText(text).replace(/^tel:/i, ''), ...byPreference });
      break;
    case 'ORG':
      card.values.push({
        field: 'organization',
        source: 'ORG',
        value: unescapeText(splitUnescaped(text, ';')[0] ?? ''),
      });
      break;
    case 'NOTE':
      card.values.push({ field: 'notes', source: 'NOTE', value: unescapeText(text) });
      break;
    case 'CATEGORIES':
      for (const label of splitUnescaped(text, ','))
        card.values.push({ field: 'labels', source: 'CATEGORIES', value: unescapeText(label) });
      break;
  }
}

/** The card as a record: a candidate, or why it cannot be one. */
function recordOf(card: Card): ImportRecord {
  if (card.size > maxCardBytes)
    return { line: card.line, problem: 'the card holds more than 1 MB of text (photos aside)' };
  const values: SourcedValue[] = [];
  if (card.name !== null) values.push({ field: 'name', source: 'FN', value: card.name });
  card.parts?.forEach((value, i) => {
    const field = nPartFields[i];
    if (field) values.push({ field, source: 'N', value });
  });
  const ordered = <T extends { preference: number }>(list: T[]) =>
    list
      .map((item, i) => ({ ...item, i }))
      .sort((a, b) => a.preference - b.preference || a.i - b.i);
  for (const { value } of ordered(card.emails))
    values.push({ field: 'email', source: 'EMAIL', value });
  for (const { value } of ordered(card.phones))
    values.push({ field: 'phone', source: 'TEL', value });
  values.push(...card.values);
  return { line: card.line, ...candidateOf(values) };
}

const startsWithWhitespace = (bytes: Uint8Array) => bytes[0] === 0x20 || bytes[0] === 0x09;
const endsWithEquals = (bytes: Uint8Array) => bytes[bytes.length - 1] === 0x3d;

/**
 * The cards of a vCard file, in order, each a candidate or a problem, numbered by their
 * BEGIN:VCARD line. Folded lines are unfolded (a 2.1 fold keeps its space, RFC 2426 and 6350
 * drop it), quoted-printable soft line breaks joined. A card cut short by the end of the file
 * or by the next BEGIN:VCARD is a problem.
 */
export async function* readVcardRecords(open: OpenBytes): AsyncGenerator<ImportRecord> {
  let card = null as Card | null;
  let property: Property | null = null;

  const append = (bytes: Uint8Array) => {
    if (!property) return;
    property.isSoftBreak = property.encoding === 'quoted-printable' && endsWithEquals(bytes);
    // Between cards only a BEGIN counts, and it is short.
    if (!property.isKept || (!card && property.name !== 'BEGIN')) return;
    const piece = property.isSoftBreak ? bytes.subarray(0, bytes.length - 1) : bytes;
    const size = (card?.size ?? property.size) + piece.length;
    if (card) card.size = size;
    if (size > (card ? maxCardBytes : 64)) return;
    property.pieces.push(piece);
    property.size += piece.length;
  };

  /** Ends the property being read; a BEGIN or END may end the card too, or start one. */
  function* finish(line: number): Generator<ImportRecord> {
    const done = property;
    property = null;
    if (!done) return;
    if (done.name === 'BEGIN' || done.name === 'END') {
      if (textOf(done).trim().toUpperCase() !== 'VCARD') return;
      if (done.name === 'BEGIN') {
        if (card)
          yield {
            line: card.line,
            problem: 'the card has no END:VCARD line before the next BEGIN:VCARD',
          };
        card = newCard(line);
      } else if (card) {
        yield recordOf(card);
        card = null;
      }
      return;
    }
    if (card && done.isKept && card.size <= maxCardBytes) addProperty(card, done);
  }

  let propertyLine = 0;
  let isFirst = true;
  for await (const { bytes: read, number } of physicalLines(open())) {
    let bytes = read;
    if (isFirst && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
      bytes = bytes.subarray(3);
    isFirst = false;
    if (property?.isSoftBreak) {
      append(bytes);
      continue;
    }
    if (property && startsWithWhitespace(bytes)) {
      // vCard 2.1 folds at a space that belongs to the value; 3.0 and 4.0 insert one.
      append(card?.version === '2.1' ? bytes : bytes.subarray(1));
      continue;
    }
    yield* finish(propertyLine);
    const parsed = parseProperty(bytes);
    if (!parsed) continue;
    property = parsed.property;
    propertyLine = number;
    append(bytes.subarray(parsed.valueStart));
  }
  yield* finish(propertyLine);
  if (card !== null)
    yield {
      line: card.line,
      problem: 'the card has no END:VCARD line: the file ends inside it',
    };
}

/** How many cards a vCard file holds; refused when it holds none. */
export async function countVcards(open: OpenBytes): Promise<number> {
  let rows = 0;
  for await (const _ of readVcardRecords(open)) rows++;
  if (rows === 0)
    throw fieldError('file', 'holds no vCard (no BEGIN:VCARD line).', 'unprocessable');
  return rows;
}

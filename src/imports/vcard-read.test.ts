import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ImportRecord, OpenBytes } from './import-columns.rules.ts';
import {
  countVcards,
  decodeQuotedPrintable,
  maxLineBytes,
  physicalLines,
  readVcardRecords,
  splitUnescaped,
  unescapeText,
} from './vcard-read.ts';

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, 'fixtures', name));

const openOf = (bytes: Uint8Array, size = 64 * 1024): OpenBytes =>
  async function* () {
    for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
  };
const utf8 = (text: string) => new TextEncoder().encode(text);

async function cards(bytes: Uint8Array, size?: number): Promise<ImportRecord[]> {
  const all: ImportRecord[] = [];
  for await (const record of readVcardRecords(openOf(bytes, size))) all.push(record);
  return all;
}

const person = {
  honorific: null,
  givenName: null,
  familyName: null,
  suffix: null,
  emails: [],
  phones: [],
  organization: null,
  notes: null,
  labels: [],
};

describe('the pieces of a value', () => {
  it('decodes quoted-printable, leaving a stray = as it is', () => {
    const bytes = decodeQuotedPrintable(utf8('M=C3=BCller =3D 1=2 =zz='));
    expect(new TextDecoder().decode(bytes)).toBe('Müller = 1=2 =zz=');
  });

  it('unescapes text and splits structured values where the separator is not escaped', () => {
    expect(unescapeText('a\\, b\\; c\\nd\\N\\\\e')).toBe('a, b; c\nd\n\\e');
    expect(splitUnescaped('Reyes;Alan\\;J.;;Dr.', ';')).toEqual(['Reyes', 'Alan\\;J.', '', 'Dr.']);
    expect(splitUnescaped('a\\\\,b', ',')).toEqual(['a\\\\', 'b']);
  });

  it('splits lines on LF and CRLF, numbering them, and cuts a line too long to keep', async () => {
    const long = 'x'.repeat(maxLineBytes + 10);
    const lines = [];
    for await (const line of physicalLines(openOf(utf8(`a\r\nb\n\n${long}\nc`), 7)()))
      lines.push([line.number, line.bytes.length]);
    expect(lines).toEqual([
      [1, 1],
      [2, 1],
      [3, 0],
      [4, maxLineBytes],
      [5, 1],
    ]);
  });
});

describe('readVcardRecords', () => {
  it('reads vCard 2.1: quoted-printable with soft breaks and charsets, bare parameters, a photo', async () => {
    const records = await cards(fixture('contacts-21.vcf'));
    expect(records).toEqual([
      {
        line: 1,
        candidate: {
          ...person,
          name: 'Jürgen Müller',
          givenName: 'Jürgen',
          familyName: 'Müller',
          // PREF first, then as written.
          emails: ['juergen@mueller.example', 'j.mueller@work.example'],
          phones: ['+49 30 901820', '+49 151 2345678'],
          organization: 'Müller GmbH',
          notes:
            'Met at the trade fair in Köln.\nFollow up in spring — about the Grünwald project and the new office in München, which is a long sentence to force a soft line break.',
        },
      },
      {
        line: 72,
        candidate: {
          ...person,
          name: 'Mme Zoë Lefèvre',
          honorific: 'Mme',
          givenName: 'Zoë',
          familyName: 'Lefèvre',
          phones: ['+33 1 42 68 53 00'],
          // No CHARSET and not UTF-8: Windows-1252, as Outlook writes it.
          organization: 'Café Zoë',
        },
      },
      { line: 78, problem: 'EMAIL is not an email address' },
      { line: 83, problem: 'the card has no END:VCARD line: the file ends inside it' },
    ]);
  });

  it('reads vCard 3.0: groups, TYPE=pref, escapes, a folded note, categories, a folded photo', async () => {
    expect(await cards(fixture('contacts-30.vcf'))).toEqual([
      {
        line: 1,
        candidate: {
          ...person,
          name: 'Dr. Alan J. Reyes Jr.',
          honorific: 'Dr.',
          givenName: 'Alan',
          familyName: 'Reyes',
          suffix: 'Jr.',
          emails: ['alan@reyes.example', 'alan@home.example'],
          phones: ['+1 (555) 010-0199', '+1 555 0100'],
          organization: 'Reyes & Co',
          notes:
            'Introduced by Priya, at the spring dinner.\nLikes sailing; hates golf. This note is folded by the writer at seventy-five octets, as RFC 2426 says.',
          labels: ['Clients', 'Sailing, Boats'],
        },
      },
      {
        line: 72,
        candidate: {
          ...person,
          name: 'Harbour Moorings Ltd',
          organization: 'Harbour Moorings Ltd',
          phones: ['+44 20 7946 0958'],
        },
      },
    ]);
  });

  it('reads vCard 4.0: PREF=n, tel: URIs, a fold through a UTF-8 character, a data: photo', async () => {
    expect(await cards(fixture('contacts-40.vcf'))).toEqual([
      {
        line: 1,
        candidate: {
          ...person,
          name: 'Zoë Anna Novak',
          givenName: 'Zoë',
          familyName: 'Novak',
          emails: ['zoe@home.example', 'zoe@work.example'],
          phones: ['+1-555-555-0123'],
          notes: 'Zoë likes 🌊 and ⛵. '.repeat(4).trim(),
        },
      },
    ]);
  });

  it('reads the same cards whatever the chunks, down to one byte', async () => {
    for (const name of ['contacts-21.vcf', 'contacts-30.vcf', 'contacts-40.vcf']) {
      const bytes = fixture(name);
      const whole = await cards(bytes);
      expect(await cards(bytes, 1)).toEqual(whole);
      expect(await cards(bytes, 5)).toEqual(whole);
    }
  });

  it('unfolds 2.1 keeping the space it folded at, and 3.0 and 4.0 dropping the one they added', async () => {
    const card = (version: string) =>
      utf8(
        `BEGIN:VCARD\r\nVERSION:${version}\r\nFN:Ann\r\nNOTE:a long\r\n note, fo\r\n\tlded\r\nEND:VCARD\r\n`,
      );
    expect(await cards(card('2.1'))).toMatchObject([
      { candidate: { notes: 'a long note, fo\tlded' } },
    ]);
    expect(await cards(card('3.0'))).toMatchObject([
      { candidate: { notes: 'a longnote, folded' } },
    ]);
  });

  it('ends a card that the next BEGIN:VCARD cuts short, and ignores lines between cards', async () => {
    const text = [
      'junk before',
      'BEGIN:VCARD',
      'FN:First',
      'BEGIN:vcard',
      'FN:Second',
      'EMAIL:second@example.com',
      'end:VCARD',
      '',
      'NOTE:between cards',
      'BEGIN:VCARD',
      'VERSION:3.0',
      'END:VCARD',
    ].join('\r\n');
    expect(await cards(utf8(text))).toEqual([
      { line: 2, problem: 'the card has no END:VCARD line before the next BEGIN:VCARD' },
      {
        line: 4,
        candidate: { ...person, name: 'Second', emails: ['second@example.com'] },
      },
      { line: 10, problem: 'has no name, email or phone' },
    ]);
  });

  it('passes over a 2 MB photo line and long folded properties without gathering them', async () => {
    const photo = 'A'.repeat(2 * 1024 * 1024);
    const folded = Array.from({ length: 20_000 }, () => ` ${'B'.repeat(74)}`).join('\n');
    const text = `BEGIN:VCARD\nVERSION:3.0\nFN:Big Photo\nPHOTO;ENCODING=b:${photo}\nX-BLOB:x\n${folded}\nEMAIL:big@example.com\nEND:VCARD\n`;
    expect(await cards(utf8(text), 64 * 1024)).toEqual([
      {
        line: 1,
        candidate: { ...person, name: 'Big Photo', emails: ['big@example.com'] },
      },
    ]);
  });

  it('makes a note over the limit a problem rather than cutting it', async () => {
    const note = 'n'.repeat(20_001);
    expect(await cards(utf8(`BEGIN:VCARD\nFN:Long\nNOTE:${note}\nEND:VCARD\n`))).toEqual([
      { line: 1, problem: 'NOTE is longer than 20000 characters' },
    ]);
  });

  it('reads base64 text values and drops mailto: from an email', async () => {
    const b64 = Buffer.from('Zoë Novak').toString('base64');
    expect(
      await cards(
        utf8(
          `BEGIN:VCARD\nFN;ENCODING=b;CHARSET=UTF-8:${b64}\nEMAIL:mailto:zoe@example.com\nEND:VCARD\n`,
        ),
      ),
    ).toEqual([
      { line: 1, candidate: { ...person, name: 'Zoë Novak', emails: ['zoe@example.com'] } },
    ]);
  });

  it('counts the cards, and refuses a file with none', async () => {
    expect(await countVcards(openOf(fixture('contacts-21.vcf')))).toBe(4);
    await expect(
      countVcards(openOf(utf8('BEGIN:VCALENDAR\nEND:VCALENDAR\n'))),
    ).rejects.toMatchObject({
      code: 'unprocessable',
      errors: [{ field: 'file', message: 'holds no vCard (no BEGIN:VCARD line).' }],
    });
  });
});

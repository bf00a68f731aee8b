import { readFileSync } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { AppError } from '../platform/errors.ts';
import {
  type FileShape,
  type ImportRecord,
  inspectFile,
  type OpenBytes,
  readRecords,
} from './import-file.ts';

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, 'fixtures', name));

const openOf = (bytes: Uint8Array, size = 64 * 1024): OpenBytes =>
  async function* () {
    for (let i = 0; i < bytes.length; i += size) yield bytes.slice(i, i + size);
  };

async function readAll(bytes: Uint8Array, size?: number) {
  const open = openOf(bytes, size);
  const shape = await inspectFile(open);
  const records: ImportRecord[] = [];
  for await (const record of readRecords(open, shape, shape.kind === 'csv' ? shape.mapping : []))
    records.push(record);
  return { shape, records };
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

describe('inspectFile and readRecords on exports as Google, Outlook and others write them', () => {
  it('reads a Google Contacts CSV (BOM, UTF-8, labels, two emails, a quoted newline)', async () => {
    const { shape, records } = await readAll(fixture('google-contacts.csv'));
    expect(shape).toMatchObject({
      kind: 'csv',
      format: 'google',
      encoding: 'utf-8',
      delimiter: ',',
      rows: 6,
    });
    if (shape.kind !== 'csv') throw new Error('a CSV');
    expect(shape.headers[0]).toBe('First Name');
    expect(shape.headers).toHaveLength(36);
    expect(records).toEqual([
      {
        line: 2,
        candidate: {
          ...person,
          name: 'Zoë Müller',
          givenName: 'Zoë',
          familyName: 'Müller',
          emails: ['zoe@example.com', 'zoe.mueller@steuer.example'],
          phones: ['+49 170 1234567'],
          organization: 'Müller Steuerberatung',
          notes: 'Met at the Berlin conference.\nPrefers email.',
          labels: ['Friends'],
        },
      },
      // The record above spans four lines: its note and its address each hold a line break.
      {
        line: 6,
        candidate: {
          ...person,
          name: 'Dr. Alan J. Reyes Jr.',
          honorific: 'Dr.',
          givenName: 'Alan',
          familyName: 'Reyes',
          suffix: 'Jr.',
          emails: ['alan@reyes.example', 'a.reyes@reyes.example'],
          phones: ['+1 555 0100', '+1 555 0199'],
          organization: 'Reyes & Co',
          labels: ['Colleagues', 'Friends'],
        },
      },
      { line: 7, problem: 'E-mail 1 - Value is not an email address' },
      // Line 8 has nothing in it: skipped, not counted.
      {
        line: 9,
        candidate: {
          ...person,
          name: 'Acme Accounting Ltd',
          organization: 'Acme Accounting Ltd',
          phones: ['020 7946 0000'],
          labels: ['Suppliers'],
        },
      },
      { line: 10, problem: 'has no name, email or phone' },
      {
        line: 11,
        candidate: { ...person, name: 'sam@example.net', emails: ['sam@example.net'] },
      },
    ]);
  });

  it('reads the older Google CSV (Given Name, Group Membership, Organization 1 - Name)', async () => {
    const { shape, records } = await readAll(fixture('google-legacy.csv'));
    expect(shape).toMatchObject({ format: 'google', rows: 2 });
    expect(records).toEqual([
      {
        line: 2,
        candidate: {
          ...person,
          name: 'Priya Natarajan',
          givenName: 'Priya',
          familyName: 'Natarajan',
          emails: ['priya@natarajan.example'],
          phones: ['+44 7700 900123'],
          organization: 'Natarajan Law',
          labels: ['Clients'],
        },
      },
      {
        line: 3,
        candidate: {
          ...person,
          name: "Tom O'Brien",
          givenName: 'Tom',
          familyName: "O'Brien",
          emails: ['tom@obrien.example'],
          notes: 'Plays golf on Saturdays, "weather permitting".',
          labels: ['Golf'],
        },
      },
    ]);
  });

  it('reads an Outlook CSV in Windows-1252 (Müller, Zoë, €), categories split on ";"', async () => {
    const { shape, records } = await readAll(fixture('outlook.csv'));
    expect(shape).toMatchObject({ format: 'outlook', encoding: 'windows-1252', rows: 3 });
    expect(records).toEqual([
      {
        line: 2,
        candidate: {
          ...person,
          name: 'Dr. Jürgen Müller',
          honorific: 'Dr.',
          givenName: 'Jürgen',
          familyName: 'Müller',
          emails: ['juergen@mueller-soehne.example'],
          phones: ['+49 30 901820', '+49 151 2345678'],
          organization: 'Müller & Söhne GmbH',
          notes: 'Costs € 1.200 per year – ask about the réduction.',
          labels: ['Clients', 'Golf'],
        },
      },
      {
        line: 3,
        candidate: {
          ...person,
          name: 'Zoë Lefèvre',
          givenName: 'Zoë',
          familyName: 'Lefèvre',
          emails: ['zoe@cafe-zoe.example'],
          phones: ['+33 1 42 68 53 00'],
          organization: 'Café Zoë',
          labels: ['Suppliers'],
        },
      },
      { line: 4, problem: 'E-mail Address is not an email address' },
    ]);
  });

  it('reads a CSV saved by a European Excel: semicolons, decimal commas, CRLF in a cell', async () => {
    const { shape, records } = await readAll(fixture('outlook-semicolon.csv'));
    expect(shape).toMatchObject({
      format: 'outlook',
      delimiter: ';',
      encoding: 'windows-1252',
      mapping: ['givenName', 'familyName', 'organization', 'email', 'phone', 'labels', 'notes'],
      rows: 3,
    });
    expect(records.map((r) => ('candidate' in r ? [r.line, r.candidate.name] : r))).toEqual([
      [2, 'Jürgen Müller'],
      [3, 'Zoë Lefèvre'],
      [4, 'Ola Nordmann'],
    ]);
    expect(records[0]).toMatchObject({
      candidate: {
        organization: 'Müller, Schmidt & Partner',
        notes: 'Budget 1.200,50 €',
        labels: ['Clients', 'Golf'],
      },
    });
    expect(records[2]).toMatchObject({ candidate: { notes: 'Line one\nLine two' } });
  });

  it('reads a tab-separated CSV of its own by its header names', async () => {
    const { shape, records } = await readAll(fixture('generic.csv'));
    expect(shape).toEqual({
      kind: 'csv',
      format: 'csv',
      encoding: 'utf-8',
      delimiter: '\t',
      headers: [
        'Full name',
        'E-Mail',
        'Cell phone',
        'Employer',
        'Tags',
        'Comments',
        'Birthday',
        '',
      ],
      mapping: ['name', 'email', 'phone', 'organization', 'labels', 'notes', 'ignore', 'ignore'],
      rows: 3,
    });
    expect(records).toEqual([
      {
        line: 2,
        candidate: {
          ...person,
          name: 'Kim Park',
          emails: ['kim@park.example'],
          phones: ['+1 212 555 0142'],
          organization: 'Park Design',
          notes: 'Introduced by Alan',
          labels: ['vip', 'golf'],
        },
      },
      {
        line: 4,
        candidate: {
          ...person,
          name: 'Lee Wong',
          emails: ['lee@wong.example', 'lee.wong@gmail.example'],
          notes: 'Two addresses in one cell',
        },
      },
      { line: 5, candidate: { ...person, name: 'No Contact Details', labels: ['newsletter'] } },
    ]);
  });

  it('follows a mapping the user changed', async () => {
    const open = openOf(fixture('generic.csv'));
    const shape = await inspectFile(open);
    const records: ImportRecord[] = [];
    const mapping = [
      'name',
      'ignore',
      'ignore',
      'ignore',
      'ignore',
      'ignore',
      'notes',
      'ignore',
    ] as const;
    for await (const record of readRecords(open, shape, [...mapping])) records.push(record);
    expect(records[1]).toEqual({
      line: 4,
      candidate: { ...person, name: 'Lee Wong', notes: '1980-04-01' },
    });
  });

  it('reads vCard 2.1, 3.0 and 4.0 files, counting their cards', async () => {
    for (const [name, rows] of [
      ['contacts-21.vcf', 4],
      ['contacts-30.vcf', 2],
      ['contacts-40.vcf', 1],
    ] as const) {
      const { shape, records } = await readAll(fixture(name));
      expect(shape).toEqual({ kind: 'vcard', format: 'vcard', rows });
      expect(records).toHaveLength(rows);
    }
  });

  it('gives the same shape and records in chunks of one, two or three bytes', async () => {
    for (const name of [
      'google-contacts.csv',
      'google-legacy.csv',
      'outlook.csv',
      'outlook-semicolon.csv',
      'generic.csv',
      'contacts-21.vcf',
      'contacts-30.vcf',
      'contacts-40.vcf',
    ]) {
      const bytes = fixture(name);
      const whole = await readAll(bytes);
      expect(whole.records).toHaveLength(whole.shape.rows);
      for (const size of [1, 2, 3]) expect(await readAll(bytes, size)).toEqual(whole);
    }
  });
});

describe('files that are not contacts', () => {
  const refusal = async (bytes: Uint8Array | string, size?: number) => {
    const data = typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes;
    const error = await inspectFile(openOf(data, size)).then(
      () => null,
      (e: unknown) => e,
    );
    if (!(error instanceof AppError)) throw new Error(`not refused: ${String(error)}`);
    expect(error.status).toBe(422);
    expect(error.errors).toHaveLength(1);
    expect(error.errors[0]?.field).toBe('file');
    return error.errors[0]?.message;
  };

  it('refuses an empty file, or one of whitespace, or of empty records', async () => {
    expect(await refusal(fixture('empty.csv'))).toBe('is empty.');
    expect(await refusal(' \r\n\t\n')).toBe('is empty.');
    expect(await refusal('\ufeff\r\n')).toBe('is empty.');
    expect(await refusal(',,,\r\n , ,\r\n')).toBe('is empty.');
    expect(await refusal('Name,Email\r\n')).toMatch(/^is empty: it has a header row/);
  });

  it('refuses binary files, naming what they look like', async () => {
    expect(await refusal(fixture('not-a-csv.zip'))).toMatch(
      /^is not a CSV or vCard file: it is a ZIP archive/,
    );
    expect(await refusal(fixture('not-a-csv.bin'))).toMatch(
      /^is not a CSV or vCard file: it is binary data/,
    );
    expect(await refusal('%PDF-1.7\n%âãÏÓ\n1 0 obj\n')).toMatch(/it is a PDF document/);
    expect(
      await refusal(Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
    ).toMatch(/a PNG image/);
    expect(await refusal('<!DOCTYPE html>\n<html><body>Contacts</body></html>')).toMatch(
      /a web page/,
    );
  });

  it('refuses a NUL anywhere in the file, even far from the start', async () => {
    const bytes = new TextEncoder().encode(`Name,Email\n${'Ann,ann@example.com\n'.repeat(1000)}`);
    bytes[bytes.length - 5] = 0;
    expect(await refusal(bytes, 1000)).toMatch(/binary data/);
  });

  it('refuses UTF-16 text, saying how to save it instead', async () => {
    const utf16 = Buffer.concat([
      Buffer.from([0xff, 0xfe]),
      Buffer.from('Name\tEmail\r\n', 'utf16le'),
    ]);
    expect(await refusal(utf16)).toMatch(/^is UTF-16 text.*CSV UTF-8/);
  });

  it('refuses a CSV it cannot parse, naming the line', async () => {
    expect(await refusal('Name,Notes\nAnn,"open\nBo,x\n')).toBe(
      'is not a CSV file Vouch can read: line 2: a quoted cell is never closed (a " is missing).',
    );
  });
});

describe('a 100,000-row file', () => {
  // A full collection before each sample makes heapUsed what is kept, not garbage not yet swept.
  v8.setFlagsFromString('--expose-gc');
  const gc = vm.runInNewContext('gc') as () => void;

  const header =
    'First Name,Last Name,Organization Name,Notes,Labels,E-mail 1 - Label,E-mail 1 - Value,Phone 1 - Label,Phone 1 - Value\r\n';
  const rowOf = (i: number) =>
    `Person${i},Family ${i},Company ${i % 977} Ltd,"Met at event ${i % 50}, ${
      i % 1000 === 0 ? 'note with\na line break' : 'follow up soon'
    }",* myContacts ::: Clients ::: Group ${i % 7},* Work,person${i}@example.com,Mobile,+1 555 ${String(i).padStart(7, '0')}\r\n`;
  const rows = 100_000;

  it('streams with bounded memory, counting every row and its line', async () => {
    let peak = 0;
    let chunks = 0;
    let bytes = 0;
    const sample = () => {
      gc();
      peak = Math.max(peak, process.memoryUsage().heapUsed);
    };
    const open: OpenBytes = async function* () {
      const encoder = new TextEncoder();
      let text = header;
      for (let i = 1; i <= rows; i++) {
        text += rowOf(i);
        if (text.length >= 64 * 1024 || i === rows) {
          const chunk = encoder.encode(text);
          bytes += chunk.length;
          if (++chunks % 32 === 0) sample();
          yield chunk;
          text = '';
        }
      }
    };

    gc();
    const before = process.memoryUsage().heapUsed;
    const shape = await inspectFile(open);
    expect(shape).toMatchObject({ format: 'google', rows });
    let count = 0;
    let problems = 0;
    let last: ImportRecord | null = null;
    for await (const record of readRecords(
      open,
      shape as FileShape,
      shape.kind === 'csv' ? shape.mapping : [],
    )) {
      count++;
      if ('problem' in record) problems++;
      last = record;
      if (count % 20_000 === 0) sample();
    }
    const fileBytes = bytes / 3; // three passes over the same bytes
    const growth = peak - before;
    expect(count).toBe(rows);
    expect(problems).toBe(0);
    // Rows 1000, 2000 … 100000 each hold one line break inside quotes.
    expect(last).toMatchObject({
      line: 1 + rows + (rows / 1000 - 1),
      candidate: { name: `Person${rows} Family ${rows}` },
    });
    expect(fileBytes).toBeGreaterThan(14_000_000);
    // Measured: under 1 MB kept for a 16 MB file (a few records and chunks at a time).
    expect(growth).toBeLessThan(10 * 1024 * 1024);
  }, 120_000);
});

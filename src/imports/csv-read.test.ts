import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError } from '../platform/errors.ts';
import {
  type CsvDelimiter,
  csvRows,
  decodeText,
  detectDelimiter,
  inspectCsv,
  pieceChars,
  readCsvRecords,
  withoutBom,
} from './csv-read.ts';
import type { CsvShape, OpenBytes } from './import-columns.rules.ts';

/** The bytes in chunks of `size` (or at the given cut points), opened afresh each time. */
const openOf = (bytes: Uint8Array, size: number | number[] = 64 * 1024): OpenBytes =>
  async function* () {
    const cuts =
      typeof size === 'number'
        ? Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => (i + 1) * size)
        : [...size.filter((c) => c > 0 && c < bytes.length).sort((a, b) => a - b), bytes.length];
    let start = 0;
    for (const cut of cuts) {
      yield bytes.slice(start, Math.min(cut, bytes.length));
      start = cut;
    }
  };
const utf8 = (text: string) => new TextEncoder().encode(text);

async function rowsOf(text: string, chunk = 64 * 1024, delimiter?: CsvDelimiter) {
  const rows = [];
  for await (const { line, cells } of csvRows(
    decodeText(openOf(utf8(text), chunk), 'utf-8'),
    delimiter,
  ))
    rows.push([line, ...cells]);
  return rows;
}

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of items) all.push(item);
  return all;
}

describe('detectDelimiter', () => {
  it('takes the delimiter the header and the rows agree on', () => {
    expect(detectDelimiter('Name,Email\nAnn,ann@example.com\n')).toBe(',');
    expect(detectDelimiter('Name;Email;Notes\nAnn;a@x.de;Hello, world\nBo;b@x.de;1,5\n')).toBe(';');
    expect(detectDelimiter('Name\tNotes, misc\nAnn\tHi, there, you\nBo\tYo\n')).toBe('\t');
    // A comma in a quoted header does not count.
    expect(detectDelimiter('"Last, First";Email\n"Lind, Maya";m@x.de\n')).toBe(';');
    // Nor does one in a quoted cell across lines.
    expect(detectDelimiter('Name;Notes\nAnn;"a,b,c\nd,e,f"\n')).toBe(';');
  });

  it('reads a one-column file, or nothing, as comma-separated', () => {
    expect(detectDelimiter('Email\na@x.de\n')).toBe(',');
    expect(detectDelimiter('')).toBe(',');
  });

  it('does not count a last line cut short', () => {
    expect(detectDelimiter('a;b;c\n1;2;3\n4;5', false)).toBe(';');
  });
});

describe('csvRows', () => {
  it('gives each record the physical line it starts on, after quoted line breaks and blank lines', async () => {
    // CRLF, LF and a lone CR each end a line, as editors show them.
    const text = 'Name,Notes\r\nAnn,"one\r\ntwo\nthree"\r\n\r\nBo,x\nCy,"a\rb"\r\nDi,y';
    const expected = [
      [1, 'Name', 'Notes'],
      [2, 'Ann', 'one\r\ntwo\nthree'],
      [5, ''],
      [6, 'Bo', 'x'],
      [7, 'Cy', 'a\rb'],
      [9, 'Di', 'y'],
    ];
    expect(await rowsOf(text)).toEqual(expected);
    expect(await rowsOf(text, 1)).toEqual(expected);
    expect(await rowsOf(text, 3)).toEqual(expected);
  });

  it('keeps a character beyond 16 bits whole where the text is handed to the parser in pieces', async () => {
    // The emoji's two halves fall on each side of a piece's end, in the head and after it.
    for (const at of [pieceChars - 1, pieceChars, 5 * pieceChars - 1]) {
      const lead = 'Name,Notes\nZoë,';
      const text = `${lead}${'a'.repeat(at - lead.length)}😀 done\n`;
      const rows = await rowsOf(text, 256 * 1024);
      expect(rows[1]?.[2]).toBe(`${'a'.repeat(at - lead.length)}😀 done`);
    }
  });

  it("reads Excel's sep= line as the delimiter and not as a record", async () => {
    expect(await rowsOf('sep=;\r\nName;Notes\r\nAnn;a,b\r\n')).toEqual([
      [2, 'Name', 'Notes'],
      [3, 'Ann', 'a,b'],
    ]);
  });

  it('reads quotes as real exports and hand-made files have them', async () => {
    expect(await rowsOf('a,b,c\n"x ""y""", 5" screen , "z" \n')).toEqual([
      [1, 'a', 'b', 'c'],
      [2, 'x "y"', '5" screen', 'z'],
    ]);
  });

  it('names the line where an unclosed quote starts', async () => {
    const failure = rowsOf('Name,Notes\nAnn,ok\nBo,"never closed\nCy,x\n');
    await expect(failure).rejects.toBeInstanceOf(AppError);
    await expect(failure).rejects.toMatchObject({
      code: 'unprocessable',
      errors: [
        {
          field: 'file',
          message:
            'is not a CSV file Vouch can read: line 3: a quoted cell is never closed (a " is missing).',
        },
      ],
    });
  });

  it('refuses a record over a million characters (a quote left open) without holding more', async () => {
    const big = `Name,Notes\nAnn,"${'x'.repeat(1_000_001)}"\n`;
    await expect(rowsOf(big)).rejects.toMatchObject({
      errors: [
        {
          field: 'file',
          message: expect.stringMatching(/line 2: a record is longer than 1,000,000/),
        },
      ],
    });
  });

  it('reads back any cells csv-stringify writes, in any chunks, with any delimiter', async () => {
    const cell = fc.string({
      unit: fc.oneof(
        fc.constantFrom('"', ',', ';', '\t', '\n', '\r\n', ' ', 'é', 'Zoë', '😀', '€', 'a'),
        fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
      ),
      maxLength: 12,
    });
    await fc.assert(
      fc.asyncProperty(
        // A header names its columns (a header of bare punctuation says no delimiter for sure).
        fc.integer({ min: 2, max: 5 }).chain((columns) =>
          fc.tuple(
            fc.array(fc.stringMatching(/^[A-Za-z][A-Za-z0-9 ]{0,10}$/), {
              minLength: columns,
              maxLength: columns,
            }),
            fc.array(fc.array(cell, { minLength: columns, maxLength: columns }), { maxLength: 8 }),
          ),
        ),
        fc.constantFrom<CsvDelimiter>(',', ';', '\t'),
        fc.array(fc.nat(400), { maxLength: 6 }),
        fc.boolean(),
        async ([header, records], delimiter, cuts, crlf) => {
          // Control characters make a file binary.
          const clean = [
            header,
            ...records.map((r) =>
              r.map((c) => [...c].filter((ch) => ch >= ' ' || '\t\n\r'.includes(ch)).join('')),
            ),
          ];
          const text = stringify(clean, {
            delimiter,
            record_delimiter: crlf ? 'windows' : 'unix',
            // A line break in an unquoted cell starts a record here, whatever the file's line ends.
            quoted_match: /[\r\n]/,
          });
          const rows = await collect(csvRows(decodeText(openOf(utf8(text), cuts), 'utf-8')));
          const cells = rows.map((r) => r.cells.map((c) => c.trim()));
          const written = clean.map((r) => r.map((c) => c.trim()));
          // A record of one empty cell is a blank line: csv-stringify writes nothing for it.
          expect(cells.filter((r) => r.some(Boolean))).toEqual(
            written.filter((r) => r.some(Boolean)),
          );
          expect(rows[0]?.delimiter).toBe(delimiter);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('decoding', () => {
  it('drops a UTF-8 BOM however the chunks cut it, and nothing that only starts like one', async () => {
    const texts = async (bytes: number[], size: number) =>
      Buffer.concat(await collect(withoutBom(openOf(Uint8Array.from(bytes), size)()))).toString(
        'latin1',
      );
    for (const size of [1, 2, 3, 100]) {
      expect(await texts([0xef, 0xbb, 0xbf, 0x41], size)).toBe('A');
      expect(await texts([0xef, 0xbb, 0x41], size)).toBe('\u00ef\u00bbA');
      expect(await texts([0xef, 0xbb], size)).toBe('\u00ef\u00bb');
      expect(await texts([0x41, 0xef, 0xbb, 0xbf], size)).toBe('A\u00ef\u00bb\u00bf');
    }
  });

  it('keeps a character cut between chunks whole, in UTF-8 and Windows-1252', async () => {
    const text = 'Zoë Müller 😀 €';
    expect((await collect(decodeText(openOf(utf8(text), 1), 'utf-8'))).join('')).toBe(text);
    const cp1252 = Uint8Array.from([0x5a, 0x6f, 0xeb, 0x20, 0x80, 0x20, 0xfc]);
    expect((await collect(decodeText(openOf(cp1252, 1), 'windows-1252'))).join('')).toBe('Zoë € ü');
  });
});

describe('inspectCsv and readCsvRecords', () => {
  it('skips blank records before the header and between rows, and counts the rest', async () => {
    const open = openOf(utf8('\n ,  ,\nName,Email\n\n,,\nAnn,ann@example.com\nBo,bo@\n'));
    const shape = await inspectCsv(open, 'utf-8');
    expect(shape).toMatchObject({
      headers: ['Name', 'Email'],
      rows: 2,
      format: 'csv',
      delimiter: ',',
    });
    expect(await collect(readCsvRecords(open, shape, shape.mapping))).toEqual([
      {
        line: 6,
        candidate: expect.objectContaining({ name: 'Ann', emails: ['ann@example.com'] }),
      },
      { line: 7, problem: 'Email is not an email address' },
    ]);
  });

  it('refuses a file of blank records, or a header with no rows, as empty', async () => {
    await expect(inspectCsv(openOf(utf8(',,\n  \n\t,\n')), 'utf-8')).rejects.toMatchObject({
      code: 'unprocessable',
      errors: [{ field: 'file', message: 'is empty.' }],
    });
    await expect(inspectCsv(openOf(utf8('Name,Email\r\n,\r\n')), 'utf-8')).rejects.toMatchObject({
      errors: [{ field: 'file', message: expect.stringMatching(/^is empty: it has a header row/) }],
    });
  });

  it('refuses a mapping that does not give one field per column', async () => {
    const open = openOf(utf8('Name,Email\nAnn,a@x.de\n'));
    const shape = await inspectCsv(open, 'utf-8');
    await expect(collect(readCsvRecords(open, shape, ['name']))).rejects.toMatchObject({
      code: 'validation',
      errors: [{ field: 'mapping' }],
    });
  });

  it('stops reading, and lets the file go, when the caller stops early', async () => {
    let closed = false;
    const open: OpenBytes = async function* () {
      try {
        yield utf8('Name\n');
        for (let i = 0; ; i++) yield utf8(`Person ${i}\n`);
      } finally {
        closed = true;
      }
    };
    const shape: CsvShape = {
      kind: 'csv',
      encoding: 'utf-8',
      delimiter: ',',
      headers: ['Name'],
      format: 'csv',
      mapping: ['name'],
      rows: 0,
    };
    for await (const record of readCsvRecords(open, shape, ['name'])) {
      expect(record).toMatchObject({ line: 2 });
      break;
    }
    expect(closed).toBe(true);
  });
});

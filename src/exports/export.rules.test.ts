import { describe, expect, it } from 'vitest';
import { csvLine } from '../platform/csv.ts';
import { csvRecord } from './export.rules.ts';

describe('csvRecord', () => {
  it('writes what csvLine (csv-stringify) writes, quoting and formula escapes included', () => {
    const cells = [
      '',
      'plain',
      'Zoë Müller',
      'a, b',
      'say "hi"',
      'two\nlines',
      'cr\ronly',
      'ends with cr\r',
      '\r\nstarts with crlf',
      '=1+2',
      '+31 20 123',
      '-3',
      '@handle',
      '\ttab',
      '＝full-width',
      '＋plus',
      '－minus',
      '＠at',
      '=HYPERLINK("x", "y")',
      "'already",
      ' leading space',
      '2026-06-15T12:00:00.000Z',
    ];
    for (const cell of cells) expect(csvRecord([cell])).toBe(csvLine([cell]));
    expect(csvRecord(cells)).toBe(csvLine(cells));
    expect(csvRecord(['', ''])).toBe(csvLine(['', '']));
  });
});

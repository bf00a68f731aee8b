import { stringify } from 'csv-stringify/sync';

/**
 * One CSV record as a spreadsheet opens it safely: RFC 4180 quoting, CRLF line ends, and a cell
 * a spreadsheet would run as a formula (= + - @, tab, CR, or their full-width forms) prefixed
 * with an apostrophe (OWASP CSV injection). Written by csv-stringify; we only choose options.
 */
export function csvLine(cells: readonly string[]): string {
  return stringify([cells as string[]], {
    record_delimiter: 'windows',
    quote_record_delimiter: true,
    escape_formulas: true,
  });
}

import { describe, expect, it } from 'vitest';
import { csvLine } from './csv.ts';

describe('csvLine', () => {
  it('ends each record with CRLF and leaves plain cells bare', () => {
    expect(csvLine(['plain', '12.50', ''])).toBe('plain,12.50,\r\n');
  });

  it('quotes cells holding a comma, a quote or a line break, doubling the quotes (RFC 4180)', () => {
    expect(csvLine(['a, "b"'])).toBe('"a, ""b"""\r\n');
    expect(csvLine(['line\nbreak', 'cr\rhere'])).toBe('"line\nbreak","cr\rhere"\r\n');
  });

  it('defuses what a spreadsheet would run as a formula with a leading apostrophe (OWASP)', () => {
    expect(csvLine(['=HYPERLINK("x")'])).toBe(`"'=HYPERLINK(""x"")"\r\n`);
    expect(csvLine(['+1', '-2', '@a', '\tx'])).toBe("'+1,'-2,'@a,'\tx\r\n");
    expect(csvLine(['\rx'])).toBe(`"'\rx"\r\n`);
  });

  it('defuses the full-width forms too, which our hand-written writer let through', () => {
    // Apple Numbers normalises U+FF1D to "=": the old writer passed it on unchanged.
    expect(csvLine(['\uFF1DSUM(A1)', '\uFF0B1'])).toBe("'\uFF1DSUM(A1),'\uFF0B1\r\n");
  });

  it('keeps text that merely contains those characters as it is', () => {
    expect(csvLine(['a=b', "it's", 'x-y'])).toBe("a=b,it's,x-y\r\n");
  });
});

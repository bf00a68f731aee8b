import { describe, expect, it } from 'vitest';
import { parseVcard as parse } from '../test-support/vcard-parse.ts';
import { escapeText, foldLine, type Vcard, writeVcard } from './vcard.ts';

const zoe: Vcard = {
  fullName: 'Dr. Zoë Müller-Reyes, PhD',
  name: { family: 'Müller-Reyes', given: 'Zoë', prefix: 'Dr.', suffix: 'PhD' },
  organization: 'Harbor Counseling; Family, Couples',
  isWork: true,
  email: 'zoe@harbor.example',
  phone: '+1 207 555 0100',
  postalAddress: '12 Harbor Rd\nPortland, ME 04101',
  url: 'https://vouch.example.com/r/K7M2P9QXRT',
  note: `Ana helps couples in conflict find their way back to each other; ${'again, '.repeat(30)}😀`,
};

describe('writeVcard', () => {
  it('writes a 4.0 card that a vCard parser reads back field for field', () => {
    const text = writeVcard(zoe);
    expect(text.startsWith('BEGIN:VCARD\r\nVERSION:4.0\r\n')).toBe(true);
    expect(text.endsWith('END:VCARD\r\n')).toBe(true);
    const props = parse(text);
    expect(props.get('fn')?.values).toEqual(['Dr. Zoë Müller-Reyes, PhD']);
    expect(props.get('n')?.values).toEqual([['Müller-Reyes', 'Zoë', '', 'Dr.', 'PhD']]);
    expect(props.get('org')?.values).toEqual(['Harbor Counseling; Family, Couples']);
    expect(props.get('email')).toEqual({
      values: ['zoe@harbor.example'],
      params: { type: 'work' },
    });
    expect(props.get('tel')).toEqual({
      values: ['+1 207 555 0100'],
      params: { type: ['voice', 'work'] },
    });
    expect(props.get('adr')?.values).toEqual([
      ['', '', '12 Harbor Rd\nPortland, ME 04101', '', '', '', ''],
    ]);
    expect(props.get('adr')?.params).toEqual({
      type: 'work',
      label: '12 Harbor Rd\nPortland, ME 04101',
    });
    expect(props.get('url')?.values).toEqual([zoe.url]);
    expect(props.get('note')?.values).toEqual([zoe.note]);
    expect(props.has('kind')).toBe(false);
  });

  it('escapes backslash, comma, semicolon (in parts) and line breaks', () => {
    expect(escapeText('a\\b, c; d\r\ne\nf')).toBe('a\\\\b\\, c; d\\ne\\nf');
    expect(escapeText('Reyes; Alan', true)).toBe('Reyes\\; Alan');
    const text = writeVcard({
      fullName: 'Alan "Al" Reyes, Jr.; the second',
      name: { family: 'Reyes; Jr', given: 'Alan, Al', prefix: null, suffix: 'C:\\' },
      nickname: 'Al, the second',
      note: 'line one\nline two, with; all \\ of it',
    });
    expect(text).toContain('\r\nFN:Alan "Al" Reyes\\, Jr.; the second\r\n');
    expect(text).toContain('\r\nN:Reyes\\; Jr;Alan\\, Al;;;C:\\\\\r\n');
    const props = parse(text);
    expect(props.get('fn')?.values).toEqual(['Alan "Al" Reyes, Jr.; the second']);
    expect(props.get('n')?.values).toEqual([['Reyes; Jr', 'Alan, Al', '', '', 'C:\\']]);
    expect(props.get('note')?.values).toEqual(['line one\nline two, with; all \\ of it']);
    expect(props.get('nickname')?.values).toEqual(['Al, the second']);
  });

  it('folds at 75 octets without splitting a UTF-8 character, and unfolds to the same text', () => {
    const note = `${'ë'.repeat(50)} ${'😀'.repeat(30)} ${'x'.repeat(100)}`;
    const text = writeVcard({ fullName: 'Zoë', note });
    const lines = text.split('\r\n');
    expect(lines.at(-1)).toBe('');
    for (const line of lines) {
      expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
      // A cut inside a character would show as U+FFFD when the line is decoded alone.
      expect(Buffer.from(line).toString('utf8')).not.toContain('\ufffd');
      expect(line).not.toMatch(/[\ud800-\udbff]$|^ ?[\udc00-\udfff]/);
    }
    expect(lines.filter((l) => l.startsWith(' ')).length).toBeGreaterThan(3);
    expect(text.replace(/\r\n /g, '')).toContain(`NOTE:${note}\r\n`);
    expect(parse(text).get('note')?.values).toEqual([note]);
    expect(foldLine('x'.repeat(75))).toBe(`${'x'.repeat(75)}\r\n`);
    expect(foldLine('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x\r\n`);
  });

  it('ends every line in CRLF, with no bare LF or CR', () => {
    const text = writeVcard(zoe);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('writes an organisation without a person as KIND:org, with no N', () => {
    const text = writeVcard({
      kind: 'org',
      fullName: 'Harbor Counseling',
      organization: 'Harbor Counseling',
    });
    const props = parse(text);
    expect(props.get('kind')?.values).toEqual(['org']);
    expect(props.has('n')).toBe(false);
    expect(props.get('org')?.values).toEqual(['Harbor Counseling']);
  });

  it('writes the same card as vCard 3.0 for Outlook: LABEL, TYPE=INTERNET, CHARSET, a required N', () => {
    const text = writeVcard(zoe, '3.0');
    expect(text.startsWith('BEGIN:VCARD\r\nVERSION:3.0\r\n')).toBe(true);
    expect(text).toContain('\r\nFN;CHARSET=UTF-8:Dr. Zoë Müller-Reyes\\, PhD\r\n');
    expect(text).toContain('\r\nEMAIL;TYPE=INTERNET,WORK:zoe@harbor.example\r\n');
    expect(text).toContain('\r\nLABEL;TYPE=WORK:12 Harbor Rd\\nPortland\\, ME 04101\r\n');
    // RFC 2426 allows no bare semicolon in a text value.
    expect(text.replace(/\r\n /g, '')).toContain(
      'NOTE;CHARSET=UTF-8:Ana helps couples in conflict find their way back to each other\\; again',
    );
    const props = parse(text);
    expect(props.get('version')?.values).toEqual(['3.0']);
    expect(props.get('fn')?.values).toEqual(['Dr. Zoë Müller-Reyes, PhD']);
    expect(props.get('n')?.values).toEqual([['Müller-Reyes', 'Zoë', '', 'Dr.', 'PhD']]);
    expect(props.get('tel')?.params).toEqual({ type: ['VOICE', 'WORK'] });
    expect(props.get('label')?.values).toEqual(['12 Harbor Rd\nPortland, ME 04101']);
    expect(props.has('kind')).toBe(false);
    const org = writeVcard({ kind: 'org', fullName: 'Harbor', organization: 'Harbor' }, '3.0');
    expect(org).toContain('\r\nN:;;;;\r\nX-ABSHOWAS:COMPANY\r\n');
  });

  it('leaves out what is empty', () => {
    const text = writeVcard({
      fullName: 'Ann',
      name: { family: null, given: 'Ann', prefix: null, suffix: null },
      organization: '',
      email: null,
      phone: '  ',
      postalAddress: '',
      url: null,
      note: '',
    });
    expect(text).toBe('BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Ann\r\nN:;Ann;;;\r\nEND:VCARD\r\n');
  });
});

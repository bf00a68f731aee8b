import { describe, expect, it } from 'vitest';
import {
  codeAlphabet,
  codeLength,
  linkUrl,
  newLinkCode,
  normaliseLinkCode,
} from './referral-link.rules.ts';

describe('referral link codes', () => {
  it('carry at least 40 bits and no look-alike characters', () => {
    expect(codeLength * Math.log2(codeAlphabet.length)).toBeGreaterThanOrEqual(40);
    for (const lookAlike of ['0', 'o', '1', 'l', 'i', 'O', 'I'])
      expect(codeAlphabet).not.toContain(lookAlike);
  });

  it('are drawn from the alphabet, and differ', () => {
    const codes = new Set(Array.from({ length: 2000 }, newLinkCode));
    expect(codes.size).toBe(2000);
    for (const code of codes) expect(normaliseLinkCode(code)).toBe(code);
  });

  it('read the same typed in capitals or with spaces around', () => {
    expect(normaliseLinkCode(' AB23CD45EF ')).toBe('ab23cd45ef');
  });

  it('refuse what cannot be a code', () => {
    for (const typed of ['', 'short', 'ab23cd45ef1', 'ab23cd45e0', '../../etc', 'ab23cd45é2'])
      expect(normaliseLinkCode(typed)).toBeNull();
  });

  it('make the public URL under the base URL', () => {
    expect(linkUrl('https://vouch.example/', 'ab23cd45ef')).toBe(
      'https://vouch.example/r/ab23cd45ef',
    );
  });
});

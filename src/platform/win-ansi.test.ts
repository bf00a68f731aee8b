import { describe, expect, it } from 'vitest';
import { toWinAnsi } from './win-ansi.ts';

describe('toWinAnsi', () => {
  it('keeps Latin-1 and the Windows-1252 extras as they are', () => {
    for (const text of ['Zoë Müller — Therapie', 'Œuvre “quoted” … 5 € – Ž ž Š • ™', 'Ærø Straße'])
      expect(toWinAnsi(text)).toBe(text);
  });

  it('gives letters outside the set their nearest form', () => {
    expect(toWinAnsi('Łódź Ősz Dvořák Đorđe İstanbul ẞ')).toBe('Lódz Osz Dvorák Dorde Istanbul SS');
    // Decomposed text is composed first, so "e" + combining diaeresis stays "ë".
    expect(toWinAnsi('Zoe\u0308')).toBe('Zoë');
  });

  it('leaves emoji out with the space before them, and shows other characters as "?"', () => {
    expect(toWinAnsi('Therapie 😀 für Paare 🌈, die 👍🏽 kommen')).toBe(
      'Therapie für Paare, die kommen',
    );
    expect(toWinAnsi('👨‍👩‍👧 Family ❤️')).toBe('Family');
    expect(toWinAnsi('北京 clinic')).toBe('?? clinic');
    expect(toWinAnsi('zero\u200bwidth')).toBe('zerowidth');
  });
});

import { describe, expect, it } from 'vitest';
import { professions } from '../practices/professions.ts';
import {
  effectiveRulings,
  ethicsProfiles,
  ethicsTable,
  incentiveKinds,
  isAtLeastAsStrict,
  looseningKinds,
  profileOf,
  type Ruling,
  readOverrides,
  rulings,
} from './ethics.rules.ts';

/** §7's table, as the product states it, where it states it. */
const expected: Record<string, Partial<Record<(typeof incentiveKinds)[number], Ruling>>> = {
  counselor: { referral_fee: 'prohibited', gift: 'prohibited', reciprocal_arrangement: 'allowed' },
  psychologist: {
    referral_fee: 'prohibited',
    gift: 'nominal_only',
    reciprocal_arrangement: 'allowed',
  },
  health: { referral_fee: 'prohibited', gift: 'nominal_only', reciprocal_arrangement: 'allowed' },
  attorney: {
    referral_fee: 'prohibited',
    gift: 'nominal_only',
    reciprocal_arrangement: 'allowed_with_disclosure',
  },
  accountant: {
    referral_fee: 'allowed_with_disclosure',
    gift: 'allowed_with_disclosure',
    reciprocal_arrangement: 'allowed',
  },
  financial_adviser: {
    referral_fee: 'allowed_with_disclosure',
    gift: 'allowed_with_disclosure',
    reciprocal_arrangement: 'allowed',
  },
  real_estate: {
    referral_fee: 'prohibited',
    gift: 'prohibited',
    reciprocal_arrangement: 'allowed_with_disclosure',
  },
  general: {
    referral_fee: 'allowed_with_disclosure',
    gift: 'allowed',
    reciprocal_arrangement: 'allowed',
  },
};

const cells = ethicsProfiles.flatMap((profile) =>
  incentiveKinds.map((kind) => ({ profile, kind, cell: ethicsTable[profile][kind] })),
);

describe('the ethics table (§7)', () => {
  it.each(cells)(
    '$profile × $kind has a ruling and a one-line reason naming its source',
    ({ profile, kind, cell }) => {
      expect(rulings).toContain(cell.ruling);
      const want = expected[profile]?.[kind];
      if (want) expect(cell.ruling).toBe(want);
      expect(cell.source).toMatch(/(ACA|APA|ABA|AICPA|SEC|Form ADV|U\.S\.C\.|CFR|RESPA|NAR|FTC)/);
      expect(cell.reason).toContain(cell.source);
      expect(cell.reason).not.toContain('\n');
      expect(cell.reason.length).toBeLessThan(200);
    },
  );

  it('a thank-you note is allowed everywhere', () => {
    for (const p of ethicsProfiles) expect(ethicsTable[p].thank_you_note.ruling).toBe('allowed');
  });

  it('every profession has a profile; coach, consultant, creative and other share one', () => {
    for (const p of professions) expect(ethicsProfiles).toContain(profileOf(p.id));
    expect(['coach', 'consultant', 'creative', 'other'].map(profileOf)).toEqual([
      'general',
      'general',
      'general',
      'general',
    ]);
    expect(profileOf('attorney')).toBe('attorney');
  });
});

describe('tightening-only overrides', () => {
  it.each([
    ['prohibited', 'allowed', true],
    ['prohibited', 'nominal_only', true],
    ['prohibited', 'allowed_with_disclosure', true],
    ['nominal_only', 'allowed', true],
    ['allowed_with_disclosure', 'allowed', true],
    ['allowed', 'allowed', true],
    ['allowed', 'nominal_only', false],
    ['allowed', 'prohibited', false],
    ['nominal_only', 'allowed_with_disclosure', false],
    ['allowed_with_disclosure', 'nominal_only', false],
    ['nominal_only', 'prohibited', false],
  ] as const)('%s is at least as strict as %s: %s', (next, base, ok) => {
    expect(isAtLeastAsStrict(next, base)).toBe(ok);
  });

  it('finds the loosened kinds', () => {
    expect(looseningKinds('attorney', { gift: 'allowed', referral_fee: 'prohibited' })).toEqual([
      'gift',
    ]);
    expect(looseningKinds('general', { gift: 'prohibited', discount: 'nominal_only' })).toEqual([]);
  });

  it('applies tightening overrides and marks them; ignores any that would loosen', () => {
    const rs = effectiveRulings('general', { gift: 'nominal_only' });
    const gift = rs.find((r) => r.kind === 'gift');
    expect(gift).toMatchObject({ ruling: 'nominal_only', isTightened: true });
    expect(gift?.reason).toContain(gift?.source ?? '?');
    const counselor = effectiveRulings('counselor', { gift: 'allowed' });
    expect(counselor.find((r) => r.kind === 'gift')).toMatchObject({
      ruling: 'prohibited',
      isTightened: false,
    });
  });

  it('reads stored overrides defensively', () => {
    expect(readOverrides('{"gift":"prohibited","nope":"allowed","discount":"maybe"}')).toEqual({
      gift: 'prohibited',
    });
    expect(readOverrides('not json')).toEqual({});
  });
});

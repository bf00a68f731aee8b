import { describe, expect, it } from 'vitest';
import { parseVcard, vcardValue } from '../test-support/vcard-parse.ts';
import { practiceVcard, practiceVcardName } from './practice-vcard.ts';

const harbor = {
  name: 'Harbor Counseling',
  valueProposition: 'Ana helps couples in conflict find their way back to each other.',
  postalAddress: '12 Harbor Rd, Portland, ME 04101',
};

describe('practiceVcard', () => {
  it('without a person is the card of the practice itself (KIND:org), with its page', () => {
    const text = practiceVcard(harbor, null, { url: 'https://vouch.example.com/r/K7M2P9QXRT' });
    const card = parseVcard(text);
    expect(vcardValue(card, 'kind')).toBe('org');
    expect(vcardValue(card, 'fn')).toBe('Harbor Counseling');
    expect(vcardValue(card, 'org')).toBe('Harbor Counseling');
    expect(card.has('n')).toBe(false);
    expect(card.has('email')).toBe(false);
    expect(vcardValue(card, 'url')).toBe('https://vouch.example.com/r/K7M2P9QXRT');
    expect(vcardValue(card, 'note')).toBe(harbor.valueProposition);
    expect(practiceVcardName(harbor, null)).toBe('Harbor Counseling');
  });

  it('with a person is theirs, at the practice', () => {
    const person = { name: 'Ana Lima', email: 'ana@harbor.example' };
    const card = parseVcard(practiceVcard(harbor, person, { version: '3.0' }));
    expect(vcardValue(card, 'version')).toBe('3.0');
    expect(vcardValue(card, 'fn')).toBe('Ana Lima');
    expect(vcardValue(card, 'n')).toEqual(['Lima', 'Ana', '', '', '']);
    expect(vcardValue(card, 'org')).toBe('Harbor Counseling');
    expect(vcardValue(card, 'email')).toBe('ana@harbor.example');
    expect(vcardValue(card, 'label')).toBe(harbor.postalAddress);
    expect(practiceVcardName(harbor, person)).toBe('Ana Lima');
  });
});

import { describe, expect, it } from 'vitest';
import { distinctiveWordsOf, typedDisclosure } from './disclosure.rules.ts';
import type { Disclosure } from './letter.rules.ts';

const subject = {
  referredName: 'Zébulon Okafor',
  referrerName: 'Sarah Lee',
  need: 'Panic attacks before work meetings',
  practiceWords: 'Calm Minds Counselling — I help adults with anxiety at work',
};
const noConsent: Disclosure = {
  consentToUpdate: false,
  profession: 'counselor',
  isTreatingProvider: false,
};
const consent: Disclosure = { ...noConsent, consentToUpdate: true };
const treating: Disclosure = {
  consentToUpdate: false,
  profession: 'health',
  isTreatingProvider: true,
};
const check = (text: string, d = noConsent) => typedDisclosure(text, subject, d);

describe('typed text in a referrer-facing letter (§3.2)', () => {
  it('finds the examples of the security test', () => {
    expect(check('Thanks for sending Zebulon!')).toEqual({ kind: 'name', found: 'Zebulon' });
    expect(check('About the panic attacks')).toEqual({ kind: 'need', found: 'panic' });
    expect(check('Good news: they became a client.')).toEqual({
      kind: 'status',
      found: 'became a client',
    });
  });

  it('names: whole words, any case, with or without accents; the referrer’s own names are theirs', () => {
    expect(check('Dear Sarah, OKAFOR says hello')?.found).toBe('OKAFOR');
    expect(check('ZÉBULON')?.found).toBe('ZÉBULON');
    expect(check('Zebulonia is a place')).toBeNull();
    expect(
      typedDisclosure('Dear Mrs Lee', { ...subject, referredName: 'Tom Lee' }, noConsent),
    ).toBeNull();
    expect(check('Thanks for sending Zebulon!', consent)).toBeNull();
    expect(check('Thanks for sending Zebulon!', treating)).toBeNull();
  });

  it('needs: distinctive words only (4+ letters, not common, not the practice’s own words); never allowed', () => {
    expect(distinctiveWordsOf(subject.need, subject.practiceWords)).toEqual([
      'panic',
      'attacks',
      'meetings',
    ]);
    expect(check('I know work can be hard')).toBeNull();
    expect(check('One attack at a time')?.found).toBe('attack');
    expect(check('The meetings went well', consent)).toEqual({ kind: 'need', found: 'meetings' });
  });

  it('status words: with consent all; to a treating provider (HIPAA) only seen/scheduled', () => {
    for (const text of [
      'They booked a first appointment',
      'I have hired them',
      'We have seen them',
    ])
      expect(check(text)?.kind).toBe('status');
    expect(check('I have hired them', consent)).toBeNull();
    expect(check('They were seen on Monday', treating)).toBeNull();
    expect(check('They became a client', treating)?.found).toBe('became a client');
    expect(check('Thank you for thinking of me; I am grateful.')).toBeNull();
  });

  it('merge fields are not typed text', () => {
    expect(check('{{referral.milestone}} and {{referred.name}}')).toBeNull();
  });

  it('text between stray braces is still typed text: only what the renderer replaces is left out', () => {
    // The renderer prints "{{ they became a client " as it is; the check must read it too.
    expect(check('{{ they became a client {{practice.name}}')?.found).toBe('became a client');
    expect(check('{{ Okafor {{practice.name}}')).toEqual({ kind: 'name', found: 'Okafor' });
  });
});

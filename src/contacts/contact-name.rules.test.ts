import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isHonorific, parseName } from '../platform/person-name.ts';
import {
  type AddressableName,
  addressableFromName,
  addressNameOf,
  namingWordsOf,
  salutationOf,
} from './contact-name.rules.ts';

const person = (over: Partial<AddressableName>): AddressableName => ({
  name: 'x',
  honorific: null,
  givenName: null,
  familyName: null,
  suffix: null,
  preferredName: null,
  salutation: null,
  ...over,
});

describe('how we address a person', () => {
  const reyes = person({
    name: 'Dr. Alan Reyes',
    honorific: 'Dr.',
    givenName: 'Alan',
    familyName: 'Reyes',
  });
  it('formal: title and family name; informal: the given name', () => {
    expect(salutationOf(reyes, 'formal')).toBe('Dear Dr. Reyes,');
    expect(salutationOf(reyes, 'informal')).toBe('Dear Alan,');
  });
  it('informal takes the first of several given names', () => {
    const james = person({
      name: 'Alan James Reyes',
      givenName: 'Alan James',
      familyName: 'Reyes',
    });
    expect(addressNameOf(james, 'informal')).toBe('Alan');
    expect(addressNameOf(james, 'formal')).toBe('Alan James Reyes');
  });
  it('informal prefers the preferred name', () => {
    expect(addressNameOf({ ...reyes, preferredName: 'Al' }, 'informal')).toBe('Al');
    expect(addressNameOf({ ...reyes, preferredName: 'Al' }, 'formal')).toBe('Dr. Reyes');
  });
  it('formal without a title is the full name', () => {
    expect(salutationOf({ ...reyes, honorific: null }, 'formal')).toBe('Dear Alan Reyes,');
    expect(salutationOf({ ...reyes, honorific: 'Ms.' }, 'formal')).toBe('Dear Ms. Reyes,');
  });
  it("the contact's own choice overrides the practice's", () => {
    expect(addressNameOf({ ...reyes, salutation: 'informal' }, 'formal')).toBe('Alan');
    expect(addressNameOf({ ...reyes, salutation: 'formal' }, 'informal')).toBe('Dr. Reyes');
  });
  it('informal without a given name falls back to the formal address, never a bare title', () => {
    const brown = person({ name: 'Fr. Brown', honorific: 'Fr.', familyName: 'Brown' });
    expect(addressNameOf(brown, 'informal')).toBe('Fr. Brown');
    expect(addressNameOf(person({ name: 'Cher', givenName: 'Cher' }), 'formal')).toBe('Cher');
    expect(addressNameOf(person({ name: 'Acme' }), 'formal')).toBe('Acme');
    // Without stored parts (rows written in bulk), the name's own parts.
    expect(addressNameOf(person({ name: 'Dr. Ann Lee' }), 'formal')).toBe('Dr. Lee');
    expect(addressNameOf(person({ name: 'Dr. Ann Lee' }), 'informal')).toBe('Ann');
  });
  it('a team member known by a display name is addressed by its parts', () => {
    expect(addressNameOf(addressableFromName('Dr. Sam Lee'), 'informal')).toBe('Sam');
  });
  it('the naming words leave titles and degrees out', () => {
    expect(namingWordsOf({ ...reyes, preferredName: 'Al' })).toBe('Alan Reyes Al');
    expect(namingWordsOf(person({ name: 'Dr. Jo Lin, MD' }))).toBe('Jo Lin');
  });
});

describe('addressing properties', () => {
  it('never throws, and no greeting ends in a bare title', () => {
    fc.assert(
      fc.property(
        fc.string({ maxLength: 40 }),
        fc.option(fc.string({ maxLength: 10 })),
        fc.constantFrom('formal' as const, 'informal' as const),
        fc.constantFrom(null, 'formal' as const, 'informal' as const),
        (name, preferredName, style, own) => {
          const p = { ...addressableFromName(name), preferredName, salutation: own };
          const address = addressNameOf(p, style);
          expect(address.trim()).not.toBe('');
          if (name.trim().split(/\s+/).length > 1) expect(isHonorific(address)).toBe(false);
        },
      ),
    );
  });
});

describe('the naming words of a name whose first word is also a title (§3.2)', () => {
  it.each([
    ['Justice Smith', 'Justice Smith'],
    ['Hon Lam', 'Hon Lam'],
    ['Miss Mary', 'Miss Mary'],
    ['Sir Mix', 'Sir Mix'],
    ['Pastor Jones', 'Pastor Jones'],
    ['Mrs. Jo March Jr.', 'Jo March'],
  ])('%s is named by "%s"', (name, words) => {
    expect(namingWordsOf(person({ name, ...parseName(name) }))).toBe(words);
  });
});

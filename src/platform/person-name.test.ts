import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { composeName, isHonorific, isSuffix, type NameParts, parseName } from './person-name.ts';

const parts = (
  honorific: string | null,
  givenName: string | null,
  familyName: string | null,
  suffix: string | null = null,
): NameParts => ({ honorific, givenName, familyName, suffix });

describe('parseName', () => {
  it.each([
    ['Alan Reyes', parts(null, 'Alan', 'Reyes')],
    ['Dr. Alan Reyes', parts('Dr.', 'Alan', 'Reyes')],
    ['dr alan reyes', parts('Dr.', 'alan', 'reyes')],
    ['DR. Alan Reyes', parts('Dr.', 'Alan', 'Reyes')],
    ['Doctor Alan Reyes', parts('Dr.', 'Alan', 'Reyes')],
    ['Prof Maria Lopez', parts('Prof.', 'Maria', 'Lopez')],
    ['Rev. Dr. Martin King', parts('Rev. Dr.', 'Martin', 'King')],
    ['Mr Sam Park', parts('Mr.', 'Sam', 'Park')],
    ['Ms. Ana Li', parts('Ms.', 'Ana', 'Li')],
    ['mrs. Jo March', parts('Mrs.', 'Jo', 'March')],
    ['Mx. Robin Hale', parts('Mx.', 'Robin', 'Hale')],
    ['Fr. Brown', parts('Fr.', null, 'Brown')],
    ['Sr. Mary Clare', parts('Sr.', 'Mary', 'Clare')],
    ['Hon. Ruth Ginsburg', parts('Hon.', 'Ruth', 'Ginsburg')],
    ['Judge Ito', parts('Judge', null, 'Ito')],
    ['Dr. Reyes', parts('Dr.', null, 'Reyes')],
    ['Alan Reyes Jr.', parts(null, 'Alan', 'Reyes', 'Jr.')],
    ['Alan Reyes, PhD', parts(null, 'Alan', 'Reyes', 'PhD')],
    ['Dr. Alan Reyes, MD, FACS', parts('Dr.', 'Alan', 'Reyes', 'MD, FACS')],
    ['Alan Reyes MD', parts(null, 'Alan', 'Reyes', 'MD')],
    ['Jane Roe Esq.', parts(null, 'Jane', 'Roe', 'Esq.')],
    ['Reyes, Alan', parts(null, 'Alan', 'Reyes')],
    ['Reyes, Dr. Alan', parts('Dr.', 'Alan', 'Reyes')],
    ['Ludwig van Beethoven', parts(null, 'Ludwig', 'van Beethoven')],
    ['Alan James Reyes', parts(null, 'Alan James', 'Reyes')],
    ['Van Morrison', parts(null, 'Van', 'Morrison')],
    ['Jack Ma', parts(null, 'Jack', 'Ma')],
    ['Cher', parts(null, 'Cher', null)],
    ['Dean', parts(null, 'Dean', null)],
    ['Judge', parts(null, 'Judge', null)],
    ['  Alan   Reyes  ', parts(null, 'Alan', 'Reyes')],
    ['', parts(null, null, null)],
  ])('%j', (name, expected) => {
    expect(parseName(name)).toEqual(expected);
  });
});

// Properties over generated names: a title is never taken for a given name, and the parts
// survive composing and parsing again.
const word = fc
  .tuple(fc.constantFrom(...'ABCDEFGHIJKLMNOPRSTUVWZ'), fc.stringMatching(/^[a-z]{1,8}$/))
  .map(([a, b]) => a + b)
  .filter(
    (w) =>
      !isHonorific(w) &&
      !isSuffix(w) &&
      ![
        'Van',
        'De',
        'La',
        'Le',
        'Da',
        'Di',
        'Du',
        'Do',
        'St',
        'Ter',
        'Ten',
        'Von',
        'Des',
        'Der',
        'Del',
        'Dos',
        'Das',
        'Bin',
        'Ibn',
        'Della',
      ].includes(w),
  );
const title = fc.constantFrom(
  'Dr.',
  'Dr',
  'dr',
  'DR.',
  'Prof.',
  'Rev.',
  'Mr.',
  'Ms',
  'Mrs.',
  'Mx.',
  'Fr.',
  'Sr.',
  'Hon.',
  'Judge',
);
const suffix = fc.constantFrom('Jr.', 'PhD', 'MD', 'Esq.', 'III', 'CPA');

describe('name properties', () => {
  it('a leading title is the honorific, never the given name', () => {
    fc.assert(
      fc.property(title, word, word, (t, given, family) => {
        const p = parseName(`${t} ${given} ${family}`);
        expect(p.givenName).toBe(given);
        expect(p.familyName).toBe(family);
        expect(p.honorific && isHonorific(p.honorific)).toBe(true);
      }),
    );
  });
  it('a trailing suffix is never a given or family name', () => {
    fc.assert(
      fc.property(fc.option(title), word, word, suffix, (t, given, family, s) => {
        const p = parseName(`${t ? `${t} ` : ''}${given} ${family} ${s}`);
        expect([p.givenName, p.familyName]).toEqual([given, family]);
        expect(p.suffix).toBe(s);
      }),
    );
  });
  it('composing the parts and parsing them again gives the same parts', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), (text) => {
        const p = parseName(text);
        expect(parseName(composeName(p))).toEqual(p);
      }),
    );
  });
});

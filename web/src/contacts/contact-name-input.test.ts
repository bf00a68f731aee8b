import { describe, expect, it } from 'vitest';
import { type NameValues, nameError, nameInputOf, nameValuesOf } from './contact-name-input';

const blankValues = nameValuesOf();
const reyes: NameValues = {
  name: 'Dr. Alan Reyes',
  honorific: 'Dr.',
  givenName: 'Alan',
  familyName: 'Reyes',
  suffix: '',
  preferredName: '',
  salutation: '',
};

describe('the name fields of the contact form', () => {
  it('a new contact typed whole sends the name alone, for the server to split', () => {
    expect(nameInputOf({ ...blankValues, name: ' Dr. Alan Reyes ' })).toEqual({
      name: 'Dr. Alan Reyes',
    });
  });
  it('a new contact given in parts sends the parts that were filled', () => {
    expect(
      nameInputOf({ ...blankValues, honorific: 'Dr.', givenName: 'Alan', familyName: 'Reyes' }),
    ).toEqual({ honorific: 'Dr.', givenName: 'Alan', familyName: 'Reyes' });
  });
  it('an edit that leaves the name alone sends nothing about it', () => {
    expect(nameInputOf(reyes, reyes)).toEqual({});
  });
  it('an edit of a part sends every part (cleared ones as null), not the old name', () => {
    expect(nameInputOf({ ...reyes, honorific: '' }, reyes)).toEqual({
      honorific: null,
      givenName: 'Alan',
      familyName: 'Reyes',
      suffix: null,
    });
  });
  it('a retyped name is sent to be split again; the preferred name and style on their own', () => {
    expect(nameInputOf({ ...reyes, name: 'Prof. Alan Reyes' }, reyes)).toEqual({
      name: 'Prof. Alan Reyes',
    });
    expect(nameInputOf({ ...reyes, preferredName: 'Al', salutation: 'informal' }, reyes)).toEqual({
      preferredName: 'Al',
      salutation: 'informal',
    });
    expect(nameInputOf({ ...reyes, salutation: '' }, { ...reyes, salutation: 'formal' })).toEqual({
      salutation: null,
    });
  });
  it('asks for a name only when there is none at all', () => {
    expect(nameError(blankValues)).toMatch(/Enter a name/);
    expect(nameError({ ...blankValues, familyName: 'Reyes' })).toBeNull();
  });
});

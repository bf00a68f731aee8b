import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { limits } from '../platform/fields.ts';
import {
  type Fillable,
  fillChanges,
  keysOf,
  knownBySlot,
  notesOf,
  outcomeOf,
  rememberRecord,
  rowsPerSecond,
  type SeenRecord,
  undoResult,
} from './import.rules.ts';
import type { ContactCandidate } from './import-file.ts';

const candidate = (over: Partial<ContactCandidate> = {}): ContactCandidate => ({
  name: 'Ana Alves',
  honorific: null,
  givenName: 'Ana',
  familyName: 'Alves',
  suffix: null,
  emails: [],
  phones: [],
  organization: null,
  notes: null,
  labels: [],
  ...over,
});

const empty: Fillable = {
  email: null,
  phone: null,
  organization: null,
  notes: null,
  honorific: null,
  given_name: null,
  family_name: null,
  suffix: null,
};

describe('duplicate detection', () => {
  it('matches emails whatever their case, and phones whatever their punctuation', () => {
    expect(
      keysOf({ emails: ['Ana@Example.com', 'ana@example.com'], phones: ['(312) 555-0101', '12'] }),
    ).toEqual({ emails: ['ana@example.com'], phones: ['3125550101'] });
  });

  it('says what a record is: invalid, a repeat of an earlier row, a duplicate, or new', () => {
    const known = knownBySlot([
      { id: 'm', name: 'Maya Lopez', email_key: 'maya@example.com', phone_key: null },
      { id: 'p', name: 'Pat Phone', email_key: null, phone_key: '3125550199' },
    ]);
    const seen = new Map<string, SeenRecord>();
    const first = { line: 2, candidate: candidate({ emails: ['ana@example.com'] }) };
    expect(outcomeOf(first, seen, known)).toEqual({ kind: 'new' });
    rememberRecord(seen, first);
    expect(
      outcomeOf({ line: 3, candidate: candidate({ emails: ['ANA@example.com'] }) }, seen, known),
    ).toEqual({ kind: 'repeat', reason: 'same email as Ana Alves on line 2 of this file' });
    expect(
      outcomeOf({ line: 4, candidate: candidate({ phones: ['+1 312 555 0199'] }) }, seen, known),
    ).toEqual({
      kind: 'duplicate',
      reason: 'same phone as Pat Phone',
      contact: { id: 'p', name: 'Pat Phone' },
    });
    // By email before phone, when a record matches two contacts.
    expect(
      outcomeOf(
        {
          line: 5,
          candidate: candidate({ emails: ['maya@example.com'], phones: ['312-555-0199'] }),
        },
        seen,
        known,
      ),
    ).toMatchObject({ kind: 'duplicate', contact: { id: 'm' } });
    expect(outcomeOf({ line: 6, problem: 'has no name, email or phone' }, seen, known)).toEqual({
      kind: 'invalid',
      reason: 'has no name, email or phone',
    });
    // A repeat within the file wins over a duplicate of the practice.
    rememberRecord(seen, { line: 7, candidate: candidate({ emails: ['maya@example.com'] }) });
    expect(
      outcomeOf({ line: 8, candidate: candidate({ emails: ['maya@example.com'] }) }, seen, known),
    ).toMatchObject({ kind: 'repeat' });
  });
});

describe('"fill" (point 4: never overwrite what the practice typed)', () => {
  it('fills what is empty', () => {
    expect(
      fillChanges(
        empty,
        candidate({
          emails: ['a@example.com', 'b@example.com'],
          phones: ['1'],
          organization: 'Org',
          notes: 'Hi',
        }),
      ),
    ).toEqual({
      email: 'a@example.com',
      phone: '1',
      organization: 'Org',
      notes: 'Hi\n\nOther emails: b@example.com',
      honorific: null,
      given_name: 'Ana',
      family_name: 'Alves',
      suffix: null,
    });
  });

  it('changes nothing that has a value, for any contact and any record', () => {
    const text = fc.option(fc.string({ minLength: 1 }), { nil: null });
    const existing = fc.record({
      email: text,
      phone: text,
      organization: text,
      notes: text,
      honorific: text,
      given_name: text,
      family_name: text,
      suffix: text,
    });
    const record = fc.record({
      name: fc.string({ minLength: 1 }),
      honorific: text,
      givenName: text,
      familyName: text,
      suffix: text,
      emails: fc.array(fc.emailAddress(), { maxLength: 3 }),
      phones: fc.array(fc.string({ minLength: 1 }), { maxLength: 3 }),
      organization: text,
      notes: text,
      labels: fc.constant<string[]>([]),
    });
    fc.assert(
      fc.property(existing, record, (contact, c) => {
        const changes = fillChanges(contact, c) ?? {};
        for (const [field, value] of Object.entries(contact)) {
          const isPart = ['honorific', 'given_name', 'family_name', 'suffix'].includes(field);
          const hasParts = [
            contact.honorific,
            contact.given_name,
            contact.family_name,
            contact.suffix,
          ].some((p) => p !== null);
          if (value !== null || (isPart && hasParts)) expect(changes).not.toHaveProperty(field);
        }
      }),
    );
  });

  it('has nothing to fill in a full contact', () => {
    const full = Object.fromEntries(Object.keys(empty).map((k) => [k, 'x'])) as Fillable;
    expect(fillChanges(full, candidate({ emails: ['a@example.com'], notes: 'n' }))).toBeNull();
  });
});

describe("a new contact's notes", () => {
  it('keep the other emails and phones, within the notes limit', () => {
    expect(notesOf(candidate())).toBeNull();
    expect(notesOf(candidate({ phones: ['1', '2', '3'] }))).toBe('Other phones: 2, 3');
    const long = notesOf(
      candidate({ notes: 'x'.repeat(limits.notes), emails: ['a@example.com', 'b@example.com'] }),
    );
    expect(long).toHaveLength(limits.notes);
    expect(long?.endsWith('…')).toBe(true);
  });
});

describe('progress and undo', () => {
  it('counts rows a second while running only', () => {
    const now = new Date('2026-06-01T09:00:10.000Z');
    expect(rowsPerSecond('running', 5000, '2026-06-01T09:00:00.000Z', now)).toBe(500);
    expect(rowsPerSecond('done', 5000, '2026-06-01T09:00:00.000Z', now)).toBeNull();
    expect(rowsPerSecond('running', 0, null, now)).toBeNull();
    expect(rowsPerSecond('running', 10, '2026-06-01T09:00:10.000Z', now)).toBeNull();
  });
  it('says why it kept contacts, leaving out reasons that kept none', () => {
    expect(undoResult(5, 0, 2)).toEqual({
      removed: 5,
      kept: 2,
      reasons: [{ reason: 'has referrals or other history', count: 2 }],
    });
  });
});

import { describe, expect, it } from 'vitest';
import {
  draftFieldOf,
  emptyDraft,
  isBlankDraft,
  isNewReferrer,
  type QuickAddDraft,
  toReferralInput,
} from './quick-add-draft';

const options = { currency: 'USD', digits: 2, ownerId: 'me' };
const draft = (patch: Partial<QuickAddDraft>): QuickAddDraft => ({ ...emptyDraft(), ...patch });
const sarah = { id: 'c1', name: 'Sarah Chen' };

describe('toReferralInput', () => {
  it('sends a referrer typed but not picked as a new contact, with the optional email', () => {
    const d = draft({
      referred: { text: ' Tom Ruiz ', contact: null },
      phone: '555 0100',
      referrer: { text: 'Dr. Alan Reyes', contact: null },
      referrerEmail: ' alan@example.com ',
      need: '  Back pain ',
    });
    expect(isNewReferrer(d)).toBe(true);
    expect(toReferralInput(d, options)).toEqual({
      input: {
        referred: { name: 'Tom Ruiz', phone: '555 0100' },
        referrer: { name: 'Dr. Alan Reyes', email: 'alan@example.com' },
        channel: 'in_person',
        consentToUpdate: false,
        need: 'Back pain',
        ownerId: 'me',
      },
    });
  });

  it('sends a picked referrer by id, and forgets an email typed while they were new', () => {
    const d = draft({
      referred: { text: 'Tom', contact: null },
      referrer: { text: 'Sarah Chen', contact: sarah },
      referrerEmail: 'stale@example.com',
      value: 12.5,
      showMore: true,
    });
    const result = toReferralInput(d, options);
    expect(result).toMatchObject({
      input: { referrer: { contactId: 'c1' }, valueMinor: 1250, currency: 'USD' },
    });
  });

  it('sends an unknown referrer only when ticked, and names what is missing otherwise', () => {
    expect(toReferralInput(draft({}), options)).toEqual({
      errors: {
        referred: expect.stringMatching(/name/),
        referrer: expect.stringMatching(/Unknown referrer/),
      },
    });
    const unknown = draft({ referred: { text: 'Tom', contact: null }, isUnknown: true });
    expect(toReferralInput(unknown, options)).toMatchObject({
      input: { referrer: { unknown: true } },
    });
  });

  it('refuses the referred person as their own referrer, and a date received in the future', () => {
    const same = draft({
      referred: { text: 'Sarah Chen', contact: sarah },
      referrer: { text: 'Sarah Chen', contact: sarah },
    });
    expect(toReferralInput(same, options)).toEqual({
      errors: { referrer: expect.stringMatching(/cannot be the person/) },
    });
    const future = draft({
      referred: { text: 'Tom', contact: null },
      isUnknown: true,
      receivedAt: '2999-01-01T10:00',
    });
    expect(toReferralInput(future, options)).toEqual({
      errors: { receivedAt: expect.stringMatching(/future/) },
    });
    const past = toReferralInput({ ...future, receivedAt: '2020-01-01T10:00' }, options);
    expect(past).toMatchObject({
      input: { receivedAt: new Date('2020-01-01T10:00').toISOString() },
    });
  });
});

describe('the draft', () => {
  it('is blank until something is typed or chosen', () => {
    expect(isBlankDraft(emptyDraft())).toBe(true);
    expect(isBlankDraft(draft({ showMore: true }))).toBe(true);
    expect(isBlankDraft(draft({ need: 'x' }))).toBe(false);
    expect(isBlankDraft(draft({ referrer: { text: 'A', contact: null } }))).toBe(false);
    expect(isBlankDraft(draft({ consent: true }))).toBe(false);
    expect(isBlankDraft(draft({ channel: 'email' }))).toBe(false);
  });

  it('starts from the prefilled people', () => {
    expect(emptyDraft({ referrer: sarah }).referrer).toEqual({
      text: 'Sarah Chen',
      contact: sarah,
    });
  });

  it('maps the server’s fields to the dialog’s', () => {
    expect(draftFieldOf('referrer.email')).toBe('referrerEmail');
    expect(draftFieldOf('referrer.name')).toBe('referrer');
    expect(draftFieldOf('referred.email')).toBe('referred');
    expect(draftFieldOf('valueMinor')).toBe('value');
    expect(draftFieldOf('receivedAt')).toBe('receivedAt');
    expect(draftFieldOf('ownerId')).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import {
  addressLine,
  canSendThroughVouch,
  introductionBody,
  touchesPersonStep,
} from './introduction-draft';

const values = {
  name: '  Elena Sorensen ',
  email: ' elena@example.com ',
  note: '',
  subject: ' Maya suggested we talk ',
  body: 'Hello Elena,\n\n',
};

describe('introductionBody', () => {
  it('sends the person trimmed, and no note, referral or draft unless there is one', () => {
    expect(introductionBody('r1', values, { withDraft: false })).toEqual({
      referrerId: 'r1',
      person: { name: 'Elena Sorensen', email: 'elena@example.com' },
    });
  });

  it('adds the note, the referral and the edited draft (the text as typed)', () => {
    expect(
      introductionBody(
        'r1',
        { ...values, note: ' She runs two bakeries. ' },
        { referralId: 'ref1', withDraft: true },
      ),
    ).toEqual({
      referrerId: 'r1',
      person: { name: 'Elena Sorensen', email: 'elena@example.com' },
      referralId: 'ref1',
      note: 'She runs two bakeries.',
      subject: 'Maya suggested we talk',
      body: 'Hello Elena,\n\n',
    });
  });

  it('leaves an emptied subject or text to the server’s draft', () => {
    const body = introductionBody(
      'r1',
      { ...values, subject: ' ', body: '\n' },
      { withDraft: true },
    );
    expect(body).not.toHaveProperty('subject');
    expect(body).not.toHaveProperty('body');
  });
});

describe('the draft as shown', () => {
  it('writes an address line, or says there is no address', () => {
    expect(addressLine({ name: 'Maya', email: 'maya@example.com' })).toBe(
      'Maya <maya@example.com>',
    );
    expect(addressLine({ name: 'Maya', email: null })).toBe('Maya (no email address)');
  });

  it('can be sent only when the referrer can be copied', () => {
    const draft = {
      to: { name: 'Elena', email: 'elena@example.com' },
      cc: { name: 'Maya', email: 'maya@example.com' as string | null },
      subject: 's',
      body: 'b',
      mailto: 'mailto:elena@example.com',
    };
    expect(canSendThroughVouch(draft)).toBe(true);
    expect(canSendThroughVouch({ ...draft, cc: { name: 'Maya', email: null } })).toBe(false);
  });

  it('knows which errors belong to the first step', () => {
    expect(touchesPersonStep({ email: 'taken' })).toBe(true);
    expect(touchesPersonStep({ subject: 'too long' })).toBe(false);
    expect(touchesPersonStep({})).toBe(false);
  });
});

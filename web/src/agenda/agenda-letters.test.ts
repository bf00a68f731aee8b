import { describe, expect, it } from 'vitest';
import { letterFor } from './agenda-letters';

// Types through the module under test, not the API's type file (it is generated elsewhere).
type AgendaItem = Parameters<typeof letterFor>[0];
type AgendaKind = AgendaItem['kind'];

/** Every kind, and whether a letter completes it (a missing or unknown kind does not compile). */
const hasLetter: Record<AgendaKind, boolean> = {
  respond: false,
  thank: true,
  update_referrer: true,
  notify_partner: true,
  ask: false,
  remind_commitment: true,
  reconnect_quiet_source: false,
  give_back: false,
  check_in_given: true,
  keep_in_touch: false,
  grow_category: false,
  explain: false,
};

/** An agenda item as far as the letter reads it. */
function item(
  kind: AgendaKind,
  key = `${kind}:s1`,
  forWhom: string | null = 'Ann Lee',
): AgendaItem {
  const part: Pick<AgendaItem, 'kind' | 'key' | 'subject' | 'forWhom'> = {
    kind,
    key,
    subject: { type: 'referral', id: 's1' },
    forWhom: forWhom === null ? null : { id: 'c1', name: forWhom },
  };
  return part as AgendaItem;
}

describe('letterFor', () => {
  it('offers the thank-you for a referral, and the conversion thank-you for a client', () => {
    expect(letterFor(item('thank', 'thank:s1:referral'))).toEqual({
      buttonLabel: 'Write the thank-you',
      title: 'Thank-you letter to Ann Lee',
      templateKey: 'thanks_referral',
      about: { referralId: 's1' },
      cause: 'thanks_referral',
    });
    const conversion = letterFor(item('thank', 'thank:s1:conversion'));
    expect(conversion?.templateKey).toBe('thanks_conversion');
    expect(conversion?.cause).toBe('thanks_conversion');
  });

  it('names the subject by the id field its template needs', () => {
    expect(letterFor(item('update_referrer'))?.about).toEqual({ referralId: 's1' });
    expect(letterFor(item('notify_partner'))?.about).toEqual({ givenId: 's1' });
    expect(letterFor(item('check_in_given'))?.about).toEqual({ givenId: 's1' });
    expect(letterFor(item('remind_commitment'))?.about).toEqual({ commitmentId: 's1' });
  });

  it('records the change the item asks for, so that sending the letter completes it', () => {
    expect(letterFor(item('update_referrer'))?.cause).toBe('referrer_update');
    expect(letterFor(item('notify_partner'))?.cause).toBe('partner_notified');
    expect(letterFor(item('remind_commitment'))?.cause).toBe('commitment_reminder');
    expect(letterFor(item('check_in_given'))?.cause).toBe('given_check_in');
  });

  it('writes "them" when the item names nobody', () => {
    expect(letterFor(item('remind_commitment', 'remind_commitment:s1', null))?.title).toBe(
      'Reminder letter to them',
    );
  });

  it('offers a letter exactly for the kinds a letter completes', () => {
    for (const [kind, expected] of Object.entries(hasLetter) as [AgendaKind, boolean][]) {
      const letter = letterFor(item(kind));
      if (expected) expect(letter, kind).not.toBeNull();
      else expect(letter, kind).toBeNull();
    }
  });
});

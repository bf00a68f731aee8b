import { describe, expect, it } from 'vitest';
import { buildTimeline, type TimelineSources } from './timeline.rules.ts';

const me = 'c-me';
const empty: TimelineSources = {
  contactId: me,
  interactions: [],
  stageChanges: [],
  referrals: [],
  referralEvents: [],
  referralsGiven: [],
};
const referral = (id: string, referrer: string | null, referred: string, at: string) => ({
  id,
  referrer_id: referrer,
  referrer_name: referrer ? `Name ${referrer}` : null,
  referred_id: referred,
  referred_name: `Name ${referred}`,
  received_at: at,
  need: null,
  by_id: null,
  by_name: null,
});
const given = (id: string, partner: string, person: string, at: string) => ({
  id,
  person_id: person,
  person_name: `Name ${person}`,
  partner_id: partner,
  partner_name: `Name ${partner}`,
  given_at: at,
  reason: null,
  by_id: 'u-sam',
  by_name: 'Sam Rivera',
});

describe('contact timeline', () => {
  it('is empty with a zero balance for a contact without history', () => {
    expect(buildTimeline(empty)).toEqual({
      items: [],
      reciprocity: { received: 0, given: 0, balance: 0, lastExchangeAt: null },
    });
  });

  it('balances referrals received from them against referrals given to them', () => {
    const t = buildTimeline({
      ...empty,
      referrals: [
        referral('r1', me, 'x', '2026-01-01T00:00:00.000Z'),
        referral('r2', me, 'y', '2026-02-01T00:00:00.000Z'),
        referral('r3', me, 'z', '2026-03-01T00:00:00.000Z'),
        referral('r4', 'other', me, '2026-09-01T00:00:00.000Z'),
      ],
      referralsGiven: [
        given('g1', me, 'p', '2026-04-01T00:00:00.000Z'),
        given('g2', 'other', me, '2026-10-01T00:00:00.000Z'),
      ],
    });
    expect(t.reciprocity).toEqual({
      received: 3,
      given: 1,
      balance: 2,
      lastExchangeAt: '2026-04-01T00:00:00.000Z',
    });
    expect(t.items.map((i) => i.kind)).toEqual([
      'referral_given_about',
      'referral_about',
      'referral_given_to',
      'referral_sent',
      'referral_sent',
      'referral_sent',
    ]);
  });

  it("leaves out a referral's created event (the referral shows it) and names status moves", () => {
    const t = buildTimeline({
      ...empty,
      referrals: [referral('r1', me, 'x', '2026-01-01T00:00:00.000Z')],
      referralEvents: [
        {
          id: 'e1',
          referral_id: 'r1',
          kind: 'created',
          from_status: null,
          to_status: 'new',
          at: '2026-01-01T00:00:00.000Z',
          note: null,
          referred_name: 'Name x',
          by_id: null,
          by_name: null,
        },
        {
          id: 'e2',
          referral_id: 'r1',
          kind: 'status_changed',
          from_status: 'meeting',
          to_status: 'not_a_fit',
          at: '2026-01-05T00:00:00.000Z',
          note: 'Wanted evening hours',
          referred_name: 'Name x',
          by_id: 'u-sam',
          by_name: 'Sam Rivera',
        },
        {
          id: 'e3',
          referral_id: 'r1',
          kind: 'thanked',
          from_status: null,
          to_status: null,
          at: '2026-01-02T00:00:00.000Z',
          note: null,
          referred_name: 'Name x',
          by_id: null,
          by_name: null,
        },
      ],
    });
    expect(t.items.map((i) => [i.kind, i.title, i.refId])).toEqual([
      ['referral_event', 'Referral of Name x: meeting → not a fit', 'r1'],
      ['referral_event', 'Referral of Name x: thanked', 'r1'],
      ['referral_sent', 'Referred Name x', 'r1'],
    ]);
  });

  it('says who of the team did each thing (issue 14), and nobody for what came from outside', () => {
    const t = buildTimeline({
      ...empty,
      referralsGiven: [given('g1', me, 'p', '2026-04-01T00:00:00.000Z')],
      referrals: [referral('r1', me, 'x', '2026-01-01T00:00:00.000Z')],
    });
    expect(t.items.map((i) => [i.refId, i.by])).toEqual([
      ['g1', { id: 'u-sam', name: 'Sam Rivera' }],
      ['r1', null],
    ]);
  });
});

/**
 * Issue 11 point 1: every agenda kind's text, for a person with and without a title, under both
 * salutation styles — never "Dr. was not told anything yet"; a person is called as contacts'
 * name rules address them ("Dr. Reyes" or "Alan") or by their full name.
 */
import { describe, expect, it } from 'vitest';
import {
  type AddressableName,
  addressableFromName,
  type SalutationStyle,
} from '../contacts/contact-name.rules.ts';
import { hourMs as H } from '../platform/calendar.ts';
import { defaultSettings } from '../practices/settings.rules.ts';
import {
  type AgendaItem,
  type AgendaKind,
  type AgendaSettings,
  agendaKinds,
  askItems,
  checkInItems,
  explainItems,
  type GivenAgendaRow,
  giveBackItems,
  growCategoryItems,
  keepInTouchItems,
  notifyPartnerItems,
  quietSourceItems,
  type ReferralAgendaRow,
  remindCommitmentItems,
  respondItems,
  thankItems,
  updateReferrerItems,
} from './agenda.rules.ts';

const D = 24 * H;
const T0 = '2026-03-02T09:00:00.000Z';
const ago = (ms: number) => new Date(Date.parse(T0) - ms).toISOString();
const clock = { now: new Date(Date.parse(T0) + 3 * H), timeZone: 'UTC' };

type Person = { name: string; address: AddressableName };
const person = (name: string): Person => ({ name, address: addressableFromName(name) });

const referral = (p: Person, over: Partial<ReferralAgendaRow> = {}): ReferralAgendaRow => ({
  id: 'r1',
  referred_id: 'c2',
  referred_name: 'Tom Ruiz',
  referred_address: addressableFromName('Tom Ruiz'),
  referrer_id: 'c1',
  referrer_name: p.name,
  referrer_address: p.address,
  received_at: T0,
  status: 'new',
  status_changed_at: T0,
  first_contact_at: null,
  closed_at: null,
  client_at: null,
  thanked_at: null,
  conversion_thanked_at: null,
  consent_to_update: false,
  referrer_told_status: null,
  referrer_told_at: null,
  referrer_is_treating_provider: false,
  ...over,
});

const given = (p: Person, givenAt: string): GivenAgendaRow => ({
  id: 'g1',
  person_id: 'c3',
  person_name: 'Gina Given',
  partner_id: 'c1',
  partner_name: p.name,
  partner_address: p.address,
  given_at: givenAt,
  partner_notified_at: null,
  checked_in_at: null,
});

/** Each kind's items about `p` (the referrer, partner or contact the item is for). */
const itemsOf: Record<AgendaKind, (p: Person, s: AgendaSettings) => AgendaItem[]> = {
  respond: (p, s) =>
    respondItems(
      [{ ...referral(person('Tom Ruiz')), referred_name: p.name, referred_address: p.address }],
      s,
      clock,
    ),
  thank: (p, s) => thankItems([referral(p)], s, clock, 'coach'),
  update_referrer: (p, s) =>
    updateReferrerItems(
      [referral(p, { status: 'contacted', first_contact_at: T0, consent_to_update: true })],
      s,
      clock,
    ),
  notify_partner: (p, s) => notifyPartnerItems([given(p, T0)], s, clock),
  ask: (p, s) =>
    askItems(
      [
        {
          moment_id: 'm1',
          moment_kind: 'milestone',
          score: null,
          occurred_at: T0,
          contact_id: 'c1',
          contact_name: p.name,
          contact_address: p.address,
          stage: 'likes',
          do_not_ask: false,
          last_asked_at: null,
        },
      ],
      s,
      clock,
    ),
  remind_commitment: (p, s) =>
    remindCommitmentItems(
      [
        {
          id: 'k1',
          contact_id: 'c1',
          contact_name: p.name,
          made_at: ago(30 * D),
          promised_count: 3,
          status: 'open',
          reminders_sent: 0,
          last_reminder_at: null,
          last_credit_at: null,
          credited: 0,
        },
      ],
      s,
      clock,
    ),
  reconnect_quiet_source: (p, s) =>
    quietSourceItems(
      [
        {
          id: 'c1',
          name: p.name,
          stage: 'trusts',
          created_at: ago(200 * D),
          last_touch_at: null,
          last_referral_at: null,
          has_open_commitment: false,
        },
      ],
      s,
      clock,
    ),
  give_back: (p, s) => giveBackItems([{ id: 'c1', name: p.name, received: 3, given: 0 }], s, clock),
  check_in_given: (p, s) => checkInItems([given(p, ago(20 * D))], s, clock),
  keep_in_touch: (p, s) =>
    keepInTouchItems(
      [
        {
          id: 'c1',
          name: p.name,
          stage: 'trusts',
          roles: [],
          keep_in_touch_days: null,
          created_at: ago(100 * D),
          last_touch_at: null,
        },
      ],
      s,
      clock,
    ),
  grow_category: (_p, s) =>
    growCategoryItems(
      [{ id: 'k1', name: 'Physicians', most_wanted_rank: 1, target: 5, coverage: 0 }],
      s,
      clock,
      'week',
    ),
  explain: (p, s) =>
    explainItems(
      [
        {
          id: 's1',
          contact_id: 'c1',
          contact_name: p.name,
          answered_at: ago(D),
          score_percent: 20,
          missed_phrases: '["sleep"]',
          last_talk_at: null,
        },
      ],
      s,
      clock,
    ),
};

/** The kinds whose text calls the person mid-sentence, and what it calls them. */
const calls: Partial<Record<AgendaKind, RegExp>> = {
  respond: /call (\S+(?: \S+)?);/,
  update_referrer: /and (.+) was not told anything yet\./,
  notify_partner: /; (.+) has not been told yet\./,
  ask: /more; (.+) is at likes/,
};

const people = {
  titled: { name: 'Dr. Alan Reyes', formal: 'Dr. Reyes', informal: 'Alan' },
  plain: { name: 'Alan Reyes', formal: 'Alan Reyes', informal: 'Alan' },
} as const;

/** A title followed by anything but a name: the bug of issue 11 ("Dr. was not told…"). */
const bareTitle = /\b(?:Dr|Prof|Mx|Mrs|Ms|Mr)\.(?!\s+[A-Z])/;

const cases = agendaKinds.flatMap((kind) =>
  (['titled', 'plain'] as const).flatMap((who) =>
    (['formal', 'informal'] as const).map((style) => [kind, who, style] as const),
  ),
);

describe('agenda text and names', () => {
  it.each(cases)('%s, %s, %s', (kind, who, style: SalutationStyle) => {
    const p = people[who];
    const items = itemsOf[kind](person(p.name), { ...defaultSettings, salutationStyle: style });
    expect(items).toHaveLength(1);
    const item = items[0] as AgendaItem;
    expect(item.kind).toBe(kind);
    const text = `${item.title} ${item.why}`;
    expect(text).not.toMatch(bareTitle);
    const call = calls[kind];
    if (call) expect(call.exec(item.why)?.[1]).toBe(p[style]);
    else if (kind !== 'grow_category') expect(text).toContain(p.name);
  });

  it('a contact with their own style and a preferred name is called by it', () => {
    const address = {
      ...addressableFromName('Dr. Alan Reyes'),
      preferredName: 'Al',
      salutation: 'informal' as const,
    };
    const [item] = notifyPartnerItems(
      [{ ...given(person('Dr. Alan Reyes'), T0), partner_address: address }],
      defaultSettings,
      clock,
    );
    expect(item?.why).toMatch(/; Al has not been told yet\./);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mayTellStatus } from '../letters/letter.rules.ts';
import { hourMs as H, weekStartOf } from '../platform/calendar.ts';
import { professionIds } from '../practices/professions.ts';
import { defaultSettings } from '../practices/settings.rules.ts';
import { referralStatuses } from '../referrals/referral.rules.ts';
import {
  type AgendaClock,
  type AgendaItem,
  type AgendaMark,
  type AskAgendaRow,
  agendaKinds,
  askItems,
  assembleAgenda,
  type CommitmentAgendaRow,
  calendarEventOf,
  calendarTextOf,
  checkInItems,
  compareItems,
  countByUrgency,
  dayUrgency,
  type GivenAgendaRow,
  giveBackItems,
  growCategoryItems,
  itemKey,
  notifyPartnerItems,
  parseItemKey,
  type ReferralAgendaRow,
  rankOf,
  remindCommitmentItems,
  respondItems,
  spanText,
  tellsReferralStatus,
  thankItems,
  updateReferrerItems,
  urgencies,
  webPathOf,
} from './agenda.rules.ts';

const D = 24 * H;
const T0 = '2026-03-02T09:00:00.000Z';
const at = (ms: number) => new Date(Date.parse(T0) + ms);
const clockAt = (ms: number, timeZone = 'UTC') => ({ now: at(ms), timeZone });
const settings = defaultSettings;

const referral = (over: Partial<ReferralAgendaRow> = {}): ReferralAgendaRow => ({
  id: 'r1',
  referred_id: 'c2',
  referred_name: 'Tom Ruiz',
  referrer_id: 'c1',
  referrer_name: 'Sarah Chen',
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

describe('agenda rules', () => {
  it('ranks the 12 kinds as §4 lists them', () => {
    expect(agendaKinds).toHaveLength(12);
    expect(rankOf('respond')).toBe(1);
    expect(rankOf('explain')).toBe(12);
  });

  it('keys name kind, subject and cause version, and parse back', () => {
    const key = itemKey('keep_in_touch', '019a-abc', 1764108000000);
    expect(key).toBe('keep_in_touch:019a-abc:1764108000000');
    expect(parseItemKey(key)).toEqual({
      kind: 'keep_in_touch',
      subjectId: '019a-abc',
      version: '1764108000000',
    });
    expect(parseItemKey('respond:019a-abc')).toEqual({
      kind: 'respond',
      subjectId: '019a-abc',
      version: null,
    });
    expect(parseItemKey('nope:abc')).toBeNull();
    expect(parseItemKey('respond:a/b')).toBeNull();
  });

  it('respond: the text says who, how long ago and where the window stands', () => {
    expect(respondItems([referral()], settings, clockAt(-1))).toEqual([]);
    const [fresh] = respondItems([referral()], settings, clockAt(3 * H));
    expect(fresh?.why).toBe(
      'Sarah Chen referred Tom Ruiz 3 h ago — call Tom Ruiz; 21 h left in your 24 h window.',
    );
    expect(fresh?.urgency).toBe('today');
    const [late] = respondItems([referral()], settings, clockAt(26 * H));
    expect(late?.urgency).toBe('overdue');
    expect(late?.why).toContain('you are 2 h past your 24 h window');
    const [unknown] = respondItems(
      [referral({ referrer_id: null, referrer_name: null })],
      settings,
      clockAt(H),
    );
    expect(unknown?.why).toContain('Tom Ruiz was referred to you 1 h ago (referrer unknown)');
    expect(respondItems([referral({ status: 'contacted' })], settings, clockAt(H))).toEqual([]);
  });

  it('thank: none for an unknown referrer; overdue one ms after the 48 h', () => {
    const thank = (rows: ReferralAgendaRow[], c: AgendaClock, profession = 'coach') =>
      thankItems(rows, settings, c, profession);
    expect(thank([referral({ referrer_id: null })], clockAt(H))).toEqual([]);
    expect(thank([referral()], clockAt(48 * H))[0]?.urgency).toBe('today');
    expect(thank([referral()], clockAt(48 * H + 1))[0]?.urgency).toBe('overdue');
    const converted = referral({
      thanked_at: T0,
      status: 'client',
      client_at: at(D).toISOString(),
      consent_to_update: true,
    });
    expect(thank([converted], clockAt(D - 1))).toEqual([]);
    expect(thank([converted], clockAt(D))[0]?.key).toBe('thank:r1:conversion');
  });

  it('thank on conversion: only where the referrer may be told (§3.2), never by timing alone', () => {
    const converted = (over: Partial<ReferralAgendaRow>) =>
      referral({ thanked_at: T0, status: 'client', client_at: T0, ...over });
    const conversions = (r: ReferralAgendaRow, profession: string) =>
      thankItems([r], settings, clockAt(H), profession).filter((i) =>
        i.key.endsWith(':conversion'),
      );
    for (const profession of professionIds) {
      expect(conversions(converted({}), profession)).toEqual([]);
      expect(conversions(converted({ consent_to_update: true }), profession)).toHaveLength(1);
      // The treating-provider exception is the health profile's alone.
      expect(
        conversions(converted({ referrer_is_treating_provider: true }), profession),
      ).toHaveLength(profession === 'health' ? 1 : 0);
    }
    fc.assert(
      fc.property(
        fc.constantFrom(...professionIds),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: 0, max: 30 * D }),
        (profession, consent, treating, later) => {
          const r = converted({
            consent_to_update: consent,
            referrer_is_treating_provider: treating,
          });
          const items = thankItems([r], settings, clockAt(later), profession);
          const allowed = mayTellStatus({
            consentToUpdate: consent,
            profession,
            isTreatingProvider: treating,
          });
          if (!allowed) {
            expect(items.some((i) => i.key.endsWith(':conversion'))).toBe(false);
            expect(JSON.stringify(items)).not.toMatch(/client|trust/);
          }
        },
      ),
    );
  });

  it('ask: one item per contact, the window that lasts longest; none inside the cooldown', () => {
    const row: AskAgendaRow = {
      moment_id: 'm1',
      moment_kind: 'milestone',
      score: null,
      occurred_at: T0,
      contact_id: 'c1',
      contact_name: 'Maria Gomez',
      stage: 'likes',
      do_not_ask: false,
      last_asked_at: null,
    };
    const later = { ...row, moment_id: 'm2', occurred_at: at(D).toISOString() };
    const items = askItems([row, later], settings, clockAt(2 * D));
    expect(items.map((i) => i.key)).toEqual(['ask:c1:m2']);
    const asked = { ...row, last_asked_at: at(-10 * D).toISOString() };
    expect(askItems([asked], settings, clockAt(H))).toEqual([]);
    expect(askItems([{ ...row, moment_kind: 'feedback', score: 8 }], settings, clockAt(H))).toEqual(
      [],
    );
    expect(askItems([{ ...row, do_not_ask: true }], settings, clockAt(H))).toEqual([]);
  });

  it('remind_commitment: a credit after the last reminder starts the count again', () => {
    const c: CommitmentAgendaRow = {
      id: 'k1',
      contact_id: 'c1',
      contact_name: 'Jo Park',
      made_at: T0,
      promised_count: 5,
      status: 'open',
      reminders_sent: 2,
      last_reminder_at: at(28 * D).toISOString(),
      last_credit_at: null,
      credited: 0,
    };
    expect(remindCommitmentItems([c], settings, clockAt(42 * D))[0]?.action.path).toBe(
      '/commitments/k1/release',
    );
    const answered = { ...c, last_credit_at: at(30 * D).toISOString(), credited: 1 };
    expect(remindCommitmentItems([answered], settings, clockAt(44 * D - 1))).toEqual([]);
    expect(remindCommitmentItems([answered], settings, clockAt(44 * D))[0]?.action.path).toBe(
      '/commitments/k1/reminders',
    );
  });

  it('give_back: at the threshold, not below', () => {
    const p = { id: 'p1', name: 'Lee', received: 3, given: 1 };
    expect(giveBackItems([p], settings, clockAt(0))).toHaveLength(1);
    expect(giveBackItems([{ ...p, given: 2 }], settings, clockAt(0))).toEqual([]);
  });

  it('grow_category: Mondays in the practice time zone; keyed by week', () => {
    const row = { id: 'k1', name: 'Accountants', most_wanted_rank: 1, target: null, coverage: 5 };
    expect(growCategoryItems([row], settings, clockAt(0))).toEqual([]); // at target
    const under = { ...row, coverage: 2 };
    expect(growCategoryItems([under], settings, clockAt(0))[0]?.key).toBe(
      'grow_category:k1:2026-03-02',
    );
    // 09:00 UTC Monday is still Sunday evening in Honolulu (UTC−10) until 10:00.
    expect(growCategoryItems([under], settings, clockAt(0, 'Pacific/Honolulu'))).toEqual([]);
    expect(weekStartOf(at(D), 'UTC')).toBe('2026-03-02');
  });

  it('day urgency: today on the due day, overdue after it, this week within 7 days', () => {
    const c = clockAt(0);
    expect(dayUrgency(T0, c)).toBe('today');
    expect(dayUrgency(at(-D).toISOString(), c)).toBe('overdue');
    expect(dayUrgency(at(3 * D).toISOString(), c)).toBe('this_week');
    expect(dayUrgency(at(30 * D).toISOString(), c)).toBe('later');
  });

  it('spans read like a person would say them', () => {
    expect(spanText(30_000)).toBe('1 min');
    expect(spanText(45 * 60_000)).toBe('45 min');
    expect(spanText(26 * H)).toBe('26 h');
    expect(spanText(75 * D)).toBe('75 days');
  });

  const arbItem = fc
    .record({
      kind: fc.constantFrom(...agendaKinds),
      urgency: fc.constantFrom(...urgencies),
      dueAt: fc.option(
        fc.integer({ min: 0, max: 10 ** 10 }).map((n) => new Date(1.7e12 + n).toISOString()),
      ),
      id: fc.uuid(),
    })
    .map(
      ({ kind, urgency, dueAt, id }): AgendaItem => ({
        key: itemKey(kind, id),
        kind,
        rank: rankOf(kind),
        title: 't',
        forWhom: null,
        party: null,
        why: 'w',
        dueAt,
        urgency,
        action: { label: 'l', method: 'POST', path: '/x', body: null },
        subject: { type: 'contact', id },
      }),
    );

  it('orders by urgency, then rank, then due time; marks hide exactly their keys', () => {
    fc.assert(
      fc.property(fc.array(arbItem, { maxLength: 40 }), fc.nat(), (items, seed) => {
        const marks = new Map<string, AgendaMark>();
        items.forEach((item, i) => {
          if ((seed + i) % 3 === 0)
            marks.set(item.key, { key: item.key, state: 'dismissed', until: null });
          if ((seed + i) % 3 === 1)
            marks.set(item.key, { key: item.key, state: 'snoozed', until: at(H).toISOString() });
        });
        const unique = [...new Map(items.map((i) => [i.key, i])).values()];
        const shown = assembleAgenda(unique, marks, at(0));
        for (let i = 1; i < shown.length; i++)
          expect(compareItems(shown[i - 1] as AgendaItem, shown[i] as AgendaItem)).toBeLessThan(0);
        expect(shown.every((i) => !marks.has(i.key))).toBe(true);
        const afterSnooze = assembleAgenda(unique, marks, at(H));
        expect(afterSnooze.length).toBe(
          unique.filter((i) => marks.get(i.key)?.state !== 'dismissed').length,
        );
        const counts = countByUrgency(shown);
        expect(Object.values(counts).reduce((s, n) => s + n, 0)).toBe(shown.length);
      }),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Calendar feeds (§3.2, §8): what leaves Vouch names the action and the referrer or partner only

/** Names from an alphabet no event text uses, so any hit is a real leak. */
const planted = (tag: string) => fc.stringMatching(/^[A-Z][a-z]{2,8}$/).map((s) => `Ж${tag}${s}`);

describe('calendar events', () => {
  it('never carry the referred person, their status or a conversion, whatever the rows', () => {
    fc.assert(
      fc.property(
        planted('first'),
        planted('last'),
        planted('person'),
        fc.constantFrom(...referralStatuses),
        fc.constantFrom(...professionIds),
        fc.boolean(),
        fc.boolean(),
        fc.integer({ min: -20 * D, max: 20 * D }),
        fc.integer({ min: 0, max: 60 * D }),
        (first, last, person, status, profession, consent, treating, offset, later) => {
          const received = at(offset).toISOString();
          const isClient = status === 'client';
          const row = referral({
            referred_name: `${first} ${last}`,
            status,
            received_at: received,
            status_changed_at: received,
            client_at: isClient ? received : null,
            consent_to_update: consent,
            referrer_is_treating_provider: treating,
          });
          const given: GivenAgendaRow = {
            id: 'g1',
            person_id: 'c9',
            person_name: person,
            partner_id: 'c8',
            partner_name: 'Paula Partner',
            given_at: received,
            partner_notified_at: null,
            checked_in_at: null,
          };
          const clock = clockAt(later);
          const items = [
            ...respondItems([row], settings, clock),
            ...thankItems([row], settings, clock, profession),
            ...updateReferrerItems([row], settings, clock),
            ...notifyPartnerItems([given], settings, clock),
            ...checkInItems([given], settings, clock),
          ];
          for (const item of items) {
            const event = calendarEventOf({ ...item, dueAt: item.dueAt ?? received }, clock);
            if (tellsReferralStatus(item)) {
              expect(event).toBeNull();
              continue;
            }
            const text = JSON.stringify(event);
            for (const secret of ['Ж', first, last, person, 'conversion', 'trust'])
              expect(text).not.toContain(secret);
            expect(text).not.toMatch(/client|contacted|meeting|not a fit|declined|seen/i);
            expect(event?.summary).toMatch(/Sarah Chen|Paula Partner/);
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('name nobody for the kinds about any contact (who may be a client or once referred)', () => {
    const contactKinds = ['ask', 'keep_in_touch', 'reconnect_quiet_source', 'explain'] as const;
    fc.assert(
      fc.property(fc.constantFrom(...agendaKinds), fc.string({ minLength: 3 }), (kind, name) => {
        const { summary, description } = calendarTextOf(kind, `Zelda ${name}`, 'Log a touch');
        const named = `${summary} ${description}`.includes(`Zelda ${name}`);
        if ((contactKinds as readonly string[]).includes(kind)) expect(named).toBe(false);
      }),
    );
    expect(calendarTextOf('thank', 'Sarah Chen', 'Mark thanked').summary).toBe(
      'Thank Sarah Chen for a referral',
    );
  });

  it('sit at their due time, or all day today once their day has passed; link to the item', () => {
    const clock = clockAt(3 * D);
    const [fresh] = respondItems(
      [referral({ received_at: at(3 * D - H).toISOString() })],
      settings,
      clock,
    );
    expect(fresh && calendarEventOf(fresh, clock)).toEqual({
      start: at(4 * D - H).toISOString(),
      isAllDay: false,
      summary: 'Call back a referral from Sarah Chen',
      description: 'To do: Log the call.',
      path: '/referrals/r1',
    });
    const [late] = respondItems([referral()], settings, clock);
    expect(late && calendarEventOf(late, clock)).toMatchObject({
      start: '2026-03-05T00:00:00.000Z',
      isAllDay: true,
      description: 'To do: Log the call. Overdue since 2026-03-03.',
    });
    // Today is the practice's day: 01:00 UTC on the 5th is still the 4th in New York.
    const ny = { now: new Date('2026-03-05T01:00:00.000Z'), timeZone: 'America/New_York' };
    expect(late && calendarEventOf(late, ny)?.start).toBe('2026-03-04T00:00:00.000Z');
    expect(webPathOf({ subject: { type: 'contact', id: 'c1' }, party: null })).toBe('/contacts/c1');
    expect(webPathOf({ subject: { type: 'referral_given', id: 'g1' }, party: null })).toBe(
      '/referrals/given',
    );
  });
});

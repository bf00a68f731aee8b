import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayMs, hourMs as H } from '../platform/calendar.ts';
import { checkInOf, outcomeAtAfter } from './given.rules.ts';
import { isOwed, ledgerEntryOf, ledgerOf } from './reciprocity.rules.ts';
import {
  clockOf,
  correctionFor,
  decodeReferralCursor,
  encodeReferralCursor,
  expandStatuses,
  normalizeTags,
  type ReferralStatus,
  referralStatuses,
  referrerUpdateOf,
  reopenTarget,
  thanksOf,
  thanksRefusal,
  timesAfterCorrection,
  timesAfterMove,
  transitionFor,
} from './referral.rules.ts';

const received = '2026-03-02T09:00:00.000Z';
const at = (offsetMs: number) => new Date(Date.parse(received) + offsetMs);
const iso = (offsetMs: number) => at(offsetMs).toISOString();
const window = { responseWindowHours: 24 };

describe('transitionFor, over every pair of statuses', () => {
  // The whole table: forward along new → contacted → meeting → client, or open → closed.
  const allowed: Record<ReferralStatus, ReferralStatus[]> = {
    new: ['contacted', 'meeting', 'client', 'not_a_fit', 'declined', 'no_response'],
    contacted: ['meeting', 'client', 'not_a_fit', 'declined', 'no_response'],
    meeting: ['client', 'not_a_fit', 'declined', 'no_response'],
    client: [],
    not_a_fit: [],
    declined: [],
    no_response: [],
  };
  const pairs = referralStatuses.flatMap((from) =>
    referralStatuses.map((to) => ({ from, to, ok: allowed[from].includes(to) })),
  );
  it.each(pairs)('$from → $to: allowed $ok', ({ from, to, ok }) => {
    const verdict = transitionFor(from, to);
    expect(verdict.allowed).toBe(ok);
    if (!verdict.allowed) expect(verdict.reason).toMatch(/^[A-Z].*\.$/);
  });

  it('explains refusals in words a person understands', () => {
    expect(transitionFor('client', 'meeting')).toEqual({
      allowed: false,
      reason: 'A referral that became a client cannot go back to meeting.',
    });
    expect(transitionFor('declined', 'contacted')).toMatchObject({
      reason: expect.stringContaining('reopen it first'),
    });
    expect(transitionFor('meeting', 'contacted')).toMatchObject({
      reason: expect.stringContaining('only move forward'),
    });
    expect(transitionFor('new', 'new')).toMatchObject({ reason: 'The referral is already new.' });
  });
});

describe('timesAfterMove', () => {
  const start = {
    status: 'new' as ReferralStatus,
    status_changed_at: received,
    first_contact_at: null,
    meeting_at: null,
    client_at: null,
    closed_at: null,
  };
  it('sets first contact on the first move past new, also when skipping ahead', () => {
    const t = iso(2 * H);
    expect(timesAfterMove(start, 'meeting', t)).toMatchObject({
      status: 'meeting',
      first_contact_at: t,
      meeting_at: t,
      client_at: null,
      status_changed_at: t,
    });
    const client = timesAfterMove(start, 'client', t);
    expect(client).toMatchObject({ first_contact_at: t, client_at: t, meeting_at: null });
  });
  it('keeps the first contact time on later moves and sets closedAt on closing', () => {
    const contacted = timesAfterMove(start, 'contacted', iso(H));
    const closed = timesAfterMove(contacted, 'declined', iso(5 * H));
    expect(closed).toMatchObject({ first_contact_at: iso(H), closed_at: iso(5 * H) });
    expect(timesAfterMove(start, 'no_response', iso(H)).first_contact_at).toBeNull();
  });
});

describe('reopenTarget', () => {
  const ev = (kind: string, from: ReferralStatus | null, to: ReferralStatus | null) => ({
    kind,
    from_status: from,
    to_status: to,
  });
  it('a referral closed by a correction goes back to the status it was corrected from', () => {
    expect(
      reopenTarget({ first_contact_at: 'x', meeting_at: null }, [
        ev('created', null, 'new'),
        ev('status', 'new', 'contacted'),
        ev('status', 'contacted', 'meeting'),
        ev('corrected', 'meeting', 'contacted'),
        ev('corrected', 'contacted', 'no_response'),
      ]),
    ).toBe('contacted');
  });
  it('goes back to the open status the referral had when it was closed', () => {
    const events = [ev('created', null, 'new'), ev('status', 'new', 'meeting')];
    expect(
      reopenTarget({ first_contact_at: 'x', meeting_at: 'x' }, [
        ...events,
        ev('status', 'meeting', 'declined'),
      ]),
    ).toBe('meeting');
    expect(
      reopenTarget({ first_contact_at: null, meeting_at: null }, [
        ev('created', null, 'new'),
        ev('status', 'new', 'no_response'),
        ev('reopened', 'no_response', 'new'),
        ev('status', 'new', 'contacted'),
        ev('status', 'contacted', 'not_a_fit'),
      ]),
    ).toBe('contacted');
  });
  it('falls back on the timestamps without a closing event', () => {
    expect(reopenTarget({ first_contact_at: 'x', meeting_at: null }, [])).toBe('contacted');
    expect(reopenTarget({ first_contact_at: null, meeting_at: null }, [])).toBe('new');
  });
});

describe('clockOf, at the edges of the response window', () => {
  const r = (first: string | null, closed: string | null = null) => ({
    received_at: received,
    first_contact_at: first,
    closed_at: closed,
  });
  it('is due until the due time, overdue exactly at it and after', () => {
    expect(clockOf(r(null), window, at(24 * H - 1))).toMatchObject({
      state: 'due',
      dueAt: iso(24 * H),
      overdueByMinutes: null,
    });
    expect(clockOf(r(null), window, at(24 * H))).toMatchObject({
      state: 'overdue',
      overdueByMinutes: 0,
    });
    expect(clockOf(r(null), window, at(24 * H + 1)).state).toBe('overdue');
    expect(clockOf(r(null), window, at(26 * H)).overdueByMinutes).toBe(120);
  });
  it('is met when the first contact is at or before the due time, late one ms after', () => {
    expect(clockOf(r(iso(24 * H - 1)), window, at(99 * H)).state).toBe('met');
    expect(clockOf(r(iso(24 * H)), window, at(99 * H))).toMatchObject({
      state: 'met',
      tookMinutes: 24 * 60,
      overdueByMinutes: null,
    });
    expect(clockOf(r(iso(24 * H + 1)), window, at(99 * H))).toMatchObject({
      state: 'late',
      tookMinutes: 24 * 60,
      overdueByMinutes: 0,
    });
  });
  it('freezes at closing time for a referral closed without contact', () => {
    expect(clockOf(r(null, iso(3 * H)), window, at(500 * H)).state).toBe('due');
    expect(clockOf(r(null, iso(30 * H)), window, at(500 * H))).toMatchObject({
      state: 'overdue',
      overdueByMinutes: 360,
    });
  });
  it('follows the practice setting', () => {
    expect(clockOf(r(null), { responseWindowHours: 2 }, at(2 * H)).state).toBe('overdue');
  });

  it('property: met ⇔ firstContactAt ≤ dueAt; due ⇔ uncontacted and before dueAt', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 720 }),
        fc.integer({ min: 0, max: 2000 * H }),
        fc.option(fc.integer({ min: 0, max: 2000 * H })),
        (hours, nowOffset, firstOffset) => {
          const first = firstOffset === null ? null : iso(firstOffset);
          const clock = clockOf(r(first), { responseWindowHours: hours }, at(nowOffset));
          const due = Date.parse(clock.dueAt);
          expect(due - Date.parse(received)).toBe(hours * H);
          if (first === null) {
            expect(clock.state === 'due').toBe(at(nowOffset).getTime() < due);
            expect(clock.state === 'overdue').toBe(at(nowOffset).getTime() >= due);
          } else {
            expect(clock.state === 'met').toBe(Date.parse(first) <= due);
            expect(clock.state === 'late').toBe(Date.parse(first) > due);
            expect(clock.tookMinutes).toBe(Math.floor((firstOffset ?? 0) / 60_000));
          }
        },
      ),
    );
  });
});

describe('thanksOf', () => {
  const base = {
    referrer_id: 'c1',
    received_at: received,
    client_at: null as string | null,
    thanked_at: null as string | null,
    conversion_thanked_at: null as string | null,
  };
  const within = { thankWithinHours: 48 };
  it('a referral thank-you is due for 48 h, due exactly at the time, overdue one ms after', () => {
    expect(thanksOf(base, within, at(48 * H - 1)).referral).toEqual({
      state: 'due',
      dueAt: iso(48 * H),
      thankedAt: null,
    });
    expect(thanksOf(base, within, at(48 * H)).referral.state).toBe('due');
    expect(thanksOf(base, within, at(48 * H + 1)).referral.state).toBe('overdue');
    expect(thanksOf({ ...base, thanked_at: iso(H) }, within, at(99 * H)).referral.state).toBe(
      'done',
    );
  });
  it('a conversion earns a second thank-you within 48 h of becoming a client', () => {
    expect(thanksOf(base, within, at(0)).conversion).toEqual({
      state: 'not_applicable',
      dueAt: null,
      thankedAt: null,
    });
    const client = { ...base, client_at: iso(100 * H) };
    expect(thanksOf(client, within, at(148 * H)).conversion).toMatchObject({
      state: 'due',
      dueAt: iso(148 * H),
    });
    expect(thanksOf(client, within, at(148 * H + 1)).conversion.state).toBe('overdue');
    expect(
      thanksOf({ ...client, conversion_thanked_at: iso(149 * H) }, within, at(200 * H)).conversion
        .state,
    ).toBe('done');
  });
  it('with an unknown referrer there is nobody to thank', () => {
    const t = thanksOf({ ...base, referrer_id: null, client_at: iso(H) }, within, at(999 * H));
    expect([t.referral.state, t.conversion.state]).toEqual(['not_applicable', 'not_applicable']);
    expect(thanksRefusal({ ...base, referrer_id: null, status: 'new' }, 'referral')).toMatch(
      /nobody to thank/,
    );
  });
  it('refuses a conversion thank-you before the client status and thanking twice', () => {
    expect(thanksRefusal({ ...base, status: 'meeting' }, 'conversion')).toMatch(/became a client/);
    expect(thanksRefusal({ ...base, thanked_at: iso(1), status: 'new' }, 'referral')).toMatch(
      /already/,
    );
    expect(thanksRefusal({ ...base, status: 'new' }, 'referral')).toBeNull();
  });
});

describe('referrerUpdateOf', () => {
  const r = (consent: boolean, status: ReferralStatus, told: ReferralStatus | null) => ({
    referrer_id: 'c1',
    consent_to_update: consent,
    status,
    referrer_told_status: told,
    referrer_told_at: told ? received : null,
  });
  it.each([
    [false, 'client', null, 'not_allowed'],
    [true, 'new', null, 'up_to_date'],
    [true, 'contacted', null, 'due'],
    [true, 'contacted', 'contacted', 'up_to_date'],
    [true, 'client', 'contacted', 'due'],
    [true, 'declined', 'meeting', 'due'],
  ] as const)('consent %s, status %s, told %s → %s', (consent, status, told, state) => {
    expect(referrerUpdateOf(r(consent, status, told)).state).toBe(state);
  });
  it('is not allowed with an unknown referrer', () => {
    expect(referrerUpdateOf({ ...r(true, 'client', null), referrer_id: null }).state).toBe(
      'not_allowed',
    );
  });
});

describe('filters, cursors and dates', () => {
  it('expands open and closed, refuses unknown statuses', () => {
    expect(expandStatuses(['open'])).toEqual(['new', 'contacted', 'meeting']);
    expect(expandStatuses(['closed', 'client'])).toEqual([
      'client',
      'not_a_fit',
      'declined',
      'no_response',
    ]);
    expect(expandStatuses(['won'])).toBeNull();
  });
  it('normalizes tags', () => {
    expect(normalizeTags([' Tax  Planning', 'tax planning', 'Estate'])).toEqual([
      'tax planning',
      'estate',
    ]);
  });
  it('round-trips cursors and refuses one of another sort', () => {
    const key = { group: 1, receivedAt: received, id: 'abc' };
    expect(decodeReferralCursor(encodeReferralCursor('due', key), 'due')).toEqual(key);
    expect(decodeReferralCursor(encodeReferralCursor('due', key), 'receivedAt')).toBeNull();
    expect(decodeReferralCursor('garbage', 'due')).toBeNull();
  });
});

describe('referrals given', () => {
  it('a check-in is due checkInDays after giving', () => {
    const day = dayMs;
    const r = { given_at: received, checked_in_at: null };
    expect(checkInOf(r, { checkInDays: 14 }, at(14 * day - 1))).toEqual({
      checkInDueAt: iso(14 * day),
      checkInState: 'not_yet',
    });
    expect(checkInOf(r, { checkInDays: 14 }, at(14 * day)).checkInState).toBe('due');
    expect(
      checkInOf({ ...r, checked_in_at: iso(day) }, { checkInDays: 14 }, at(99 * day)).checkInState,
    ).toBe('done');
  });
  it('keeps the outcome time while the outcome stays', () => {
    expect(outcomeAtAfter({ outcome: 'unknown', outcome_at: null }, 'connected', 'T1')).toBe('T1');
    expect(outcomeAtAfter({ outcome: 'connected', outcome_at: 'T1' }, 'connected', 'T2')).toBe(
      'T1',
    );
    expect(outcomeAtAfter({ outcome: 'connected', outcome_at: 'T1' }, 'unknown', 'T2')).toBeNull();
  });
});

describe('reciprocity', () => {
  it('is owed from the threshold on', () => {
    expect(ledgerEntryOf(3, 1, null, 2)).toMatchObject({ balance: 2, isOwed: true });
    expect(ledgerEntryOf(2, 1, null, 2)).toMatchObject({ balance: 1, isOwed: false });
    expect([isOwed(3, 1, 2), isOwed(2, 1, 2), isOwed(0, 0, 0)]).toEqual([true, false, true]);
  });
  it('property: balances add up, the last exchange is the latest, owed ⇔ balance ≥ threshold', () => {
    const exchange = fc.record({
      partnerId: fc.constantFrom('p1', 'p2', 'p3'),
      direction: fc.constantFrom('received' as const, 'given' as const),
      at: fc.integer({ min: 0, max: 1000 * H }).map(iso),
    });
    fc.assert(
      fc.property(
        fc.array(exchange, { maxLength: 40 }),
        fc.integer({ min: 1, max: 5 }),
        (xs, t) => {
          const ledger = ledgerOf(xs, t);
          let total = 0;
          for (const [id, e] of ledger) {
            const mine = xs.filter((x) => x.partnerId === id);
            expect(e.received + e.given).toBe(mine.length);
            expect(e.balance).toBe(e.received - e.given);
            expect(e.isOwed).toBe(e.balance >= t);
            expect(e.lastExchangeAt).toBe(
              mine
                .map((x) => x.at)
                .sort()
                .at(-1),
            );
            total += e.balance;
          }
          const received = xs.filter((x) => x.direction === 'received').length;
          expect(total).toBe(received - (xs.length - received));
        },
      ),
    );
  });
});

describe('timesAfterCorrection: milestones past the corrected status are cleared', () => {
  const full = {
    status: 'client' as ReferralStatus,
    status_changed_at: iso(30 * H),
    first_contact_at: iso(H),
    meeting_at: iso(2 * H),
    client_at: iso(30 * H),
    closed_at: null,
  };
  const now = iso(40 * H);
  it.each([
    ['meeting', { first_contact_at: iso(H), meeting_at: iso(2 * H), client_at: null }],
    ['contacted', { first_contact_at: iso(H), meeting_at: null, client_at: null }],
    ['new', { first_contact_at: null, meeting_at: null, client_at: null }],
    [
      'declined',
      { first_contact_at: iso(H), meeting_at: iso(2 * H), client_at: null, closed_at: now },
    ],
  ] as const)('client → %s', (to, expected) => {
    expect(timesAfterCorrection(full, to, now)).toMatchObject({
      status: to,
      status_changed_at: now,
      closed_at: null,
      ...expected,
    });
  });
  it('a closed referral corrected to client gets a client time and no closing', () => {
    const closed = {
      ...full,
      status: 'declined' as ReferralStatus,
      client_at: null,
      closed_at: iso(5 * H),
    };
    expect(timesAfterCorrection(closed, 'client', now)).toMatchObject({
      client_at: now,
      closed_at: null,
      meeting_at: iso(2 * H),
    });
  });
  it('refuses only a correction to the same status', () => {
    for (const from of referralStatuses)
      for (const to of referralStatuses) expect(correctionFor(from, to).allowed).toBe(from !== to);
  });
});

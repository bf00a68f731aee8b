import { describe, expect, it } from 'vitest';
import type { ContactDetail } from '../contacts/contact.schemas.ts';
import { dayMs as DAY } from '../platform/calendar.ts';
import { fixedClock } from '../platform/clock.ts';
import type { ReferralDetail } from '../referrals/referral.schemas.ts';
import { ok } from '../test-support/api-expect.ts';
import { useContact, usePractices, useTestContext } from '../test-support/suite.ts';
import { testTargets } from '../test-support/testing.ts';
import type { Commitment, CommitmentDetail } from './commitment.schemas.ts';
import { getCommitmentForLetter } from './commitment.service.ts';

const start = '2026-03-02T09:00:00.000Z';
const later = (ms: number) => new Date(Date.parse(start) + ms).toISOString();

describe.each(testTargets)('commitments on %s', (target) => {
  const clock = fixedClock(start);
  const ctx = useTestContext(target, { clock });
  const [a] = usePractices(ctx, ['Roe Law']);
  const lee = useContact(a, { name: 'Lee', stage: 'trusts' });
  const sam = useContact(a, { name: 'Sam', stage: 'likes' });

  const refer = (referrerId: string, name: string, receivedAt?: string) =>
    ok<ReferralDetail>(a.session, 'POST', '/referrals', {
      referred: { name },
      referrer: { contactId: referrerId },
      channel: 'phone',
      ...(receivedAt ? { receivedAt } : {}),
    });

  it('credits the oldest open commitment, fulfils at the promised count, then the next', async () => {
    await refer(lee.id, 'Before Anything');
    clock.set(later(DAY));
    const older = await a.session.json<{ commitment: Commitment; warnings: unknown[] }>(
      'POST',
      `/contacts/${lee.id}/commitments`,
      { promisedCount: 2, incentiveForReferrer: 'lunch', incentiveForReferred: 'free first call' },
    );
    expect(older.status).toBe(201);
    expect(older.body.warnings).toEqual([]);
    expect(older.body.commitment).toMatchObject({
      contact: { id: lee.id, name: 'Lee' },
      credited: 0,
      progress: '0 of 2',
      status: 'open',
      reminder: { state: 'not_due', dueAt: later(15 * DAY) },
    });
    clock.set(later(2 * DAY));
    const newer = await ok<{ commitment: Commitment }>(
      a.session,
      'POST',
      `/contacts/${lee.id}/commitments`,
      { promisedCount: 1 },
    );
    clock.set(later(3 * DAY));
    const r1 = await refer(lee.id, 'One');
    await refer(lee.id, 'Two');
    const r3 = await refer(lee.id, 'Three');
    await refer(lee.id, 'Four');

    const o = await ok<CommitmentDetail>(
      a.session,
      'GET',
      `/commitments/${older.body.commitment.id}`,
    );
    expect(o).toMatchObject({ status: 'fulfilled', credited: 2, progress: '2 of 2' });
    expect(o.credits.map((c) => c.referredName)).toEqual(['One', 'Two']);
    expect(o.credits[0]?.referralId).toBe(r1.id);
    const n = await ok<CommitmentDetail>(a.session, 'GET', `/commitments/${newer.commitment.id}`);
    expect(n).toMatchObject({ status: 'fulfilled', credited: 1 });
    expect(n.credits.map((c) => c.referralId)).toEqual([r3.id]);

    const letter = await getCommitmentForLetter(
      ctx.deps.db,
      a.practiceId,
      older.body.commitment.id,
    );
    expect(letter).toMatchObject({
      contactName: 'Lee',
      credited: 2,
      promisedCount: 2,
      incentiveForReferrer: 'lunch',
      incentiveForReferred: 'free first call',
      status: 'fulfilled',
    });
    expect(await getCommitmentForLetter(ctx.deps.db, 'nope', older.body.commitment.id)).toBe(
      undefined,
    );
  });

  it('moves the credit when a referral’s referrer changes', async () => {
    clock.set(later(10 * DAY));
    const c = await ok<{ commitment: Commitment }>(
      a.session,
      'POST',
      `/contacts/${sam.id}/commitments`,
      { promisedCount: 1 },
    );
    clock.set(later(11 * DAY));
    const r = await refer(lee.id, 'Misattributed');
    await ok(a.session, 'PATCH', `/referrals/${r.id}`, { referrer: { contactId: sam.id } });
    expect((await ok<Commitment>(a.session, 'GET', `/commitments/${c.commitment.id}`)).status).toBe(
      'fulfilled',
    );
    await ok(a.session, 'PATCH', `/referrals/${r.id}`, { referrer: { unknown: true } });
    expect(
      await ok<CommitmentDetail>(a.session, 'GET', `/commitments/${c.commitment.id}`),
    ).toMatchObject({ status: 'open', credited: 0, fulfilledAt: null });
  });

  it('reminders: due after 14 days, then release suggested after 2; release once', async () => {
    clock.set(later(20 * DAY));
    const { commitment } = await ok<{ commitment: Commitment }>(
      a.session,
      'POST',
      `/contacts/${sam.id}/commitments`,
      { promisedCount: 5 },
    );
    clock.set(later(34 * DAY));
    let c = await ok<Commitment>(a.session, 'GET', `/commitments/${commitment.id}`);
    expect(c.reminder).toEqual({ state: 'due', dueAt: later(34 * DAY) });
    c = await ok<Commitment>(a.session, 'POST', `/commitments/${commitment.id}/reminders`, {});
    expect(c).toMatchObject({ remindersSent: 1, lastReminderAt: later(34 * DAY) });
    expect(c.reminder.state).toBe('not_due');
    clock.set(later(48 * DAY));
    await ok(a.session, 'POST', `/commitments/${commitment.id}/reminders`, {});
    clock.set(later(62 * DAY));
    c = await ok<Commitment>(a.session, 'GET', `/commitments/${commitment.id}`);
    expect(c.reminder.state).toBe('release_suggested');

    const bad = await a.session.json('POST', `/commitments/${commitment.id}/reminders`, {
      at: later(19 * DAY),
    });
    expect(bad.status).toBe(400);

    c = await ok<Commitment>(a.session, 'POST', `/commitments/${commitment.id}/release`, {
      note: 'Busy year',
    });
    expect(c).toMatchObject({ status: 'released', releasedAt: later(62 * DAY) });
    expect(c.reminder.state).toBe('closed');
    const again = await a.session.json('POST', `/commitments/${commitment.id}/release`, {});
    expect(again.status).toBe(409);

    const open = await ok<{ items: Commitment[] }>(
      a.session,
      'GET',
      `/commitments?status=released&contactId=${sam.id}`,
    );
    expect(open.items.map((x) => x.id)).toEqual([commitment.id]);
  });

  it('PATCH: a count below the credits is refused; lowering to the credits fulfils', async () => {
    clock.set(later(70 * DAY));
    const { commitment } = await ok<{ commitment: Commitment }>(
      a.session,
      'POST',
      `/contacts/${lee.id}/commitments`,
      { promisedCount: 3 },
    );
    clock.set(later(71 * DAY));
    await refer(lee.id, 'Alpha');
    await refer(lee.id, 'Beta');
    const low = await a.session.json('PATCH', `/commitments/${commitment.id}`, {
      promisedCount: 1,
    });
    expect(low.status).toBe(422);
    const done = await ok<Commitment>(a.session, 'PATCH', `/commitments/${commitment.id}`, {
      promisedCount: 2,
      incentiveForReferrer: 'a book',
    });
    expect(done).toMatchObject({ status: 'fulfilled', incentiveForReferrer: 'a book' });
  });

  it('a commitment recorded after the fact takes the referrals received since', async () => {
    clock.set(later(80 * DAY));
    const k = await ok<ContactDetail>(a.session, 'POST', '/contacts', { name: 'Kim' });
    await refer(k.id, 'Early', later(79 * DAY));
    const { commitment } = await ok<{ commitment: Commitment }>(
      a.session,
      'POST',
      `/contacts/${k.id}/commitments`,
      { promisedCount: 2, madeAt: later(78 * DAY) },
    );
    expect(commitment).toMatchObject({ credited: 1, status: 'open' });
  });

  it('attorney profile: creating a commitment warns it is never a quota', async () => {
    await ok(a.session, 'PATCH', '/practice', { profession: 'attorney' });
    const res = await ok<{ warnings: { code: string; message: string }[] }>(
      a.session,
      'POST',
      `/contacts/${lee.id}/commitments`,
      { promisedCount: 4 },
    );
    expect(res.warnings).toEqual([
      {
        code: 'quota_not_allowed',
        message: expect.stringContaining('NY ethics opinions 741, 791'),
      },
    ]);
  });
});

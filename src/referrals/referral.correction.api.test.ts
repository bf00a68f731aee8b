/**
 * Correcting a status (issue 11 §9): a mistaken "Mark client" is taken back with a reason,
 * recorded in the history, and what derives from the status follows (the goal's count, the
 * conversion thank-you, the response clock). A correction without a reason is refused and
 * writes nothing; on PostgreSQL, ten identical corrections at once correct once.
 */
import { describe, expect, it } from 'vitest';
import type { GoalProgress } from '../goals/goal.schemas.ts';
import { hourMs as H } from '../platform/calendar.ts';
import { fixedClock } from '../platform/clock.ts';
import { expectProblem, ok } from '../test-support/api-expect.ts';
import { useContact, usePractices, useTestContext } from '../test-support/suite.ts';
import { testTargets } from '../test-support/testing.ts';
import type { ReferralDetail } from './referral.schemas.ts';

const start = '2026-03-02T09:00:00.000Z';
const later = (ms: number) => new Date(Date.parse(start) + ms).toISOString();

describe.each(testTargets)('status corrections on %s', (target) => {
  const clock = fixedClock(start);
  const ctx = useTestContext(target, { clock });
  const [a, b] = usePractices(ctx, ['Correcting Counseling', 'Other Practice']);
  const lee = useContact(a, { name: 'Lee Park', stage: 'trusts' });

  const referral = (name: string) =>
    ok<ReferralDetail>(a.session, 'POST', '/referrals', {
      referred: { name },
      referrer: { contactId: lee.id },
      channel: 'phone',
    });
  const move = (id: string, body: unknown) =>
    a.session.request('POST', `/referrals/${id}/status`, body);

  it('takes a client back to meeting with a reason: history, clientAt cleared, goal and thanks follow', async () => {
    const r = await ok<ReferralDetail>(a.session, 'POST', '/referrals', {
      referred: { name: 'Mistaken Client' },
      referrer: { contactId: lee.id },
      channel: 'phone',
      receivedAt: later(-5 * H),
    });
    await ok(a.session, 'POST', `/referrals/${r.id}/status`, {
      status: 'meeting',
      at: later(-3 * H),
    });
    await ok(a.session, 'PUT', '/goals/2026', { targetClients: 10 });
    const client = await ok<ReferralDetail>(a.session, 'POST', `/referrals/${r.id}/status`, {
      status: 'client',
    });
    expect(client.thanks.conversion.state).toBe('due');
    const before = await ok<GoalProgress>(a.session, 'GET', '/goals/2026');

    // the forward-only move still refuses, and says how to correct
    const back = await a.session.json<{ detail: string }>('POST', `/referrals/${r.id}/status`, {
      status: 'meeting',
    });
    expect(back.status).toBe(409);
    expect(back.body.detail).toContain('correction');

    const corrected = await ok<ReferralDetail>(a.session, 'POST', `/referrals/${r.id}/status`, {
      status: 'meeting',
      correction: true,
      reason: 'Undone',
    });
    expect(corrected).toMatchObject({
      status: 'meeting',
      clientAt: null,
      meetingAt: later(-3 * H),
      firstContactAt: later(-3 * H),
      closedAt: null,
      statusChangedAt: start,
    });
    expect(corrected.thanks.conversion.state).toBe('not_applicable');
    expect(corrected.events.at(-1)).toMatchObject({
      kind: 'corrected',
      fromStatus: 'client',
      toStatus: 'meeting',
      note: 'Undone',
      by: { name: expect.stringMatching(/\S/) },
    });
    const after = await ok<GoalProgress>(a.session, 'GET', '/goals/2026');
    expect(after.clientsThisYear).toBe(before.clientsThisYear - 1);
  });

  it('corrects contacted back to new: the first contact is gone and the clock runs again', async () => {
    const r = await referral('Not Yet Called');
    await ok(a.session, 'POST', `/referrals/${r.id}/status`, { status: 'contacted' });
    const corrected = await ok<ReferralDetail>(a.session, 'POST', `/referrals/${r.id}/status`, {
      status: 'new',
      correction: true,
      reason: 'Clicked the wrong card',
    });
    expect(corrected).toMatchObject({
      status: 'new',
      firstContactAt: null,
      clock: { state: 'due', firstContactAt: null },
    });
  });

  it('corrects a client to a closed status (no client time) and a closed one back to open', async () => {
    const r = await referral('Changed Mind');
    await ok(a.session, 'POST', `/referrals/${r.id}/status`, { status: 'client' });
    const closed = await ok<ReferralDetail>(a.session, 'POST', `/referrals/${r.id}/status`, {
      status: 'declined',
      correction: true,
      reason: 'They declined after all',
    });
    expect(closed).toMatchObject({ status: 'declined', clientAt: null, closedAt: start });
    const open = await ok<ReferralDetail>(a.session, 'POST', `/referrals/${r.id}/status`, {
      status: 'contacted',
      correction: true,
      reason: 'Closed by mistake',
    });
    expect(open).toMatchObject({ status: 'contacted', closedAt: null, clientAt: null });
    expect(open.firstContactAt).not.toBeNull();
  });

  it('refuses a correction without a reason (400 naming reason) and writes nothing', async () => {
    const r = await referral('No Reason');
    await ok(a.session, 'POST', `/referrals/${r.id}/status`, { status: 'client' });
    for (const body of [
      { status: 'meeting', correction: true },
      { status: 'meeting', correction: true, reason: '   ' },
      { status: 'meeting', correction: true, reason: null },
      { status: 'meeting', reason: 'no correction flag' },
    ])
      await expectProblem(await move(r.id, body), 400, 'validation', ['reason']);
    await expectProblem(
      await move(r.id, { status: 'meeting', correction: true, reason: 7 }),
      400,
      'validation',
      ['reason'],
    );
    const same = await move(r.id, { status: 'client', correction: true, reason: 'again' });
    await expectProblem(same, 409, 'conflict', ['status']);
    const now = await ok<ReferralDetail>(a.session, 'GET', `/referrals/${r.id}`);
    expect(now.status).toBe('client');
    expect(now.events.filter((e) => e.kind === 'corrected')).toHaveLength(0);
  });

  it("another practice's referral is not found", async () => {
    const r = await referral('Private');
    await expectProblem(
      await b.session.request('POST', `/referrals/${r.id}/status`, {
        status: 'new',
        correction: true,
        reason: 'x',
      }),
      404,
      'not_found',
    );
  });

  it('ten identical corrections at once: one corrects, the others are 409, one event', async () => {
    const r = await referral('Raced');
    await ok(a.session, 'POST', `/referrals/${r.id}/status`, { status: 'client' });
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        move(r.id, { status: 'meeting', correction: true, reason: 'Undone' }),
      ),
    );
    for (const res of answers.filter((x) => x.status >= 300))
      await expectProblem(res, 409, 'conflict');
    expect(answers.filter((x) => x.status < 300)).toHaveLength(1);
    const now = await ok<ReferralDetail>(a.session, 'GET', `/referrals/${r.id}`);
    expect(now.events.filter((e) => e.kind === 'corrected')).toHaveLength(1);
  });
});

/**
 * Each cause writes its webhook event in its own transaction (issue 14 §8): the events an
 * endpoint wants and no others, none for a write that fails, none for a paused endpoint, and
 * none at all when no endpoint wants them. No worker runs here: the rows are what is checked.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { ReferralLink } from '../kit/referral-link.schemas.ts';
import { fixedClock } from '../platform/clock.ts';
import { ok } from '../test-support/api-expect.ts';
import { usePractices, useTestContext } from '../test-support/suite.ts';
import { testTargets } from '../test-support/testing.ts';

type Sent = { type: string; data: Record<string, unknown> };

describe.each(testTargets)('webhook events on %s', (target) => {
  const clock = fixedClock('2026-11-27T09:00:00.000Z');
  const ctx = useTestContext(target, { clock });
  const [a, quiet] = usePractices(ctx, ['Events Law', 'Quiet Law']);
  let endpointId = '';

  beforeAll(async () => {
    endpointId = (
      await ok<{ id: string }>(a.session, 'POST', '/webhooks', {
        url: 'https://hooks.example.com/events',
        events: [
          'referral.created',
          'referral.status_changed',
          'commitment.fulfilled',
          'contact.created',
          'intake.submitted',
        ],
      })
    ).id;
  });

  /** The ids of the practice's events so far. */
  const seenEvents = async (practiceId: string) =>
    new Set(
      (
        await ctx.deps.db
          .selectFrom('webhook_event')
          .select('id')
          .where('practice_id', '=', practiceId)
          .execute()
      ).map((r) => r.id),
    );
  /**
   * The events written since `seen` was taken (their payloads), by type: ids made in the same
   * millisecond do not sort in the order they were made, so no test relies on their order.
   */
  async function eventsSince(practiceId: string, seen: Set<string>): Promise<Sent[]> {
    const rows = await ctx.deps.db
      .selectFrom('webhook_event')
      .select(['payload', 'id'])
      .where('practice_id', '=', practiceId)
      .execute();
    return rows
      .filter((r) => !seen.has(r.id))
      .map((r) => JSON.parse(r.payload) as Sent)
      .sort((x, y) => x.type.localeCompare(y.type));
  }
  const ofType = (events: Sent[], type: string) => events.find((e) => e.type === type)?.data;

  it('a commitment fulfilled by a referral, with the referral and its new person', async () => {
    const rita = await ok<{ id: string }>(a.session, 'POST', '/contacts', { name: 'Rita Refers' });
    const { commitment } = await ok<{ commitment: { id: string } }>(
      a.session,
      'POST',
      `/contacts/${rita.id}/commitments`,
      { promisedCount: 1, madeAt: '2026-11-26T09:00:00.000Z' },
    );
    const since = await seenEvents(a.practiceId);
    const referral = await ok<{ id: string; referred: { id: string } }>(
      a.session,
      'POST',
      '/referrals',
      { referred: { name: 'New Person' }, referrer: { contactId: rita.id }, channel: 'phone' },
    );
    const events = await eventsSince(a.practiceId, since);
    expect(events.map((e) => e.type)).toEqual([
      'commitment.fulfilled',
      'contact.created',
      'referral.created',
    ]);
    expect(ofType(events, 'commitment.fulfilled')).toEqual({
      practiceId: a.practiceId,
      commitmentId: commitment.id,
      contactId: rita.id,
      fulfilledAt: expect.any(String),
    });
    expect(ofType(events, 'referral.created')).toMatchObject({
      referralId: referral.id,
      referrerId: rita.id,
      referredId: referral.referred.id,
      status: 'new',
    });
    // One delivery each, waiting for the worker.
    const deliveries = await ctx.deps.db
      .selectFrom('webhook_delivery')
      .select(['status', 'endpoint_id'])
      .where('practice_id', '=', a.practiceId)
      .execute();
    expect(deliveries.every((d) => d.status === 'pending' && d.endpoint_id === endpointId)).toBe(
      true,
    );
  });

  it('a commitment fulfilled by lowering its count', async () => {
    const sam = await ok<{ id: string }>(a.session, 'POST', '/contacts', { name: 'Sam Promises' });
    const { commitment } = await ok<{ commitment: { id: string } }>(
      a.session,
      'POST',
      `/contacts/${sam.id}/commitments`,
      { promisedCount: 2, madeAt: '2026-11-26T09:00:00.000Z' },
    );
    await ok(a.session, 'POST', '/referrals', {
      referred: { name: 'Sam Sent' },
      referrer: { contactId: sam.id },
      channel: 'email',
    });
    const since = await seenEvents(a.practiceId);
    await ok(a.session, 'PATCH', `/commitments/${commitment.id}`, { promisedCount: 1 });
    const events = await eventsSince(a.practiceId, since);
    expect(events.map((e) => [e.type, e.data.commitmentId])).toEqual([
      ['commitment.fulfilled', commitment.id],
    ]);
  });

  it('status moves, corrections and a reopening', async () => {
    const referral = await ok<{ id: string }>(a.session, 'POST', '/referrals', {
      referred: { name: 'Moving Mo' },
      referrer: { unknown: true },
      channel: 'phone',
    });
    const since = await seenEvents(a.practiceId);
    await ok(a.session, 'POST', `/referrals/${referral.id}/status`, { status: 'declined' });
    await ok(a.session, 'POST', `/referrals/${referral.id}/reopen`, {});
    await ok(a.session, 'POST', `/referrals/${referral.id}/status`, {
      status: 'contacted',
    });
    await ok(a.session, 'POST', `/referrals/${referral.id}/status`, {
      status: 'new',
      correction: true,
      reason: 'Clicked the wrong column',
    });
    const events = await eventsSince(a.practiceId, since);
    expect(events.map((e) => [e.data.from, e.data.to, e.data.correction]).sort()).toEqual(
      [
        ['new', 'declined', false],
        ['declined', 'new', false],
        ['new', 'contacted', false],
        ['contacted', 'new', true],
      ].sort(),
    );
    expect(JSON.stringify(events)).not.toContain('wrong column');
  });

  it('an intake form: the person, the referral and the submission', async () => {
    const maya = await ok<{ id: string }>(a.session, 'POST', '/contacts', { name: 'Maya Link' });
    const link = await ok<ReferralLink>(a.session, 'POST', '/referral-links', {
      contactId: maya.id,
    });
    const since = await seenEvents(a.practiceId);
    const res = await ctx.app.request(
      `/api/v1/public/intake/${link.code}`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'Noor Haddad',
          email: 'noor@example.com',
          message: 'A private matter about my family',
        }),
      },
      { incoming: { socket: { remoteAddress: '10.0.0.9' } } },
    );
    expect(res.status).toBe(201);
    const events = await eventsSince(a.practiceId, since);
    expect(events.map((e) => e.type)).toEqual([
      'contact.created',
      'intake.submitted',
      'referral.created',
    ]);
    expect(ofType(events, 'intake.submitted')).toMatchObject({
      linkId: link.id,
      referralId: ofType(events, 'referral.created')?.referralId,
    });
    expect(JSON.stringify(events)).not.toMatch(/Noor|noor@|private matter/);
  });

  it('writes nothing for a write that fails, a paused endpoint, or an event not asked for', async () => {
    const since = await seenEvents(a.practiceId);
    const rita = await ok<{ id: string }>(a.session, 'POST', '/contacts', { name: 'Same Person' });
    const failed = await a.session.request('POST', '/referrals', {
      referred: { contactId: rita.id },
      referrer: { contactId: rita.id },
      channel: 'phone',
    });
    expect(failed.status).toBe(422);
    expect((await eventsSince(a.practiceId, since)).map((e) => e.type)).toEqual([
      'contact.created',
    ]);

    const afterContact = await seenEvents(a.practiceId);
    await ok(a.session, 'PATCH', `/webhooks/${endpointId}`, { paused: true });
    await ok(a.session, 'POST', '/contacts', { name: 'While Paused' });
    expect(await eventsSince(a.practiceId, afterContact)).toEqual([]);

    await ok(a.session, 'PATCH', `/webhooks/${endpointId}`, {
      paused: false,
      events: ['intake.submitted'],
    });
    await ok(a.session, 'POST', '/contacts', { name: 'Not Asked For' });
    expect(await eventsSince(a.practiceId, afterContact)).toEqual([]);
  });

  it('a practice without endpoints writes no events', async () => {
    await ok(quiet.session, 'POST', '/contacts', { name: 'Quiet Contact' });
    expect(await eventsSince(quiet.practiceId, new Set())).toEqual([]);
  });
});

import { beforeAll, describe, expect, it } from 'vitest';
import type { ContactDetail } from '../contacts/contact.schemas.ts';
import { dayMs as DAY } from '../platform/calendar.ts';
import { fixedClock } from '../platform/clock.ts';
import { ok } from '../test-support/api-expect.ts';
import { useContact, usePractices, useTestContext } from '../test-support/suite.ts';
import { testTargets } from '../test-support/testing.ts';
import type { Ask, AskReadiness, Moment } from './ask.schemas.ts';

const start = '2026-03-02T09:00:00.000Z';
const later = (ms: number) => new Date(Date.parse(start) + ms).toISOString();

describe.each(testTargets)('moments, asks and readiness on %s', (target) => {
  const clock = fixedClock(start);
  const ctx = useTestContext(target, { clock });
  const [a] = usePractices(ctx, ['Harbor Counseling']);
  const lee = useContact(a, { name: 'Dr. Lee Wong', stage: 'likes' });

  beforeAll(async () => {
    await ok(a.session, 'PATCH', '/practice', {
      valueProposition: 'Jane helps anxious professionals sleep again.',
      idealClient: 'professionals with work stress',
    });
  });

  it('a feedback of 10 opens a 7-day window; readiness follows it to the millisecond', async () => {
    const before = await ok<AskReadiness>(a.session, 'GET', `/contacts/${lee.id}/ask-readiness`);
    expect(before.canAsk).toBe(false);
    expect(before.reasons.map((r) => r.code)).toEqual(['no_open_window']);

    const m = await a.session.json<Moment>('POST', `/contacts/${lee.id}/moments`, {
      kind: 'feedback',
      score: 10,
      note: 'Loved the workshop',
    });
    expect(m.status).toBe(201);
    expect(m.body).toMatchObject({
      kind: 'feedback',
      score: 10,
      isPositive: true,
      occurredAt: start,
      askWindowEndsAt: later(7 * DAY),
    });
    const low = await ok<Moment>(a.session, 'POST', `/contacts/${lee.id}/moments`, {
      kind: 'feedback',
      score: 8,
      occurredAt: later(-DAY),
    });
    expect(low).toMatchObject({ isPositive: false, askWindowEndsAt: null });

    const ready = await ok<AskReadiness>(a.session, 'GET', `/contacts/${lee.id}/ask-readiness`);
    expect(ready).toMatchObject({
      canAsk: true,
      openWindow: { momentId: m.body.id, kind: 'feedback', endsAt: later(7 * DAY) },
      cooldownEndsAt: null,
    });
    expect(ready.script.full).toContain('Jane helps anxious professionals sleep again');
    expect(ready.script.full).toMatch(/^Dr\. Wong, I would love your help/);

    clock.set(later(7 * DAY - 1));
    expect(
      (await ok<AskReadiness>(a.session, 'GET', `/contacts/${lee.id}/ask-readiness`)).canAsk,
    ).toBe(true);
    clock.set(later(7 * DAY));
    expect(
      (await ok<AskReadiness>(a.session, 'GET', `/contacts/${lee.id}/ask-readiness`)).canAsk,
    ).toBe(false);
    clock.set(start);

    const list = await ok<{ items: Moment[] }>(a.session, 'GET', `/contacts/${lee.id}/moments`);
    expect(list.items.map((x) => x.id)).toEqual([m.body.id, low.id]);
  });

  it('logs asks with warnings inside the cooldown, below likes and for do-not-ask', async () => {
    const moments = await ok<{ items: Moment[] }>(a.session, 'GET', `/contacts/${lee.id}/moments`);
    const first = await a.session.json<{ ask: Ask; warnings: { code: string }[] }>(
      'POST',
      `/contacts/${lee.id}/asks`,
      { momentId: moments.items[0]?.id, outcome: 'later' },
    );
    expect(first.status).toBe(201);
    expect(first.body.warnings).toEqual([]);
    expect(first.body.ask).toMatchObject({ askedAt: start, outcome: 'later' });

    const readiness = await ok<AskReadiness>(a.session, 'GET', `/contacts/${lee.id}/ask-readiness`);
    expect(readiness.canAsk).toBe(false);
    expect(readiness.cooldownEndsAt).toBe(later(90 * DAY));

    clock.set(later(DAY));
    const again = await ok<{ warnings: { code: string }[] }>(
      a.session,
      'POST',
      `/contacts/${lee.id}/asks`,
      {},
    );
    expect(again.warnings.map((w) => w.code)).toEqual(['cooldown']);
    clock.set(start);

    const ann = await ok<ContactDetail>(a.session, 'POST', '/contacts', {
      name: 'Ann Met',
      stage: 'met',
      doNotAsk: true,
    });
    const warned = await ok<{ warnings: { code: string }[] }>(
      a.session,
      'POST',
      `/contacts/${ann.id}/asks`,
      {},
    );
    expect(warned.warnings.map((w) => w.code)).toEqual(['below_likes', 'do_not_ask']);

    const patched = await ok<Ask>(a.session, 'PATCH', `/asks/${first.body.ask.id}`, {
      outcome: 'committed',
      note: 'Will think of two people',
    });
    expect(patched).toMatchObject({ outcome: 'committed', note: 'Will think of two people' });
    const asks = await ok<{ items: Ask[] }>(a.session, 'GET', `/contacts/${lee.id}/asks`);
    expect(asks.items).toHaveLength(2);
    expect(asks.items[1]).toMatchObject({ id: first.body.ask.id, outcome: 'committed' });
  });

  it('deleting a moment keeps the ask, without the link', async () => {
    const m = await ok<Moment>(a.session, 'POST', `/contacts/${lee.id}/moments`, {
      kind: 'milestone',
    });
    const { ask } = await ok<{ ask: Ask }>(a.session, 'POST', `/contacts/${lee.id}/asks`, {
      momentId: m.id,
    });
    expect((await a.session.request('DELETE', `/moments/${m.id}`)).status).toBe(204);
    expect((await a.session.request('DELETE', `/moments/${m.id}`)).status).toBe(404);
    const asks = await ok<{ items: Ask[] }>(a.session, 'GET', `/contacts/${lee.id}/asks`);
    expect(asks.items.find((x) => x.id === ask.id)?.momentId).toBeNull();
  });

  it('the ask script comes from the value proposition, with the contact’s name', async () => {
    const script = await ok<{ whatIDo: string; forWhom: string; sayThis: string; full: string }>(
      a.session,
      'GET',
      `/ask-script?contactId=${lee.id}`,
    );
    expect(script.whatIDo).toBe('Jane helps anxious professionals sleep again');
    expect(script.forWhom).toBe('professionals with work stress');
    expect(script.sayThis).toContain('Harbor Counseling');
    // Issue 11: the title is not a first name — formal by default, the given name informally.
    expect(script.full).toMatch(/^Dr\. Wong, I would love your help/);
    await ok(a.session, 'PATCH', '/practice/settings', { salutationStyle: 'informal' });
    const informal = await ok<{ full: string }>(
      a.session,
      'GET',
      `/ask-script?contactId=${lee.id}`,
    );
    expect(informal.full).toMatch(/^Lee, I would love your help/);
    await ok(a.session, 'PATCH', '/practice/settings', { salutationStyle: 'formal' });
    const plain = await ok<{ full: string }>(a.bearer, 'GET', '/ask-script');
    expect(plain.full).toMatch(/^I would love your help/);
  });
});

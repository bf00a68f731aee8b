/**
 * Deliveries to a real local receiver (issue 14 §7–10), built on the standardwebhooks library
 * as an integrator's would be: signatures, retries with a moved clock, exactly once per event
 * id, thin payloads, "send again", the pause after three days, and concurrent workers.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dayMs } from '../platform/calendar.ts';
import { fixedClock } from '../platform/clock.ts';
import { ok } from '../test-support/api-expect.ts';
import { usePractices, useTestContext } from '../test-support/suite.ts';
import { testTargets } from '../test-support/testing.ts';
import { deliverWebhook, startWebhookWorker } from './webhook.worker.ts';

type Received = { headers: Record<string, string>; body: string };
type Mode = 'ok' | 'error' | 'reset';

/** A receiver on 127.0.0.1: records every request, answers as `mode` says. */
function startReceiver() {
  const received: Received[] = [];
  const state = { mode: 'ok' as Mode };
  const server: Server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (state.mode === 'reset') {
        req.socket.destroy();
        return;
      }
      const headers = Object.fromEntries(
        Object.entries(req.headers).map(([k, v]) => [k, String(v)]),
      );
      received.push({ headers, body: Buffer.concat(chunks).toString('utf8') });
      if (state.mode === 'error') {
        res.writeHead(503, { 'content-type': 'text/plain' });
        res.end(`down for maintenance ${'.'.repeat(1000)}`);
      } else {
        res.writeHead(204);
        res.end();
      }
    });
  });
  return { server, received, state };
}

describe.each(testTargets)('webhook deliveries on %s', (target) => {
  const clock = fixedClock(new Date());
  const ctx = useTestContext(target, { clock, env: { VOUCH_WEBHOOKS_ALLOW_PRIVATE: '1' } });
  const [a] = usePractices(ctx, ['Lakeside Clinic']);
  const receiver = startReceiver();
  let url = '';
  let endpointId = '';
  let secret = '';

  beforeAll(async () => {
    await new Promise<void>((resolve) => receiver.server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(receiver.server.address() as AddressInfo).port}/hooks`;
    const made = await ok<{ id: string; secret: string }>(a.session, 'POST', '/webhooks', {
      url,
      events: [
        'referral.created',
        'referral.status_changed',
        'commitment.fulfilled',
        'contact.created',
      ],
    });
    endpointId = made.id;
    secret = made.secret;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => receiver.server.close(() => resolve()));
  });
  beforeEach(() => {
    receiver.received.length = 0;
    receiver.state.mode = 'ok';
    clock.set(new Date());
  });

  type Delivery = {
    id: string;
    eventId: string;
    eventType: string;
    status: string;
    attempts: number;
    lastStatusCode: number | null;
    lastDurationMs: number | null;
    lastError: string | null;
    responseExcerpt: string | null;
    nextAttemptAt: string | null;
  };
  const deliveries = async () =>
    (await ok<{ items: Delivery[] }>(a.session, 'GET', `/webhooks/${endpointId}/deliveries`)).items;
  const pending = async () =>
    ctx.deps.db
      .selectFrom('webhook_delivery')
      .select(['practice_id', 'id'])
      .where('status', '=', 'pending')
      .execute();
  const deliverAll = async () => {
    const outcomes: string[] = [];
    for (const d of await pending())
      outcomes.push(await deliverWebhook(ctx.deps, clock, d.practice_id, d.id));
    return outcomes;
  };

  it('signs deliveries so that a standardwebhooks receiver accepts them, and rejects a tampered body or an old timestamp', async () => {
    await ok(a.session, 'POST', '/contacts', { name: 'Signed Sally' });
    expect(await deliverAll()).toEqual(['delivered']);
    const [got] = receiver.received;
    if (!got) throw new Error('nothing received');
    const verified = new Webhook(secret).verify(got.body, got.headers) as {
      type: string;
      data: { practiceId: string; contactId: string };
    };
    expect(verified.type).toBe('contact.created');
    expect(verified.data.practiceId).toBe(a.practiceId);
    expect(got.headers['content-type']).toBe('application/json');
    expect(() =>
      new Webhook(secret).verify(got.body.replace('}', ',"x":1}'), got.headers),
    ).toThrow();
    expect(() =>
      new Webhook(`whsec_${Buffer.from('another secret').toString('base64')}`).verify(
        got.body,
        got.headers,
      ),
    ).toThrow();

    // Signed ten minutes ago (the clock behind): outside the library's tolerance.
    clock.set(new Date(Date.now() - 10 * 60_000));
    await ok(a.session, 'POST', '/contacts', { name: 'Stale Stan' });
    expect(await deliverAll()).toEqual(['delivered']);
    const stale = receiver.received[1];
    if (!stale) throw new Error('nothing received');
    expect(() => new Webhook(secret).verify(stale.body, stale.headers)).toThrow(/timestamp/i);
  });

  it('carries ids, type, time and status only: never the person, their contact details, need or notes', async () => {
    const referral = await ok<{ id: string }>(a.session, 'POST', '/referrals', {
      referred: {
        name: 'Private Person',
        email: 'private.person@example.com',
        phone: '+1 555 0100',
      },
      referrer: { name: 'Referring Rita', email: 'rita@example.com' },
      channel: 'phone',
      need: 'A confidential need about a divorce',
      place: 'Secret Place',
      tags: ['secret-tag'],
    });
    await ok(a.session, 'POST', `/referrals/${referral.id}/status`, {
      status: 'contacted',
      note: 'A private note on the call',
    });
    await deliverAll();
    const bodies = receiver.received.map((r) => r.body);
    const types = bodies.map((b) => (JSON.parse(b) as { type: string }).type).sort();
    expect(types).toEqual([
      'contact.created',
      'contact.created',
      'referral.created',
      'referral.status_changed',
    ]);
    const all = bodies.join('\n');
    for (const secretText of [
      'Private Person',
      'private.person',
      '555',
      'Referring Rita',
      'rita@',
      'confidential',
      'Secret Place',
      'secret-tag',
      'private note',
    ])
      expect(all).not.toContain(secretText);
    const changed = bodies
      .map((b) => JSON.parse(b) as { type: string; data: Record<string, unknown> })
      .find((b) => b.type === 'referral.status_changed');
    expect(changed?.data).toEqual({
      practiceId: a.practiceId,
      referralId: referral.id,
      from: 'new',
      to: 'contacted',
      at: expect.any(String),
      correction: false,
    });
  });

  it('retries a receiver that is down with backoff, under one event id, and stops at a 2xx', async () => {
    await ok(a.session, 'POST', '/contacts', { name: 'Retried Rob' });
    receiver.state.mode = 'error';
    expect(await deliverAll()).toEqual(['retry']);
    let [d] = await deliveries();
    expect(d).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: 503 });
    expect(d?.responseExcerpt).toHaveLength(256);
    expect(d?.lastDurationMs).toBeGreaterThanOrEqual(0);
    expect(Date.parse(d?.nextAttemptAt ?? '') - clock.now().getTime()).toBe(30_000);
    // Not due yet: nothing is attempted.
    expect(await deliverAll()).toEqual(['skipped']);

    receiver.state.mode = 'reset';
    clock.set(new Date(clock.now().getTime() + 31_000));
    expect(await deliverAll()).toEqual(['retry']);
    [d] = await deliveries();
    expect(d).toMatchObject({ status: 'pending', attempts: 2, lastStatusCode: null });
    expect(d?.lastError).toBeTruthy();

    receiver.state.mode = 'ok';
    clock.set(new Date(clock.now().getTime() + 121_000));
    expect(await deliverAll()).toEqual(['delivered']);
    [d] = await deliveries();
    expect(d).toMatchObject({
      status: 'delivered',
      attempts: 3,
      lastStatusCode: 204,
      nextAttemptAt: null,
    });
    clock.set(new Date(clock.now().getTime() + dayMs));
    expect(await deliverAll()).toEqual([]);

    // Every attempt carried the same webhook-id: a receiver keeping ids processes it once.
    const ids = receiver.received.map((r) => r.headers['webhook-id']);
    expect(ids).toHaveLength(2);
    expect(new Set(ids)).toEqual(new Set([d?.eventId]));
  });

  it('gives up after a day, and "send again" delivers it under the same id', async () => {
    await ok(a.session, 'POST', '/contacts', { name: 'Given Up Gus' });
    receiver.state.mode = 'error';
    const start = clock.now().getTime();
    let outcome = '';
    for (let i = 0; i < 40 && outcome !== 'failed'; i += 1) {
      const [d] = await deliveries();
      if (d?.nextAttemptAt) clock.set(d.nextAttemptAt);
      [outcome = ''] = await deliverAll();
    }
    expect(outcome).toBe('failed');
    expect(clock.now().getTime() - start).toBeLessThanOrEqual(dayMs);
    const [failed] = await deliveries();
    expect(failed?.status).toBe('failed');
    expect(failed?.lastError).toMatch(/Gave up after a day/);

    receiver.state.mode = 'ok';
    receiver.received.length = 0;
    const again = await ok<Delivery>(
      a.session,
      'POST',
      `/webhooks/${endpointId}/deliveries/${failed?.id}/resend`,
      {},
    );
    expect(again.status).toBe('pending');
    expect(await deliverAll()).toEqual(['delivered']);
    expect(receiver.received.map((r) => r.headers['webhook-id'])).toEqual([failed?.eventId]);
  });

  it('delivers each attempt once when workers race for it', async () => {
    await ok(a.session, 'POST', '/contacts', { name: 'Raced Rae' });
    const [d] = await pending();
    if (!d) throw new Error('no delivery');
    const outcomes = await Promise.all(
      Array.from({ length: 8 }, () => deliverWebhook(ctx.deps, clock, d.practice_id, d.id)),
    );
    expect(outcomes.filter((o) => o === 'delivered')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'skipped')).toHaveLength(7);
    expect(receiver.received).toHaveLength(1);
  });

  it('two running workers (pg-boss on PostgreSQL) deliver each event once', async () => {
    const workers = await Promise.all([
      startWebhookWorker(ctx.deps, { clock, pollMs: 100 }),
      startWebhookWorker(ctx.deps, { clock, pollMs: 100 }),
    ]);
    try {
      for (const name of ['One Worker', 'Two Workers', 'Three Workers'])
        await ok(a.session, 'POST', '/contacts', { name });
      const deadline = Date.now() + 20_000;
      while (receiver.received.length < 3 && Date.now() < deadline) {
        await Promise.all(workers.map((w) => w.drain()));
        await new Promise((r) => setTimeout(r, 100));
      }
      await new Promise((r) => setTimeout(r, 500));
      expect(receiver.received).toHaveLength(3);
      expect(new Set(receiver.received.map((r) => r.headers['webhook-id'])).size).toBe(3);
    } finally {
      await Promise.all(workers.map((w) => w.close()));
    }
  });

  it('pauses an endpoint failing for three days, tells its owners, and resumes on request', async () => {
    await ok(a.session, 'PUT', '/smtp', {
      host: '127.0.0.1',
      port: 2,
      security: 'none',
      fromEmail: 'office@lakeside.example',
    });
    receiver.state.mode = 'error';
    const start = clock.now().getTime();
    await ok(a.session, 'POST', '/contacts', { name: 'First Failure' });
    expect(await deliverAll()).toEqual(['retry']);
    clock.set(new Date(start + 2 * dayMs));
    await ok(a.session, 'POST', '/contacts', { name: 'Still Failing' });
    await deliverAll();
    let endpoint = await ok<{ pausedAt: string | null; failingSince: string | null }>(
      a.session,
      'GET',
      `/webhooks/${endpointId}`,
    );
    expect(endpoint.pausedAt).toBeNull();
    expect(Date.parse(endpoint.failingSince ?? '')).toBe(start);

    clock.set(new Date(start + 3 * dayMs));
    await ok(a.session, 'POST', '/contacts', { name: 'Third Day' });
    await deliverAll();
    endpoint = await ok(a.session, 'GET', `/webhooks/${endpointId}`);
    expect(endpoint.pausedAt).toBe(clock.now().toISOString());

    const notices = await ctx.deps.db
      .selectFrom('message')
      .select(['to_email', 'subject', 'status'])
      .where('practice_id', '=', a.practiceId)
      .where('template_key', '=', 'webhook_paused')
      .execute();
    expect(notices).toEqual([
      { to_email: a.email, subject: 'A webhook endpoint was paused', status: 'queued' },
    ]);
    const audit = await ok<{ items: { action: string; user: unknown }[] }>(
      a.session,
      'GET',
      '/audit',
    );
    expect(audit.items).toContainEqual(
      expect.objectContaining({ action: 'webhook_endpoint.paused', user: null }),
    );

    // Paused: no new events are written for it, and what waits is not attempted.
    const before = (await deliveries()).length;
    await ok(a.session, 'POST', '/contacts', { name: 'While Paused' });
    expect(await deliveries()).toHaveLength(before);
    receiver.received.length = 0;
    clock.set(new Date(clock.now().getTime() + dayMs));
    const worker = await startWebhookWorker(ctx.deps, { clock, pollMs: 60_000 });
    await worker.drain();
    await worker.close();
    expect(receiver.received).toHaveLength(0);
    // A job queued before the pause (pg-boss) is put back untouched.
    const waiting = await pending();
    expect(waiting.length).toBeGreaterThan(0);
    const attemptsBefore = (await deliveries()).map((d) => d.attempts);
    expect(await deliverAll()).toEqual(waiting.map(() => 'skipped'));
    expect((await deliveries()).map((d) => d.attempts)).toEqual(attemptsBefore);
    expect(receiver.received).toHaveLength(0);

    // Resumed: waiting deliveries get a new day and go out.
    receiver.state.mode = 'ok';
    const resumed = await ok<{ pausedAt: string | null; failingSince: string | null }>(
      a.session,
      'PATCH',
      `/webhooks/${endpointId}`,
      { paused: false },
    );
    expect(resumed).toMatchObject({ pausedAt: null, failingSince: null });
    const outcomes = await deliverAll();
    expect(outcomes.length).toBeGreaterThan(0);
    expect(outcomes.every((o) => o === 'delivered')).toBe(true);
  });

  it('forgets finished deliveries after 30 days, and the events they carried', async () => {
    const count = async (table: 'webhook_delivery' | 'webhook_event') =>
      (await ctx.deps.db.selectFrom(table).select('id').execute()).length;
    const finished = await ctx.deps.db
      .selectFrom('webhook_delivery')
      .select('id')
      .where('status', 'in', ['delivered', 'failed'])
      .execute();
    expect(finished.length).toBeGreaterThan(0);
    const [deliveriesBefore, eventsBefore] = [
      await count('webhook_delivery'),
      await count('webhook_event'),
    ];
    clock.set(new Date(Date.now() + 40 * dayMs));
    receiver.state.mode = 'error';
    const worker = await startWebhookWorker(ctx.deps, { clock, pollMs: 60_000 });
    await worker.drain();
    await worker.close();
    expect(await count('webhook_delivery')).toBe(deliveriesBefore - finished.length);
    expect(await count('webhook_event')).toBeLessThan(eventsBefore);
    const orphans = await ctx.deps.db
      .selectFrom('webhook_event as v')
      .leftJoin('webhook_delivery as d', (j) =>
        j.onRef('d.practice_id', '=', 'v.practice_id').onRef('d.event_id', '=', 'v.id'),
      )
      .select('v.id')
      .where('d.id', 'is', null)
      .execute();
    expect(orphans).toEqual([]);
  });
});

/** Webhook endpoints through the API (issue 14 §6, §10, §11): owners only, safe URLs, secrets. */
import { describe, expect, it } from 'vitest';
import { decryptSecret } from '../outbox/secret-box.ts';
import { fixedClock } from '../platform/clock.ts';
import { expectProblem, ok } from '../test-support/api-expect.ts';
import { usePractices, useTestContext } from '../test-support/suite.ts';
import { type Caller, caller, seedMember, testTargets } from '../test-support/testing.ts';
import { secretPurpose } from './webhook.service.ts';
import { deliverWebhook } from './webhook.worker.ts';

type Endpoint = { id: string; url: string; events: string[]; pausedAt: string | null };

describe.each(testTargets)('webhook endpoints on %s', (target) => {
  const clock = fixedClock(new Date());
  const ctx = useTestContext(target, { clock });
  const [a] = usePractices(ctx, ['Harbor Law']);

  const create = (who: Caller, body: unknown) => who.request('POST', '/webhooks', body);

  it('registers an endpoint with a secret shown once, sealed at rest, audited', async () => {
    const res = await create(a.session, {
      url: 'https://hooks.example.com/vouch',
      events: ['referral.created', 'contact.created', 'contact.created'],
      description: 'Our CRM',
    });
    expect(res.status).toBe(201);
    const made = (await res.json()) as Endpoint & { secret: string };
    expect(made.secret).toMatch(/^whsec_[A-Za-z0-9+/]{32}$/);
    expect(made.events).toEqual(['referral.created', 'contact.created']);

    const listed = await ok<{ items: Record<string, unknown>[] }>(a.session, 'GET', '/webhooks');
    expect(listed.items).toHaveLength(1);
    expect(JSON.stringify(listed.items)).not.toContain(made.secret);
    expect(listed.items[0]).not.toHaveProperty('secret');

    const row = await ctx.deps.db
      .selectFrom('webhook_endpoint')
      .select('secret_sealed')
      .where('id', '=', made.id)
      .executeTakeFirstOrThrow();
    expect(row.secret_sealed).not.toContain(made.secret.slice(6));
    expect(decryptSecret(ctx.deps.config.secret, secretPurpose, row.secret_sealed)).toBe(
      made.secret,
    );

    const audit = await ok<{ items: { action: string; subjectId: string }[] }>(
      a.session,
      'GET',
      '/audit',
    );
    expect(audit.items).toContainEqual(
      expect.objectContaining({ action: 'webhook_endpoint.created', subjectId: made.id }),
    );

    // A new address is audited like the first one.
    await ok(a.session, 'PATCH', `/webhooks/${made.id}`, { url: 'https://other.example.com/in' });
    const changed = await ok<{ items: { action: string; detail: unknown }[] }>(
      a.session,
      'GET',
      '/audit',
    );
    expect(changed.items[0]).toMatchObject({
      action: 'webhook_endpoint.updated',
      detail: { changed: ['url'] },
    });
    await expectProblem(
      await a.session.request('PATCH', `/webhooks/${made.id}`, { url: 'http://10.0.0.1/x' }),
      400,
      'validation',
      ['url'],
    );

    // Removal is audited, and the endpoint is gone.
    await ok(a.session, 'DELETE', `/webhooks/${made.id}`);
    const after = await ok<{ items: { action: string }[] }>(a.session, 'GET', '/audit');
    expect(after.items[0]?.action).toBe('webhook_endpoint.deleted');
    await expectProblem(await a.session.request('GET', `/webhooks/${made.id}`), 404, 'not_found');
  });

  it.each([
    ['http://127.0.0.1:9000/hook', 'plain http and a loopback address'],
    ['http://169.254.169.254/latest/meta-data/', 'the cloud metadata address'],
    ['https://169.254.169.254/latest/meta-data/', 'link-local over https'],
    ['https://localhost/hook', 'a name for this machine'],
    ['https://10.0.0.5/hook', 'a private address'],
    ['https://[::1]/hook', 'IPv6 loopback'],
  ])('refuses %s (%s) with 400 naming the url, writing nothing', async (url) => {
    const before = await ok<{ items: unknown[] }>(a.session, 'GET', '/webhooks');
    await expectProblem(
      await create(a.session, { url, events: ['contact.created'] }),
      400,
      'validation',
      ['url'],
    );
    expect((await ok<{ items: unknown[] }>(a.session, 'GET', '/webhooks')).items).toHaveLength(
      before.items.length,
    );
  });

  it('names the field of other bad input', async () => {
    await expectProblem(
      await create(a.session, { url: 'https://hooks.example.com/x', events: [] }),
      400,
      'validation',
      ['events'],
    );
    await expectProblem(
      await create(a.session, { url: 'https://hooks.example.com/x', events: ['referral.deleted'] }),
      400,
      'validation',
      ['events.0'],
    );
    await expectProblem(
      await create(a.session, {
        url: 'https://hooks.example.com/x',
        events: ['contact.created'],
        x: 1,
      }),
      400,
      'validation',
    );
  });

  it('refuses a member with 403 naming the role needed, on every webhook route', async () => {
    const member = (await seedMember(ctx, a.practiceId, 'Mo Member')).session;
    const endpoint = await ok<Endpoint>(a.session, 'POST', '/webhooks', {
      url: 'https://hooks.example.com/member-test',
      events: ['contact.created'],
    });
    for (const [method, url, body] of [
      ['GET', '/webhooks', undefined],
      ['POST', '/webhooks', { url: 'https://hooks.example.com/m', events: ['contact.created'] }],
      ['GET', `/webhooks/${endpoint.id}`, undefined],
      ['PATCH', `/webhooks/${endpoint.id}`, { paused: true }],
      ['DELETE', `/webhooks/${endpoint.id}`, undefined],
      ['GET', `/webhooks/${endpoint.id}/deliveries`, undefined],
    ] as const) {
      const problem = await expectProblem(
        await member.request(method, url, body),
        403,
        'forbidden',
        ['role'],
      );
      expect(problem.errors?.[0]?.message).toMatch(/owner/);
    }
    await ok(a.session, 'DELETE', `/webhooks/${endpoint.id}`);
  });

  it('a read-only token reads and gets 403 on any write', async () => {
    const made = await ok<{ token: string; readOnly: boolean }>(a.session, 'POST', '/tokens', {
      name: 'reporting',
      readOnly: true,
    });
    expect(made.readOnly).toBe(true);
    const reader = caller(ctx, { token: made.token });
    expect((await reader.request('GET', '/contacts')).status).toBe(200);
    const before = await ok<{ items: unknown[] }>(a.session, 'GET', '/contacts');
    for (const [method, url, body] of [
      ['POST', '/contacts', { name: 'Written Through A Reader' }],
      ['POST', '/tokens', { name: 'escalate' }],
      ['PATCH', '/practice', { name: 'Renamed' }],
      ['DELETE', `/tokens/${made.token}`, undefined],
    ] as const)
      await expectProblem(await reader.request(method, url, body), 403, 'forbidden', ['token']);
    expect((await ok<{ items: unknown[] }>(a.session, 'GET', '/contacts')).items).toHaveLength(
      before.items.length,
    );
    // A token made without the flag writes as before.
    expect((await a.bearer.request('POST', '/contacts', { name: 'Written By Token' })).status).toBe(
      201,
    );
    const tokens = await ok<{ items: { name: string; readOnly: boolean }[] }>(
      a.session,
      'GET',
      '/tokens',
    );
    expect(tokens.items.find((t) => t.name === 'reporting')?.readOnly).toBe(true);
    expect(tokens.items.find((t) => t.name === 'tests')?.readOnly).toBe(false);
  });

  it('checks the resolved address at delivery: a name that resolves privately is never called', async () => {
    const endpoint = await ok<Endpoint>(a.session, 'POST', '/webhooks', {
      url: 'https://intranet.example.org/hook',
      events: ['contact.created'],
    });
    await ok(a.session, 'POST', '/contacts', { name: 'Resolved Privately' });
    const page = await ok<{ items: { id: string }[] }>(
      a.session,
      'GET',
      `/webhooks/${endpoint.id}/deliveries`,
    );
    const delivery = page.items[0]?.id ?? '';
    const asked: string[] = [];
    const outcome = await deliverWebhook(ctx.deps, clock, a.practiceId, delivery, {
      resolve: async (host) => {
        asked.push(host);
        return [{ address: '10.20.30.40', family: 4 }];
      },
    });
    expect(outcome).toBe('retry');
    expect(asked).toEqual(['intranet.example.org']);
    const [logged] = (
      await ok<{ items: { lastError: string; lastStatusCode: number | null; attempts: number }[] }>(
        a.session,
        'GET',
        `/webhooks/${endpoint.id}/deliveries`,
      )
    ).items;
    expect(logged).toMatchObject({ attempts: 1, lastStatusCode: null });
    expect(logged?.lastError).toMatch(/Refused: intranet\.example\.org resolves to 10\.20\.30\.40/);
    await ok(a.session, 'DELETE', `/webhooks/${endpoint.id}`);
  });
});

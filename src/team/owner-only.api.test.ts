/**
 * Issue 14 §2: every owner-only route refuses a member (403 problem+json naming the role
 * needed) and changes nothing, through a session and through the member's own API token. The
 * table is the specification; the OpenAPI document must mark exactly these routes as
 * owner-only (their 403 answer), so a new owner-only route cannot be left out of the table.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from '../platform/clock.ts';
import { expectProblem, ok } from '../test-support/api-expect.ts';
import { loadOpenApi } from '../test-support/openapi-testing.ts';
import { usePractices, useTestContext } from '../test-support/suite.ts';
import {
  type Caller,
  caller,
  countRows,
  seedMember,
  testTargets,
} from '../test-support/testing.ts';

type Ids = {
  contact: string;
  invitation: string;
  owner: string;
  member: string;
  webhook: string;
  delivery: string;
};

/** Every owner-only operation with a request that would succeed for an owner. */
const ownerOnly: Record<string, { url: (ids: Ids) => string; body?: unknown }> = {
  'PATCH /practice': { url: () => '/practice', body: { name: 'Taken over' } },
  'PATCH /practice/settings': { url: () => '/practice/settings', body: { askCooldownDays: 30 } },
  'PUT /ethics/overrides': { url: () => '/ethics/overrides', body: {} },
  'PUT /smtp': {
    url: () => '/smtp',
    body: { host: '127.0.0.1', port: 2525, security: 'none', fromEmail: 'office@example.com' },
  },
  'DELETE /smtp': { url: () => '/smtp' },
  'POST /smtp/test': { url: () => '/smtp/test', body: {} },
  'PUT /letter-templates/{key}': {
    url: () => '/letter-templates/thanks_referral',
    body: { subject: 'Thanks', body: 'Thank you.' },
  },
  'DELETE /letter-templates/{key}': { url: () => '/letter-templates/thanks_referral' },
  'DELETE /contacts/{id}': { url: (ids) => `/contacts/${ids.contact}` },
  'GET /export': { url: () => '/export' },
  'GET /contacts/export.csv': { url: () => '/contacts/export.csv' },
  'GET /contacts/export.vcf': { url: () => '/contacts/export.vcf' },
  'GET /referrals/export.csv': { url: () => '/referrals/export.csv' },
  'GET /audit': { url: () => '/audit' },
  'GET /audit/actions': { url: () => '/audit/actions' },
  'GET /invitations': { url: () => '/invitations' },
  'POST /invitations': { url: () => '/invitations', body: { email: 'new.person@example.com' } },
  'POST /invitations/{id}/resend': {
    url: (ids) => `/invitations/${ids.invitation}/resend`,
    body: {},
  },
  'DELETE /invitations/{id}': { url: (ids) => `/invitations/${ids.invitation}` },
  'PATCH /members/{id}': { url: (ids) => `/members/${ids.member}`, body: { role: 'owner' } },
  'DELETE /members/{id}': { url: (ids) => `/members/${ids.owner}` },
  'GET /webhooks': { url: () => '/webhooks' },
  'POST /webhooks': {
    url: () => '/webhooks',
    body: { url: 'https://hooks.example.com/new', events: ['referral.created'] },
  },
  'GET /webhooks/{id}': { url: (ids) => `/webhooks/${ids.webhook}` },
  'PATCH /webhooks/{id}': { url: (ids) => `/webhooks/${ids.webhook}`, body: { paused: true } },
  'DELETE /webhooks/{id}': { url: (ids) => `/webhooks/${ids.webhook}` },
  'GET /webhooks/{id}/deliveries': { url: (ids) => `/webhooks/${ids.webhook}/deliveries` },
  'POST /webhooks/{id}/deliveries/{deliveryId}/resend': {
    url: (ids) => `/webhooks/${ids.webhook}/deliveries/${ids.delivery}/resend`,
    body: {},
  },
};

/** The 403 answer `ownerOnlyResponses` (platform/http.ts) puts on an owner-only route. */
const ownerOnlyDescription = /^Only an owner of the practice may/;

describe.each(testTargets)('owner-only routes on %s', (target) => {
  const ctx = useTestContext(target, { clock: fixedClock('2026-06-15T12:00:00.000Z') });
  const [a] = usePractices(ctx, ['Owned Practice']);
  let ids: Ids;
  let member: { session: Caller; bearer: Caller };

  beforeAll(async () => {
    const seeded = await seedMember(ctx, a.practiceId, 'Mia Member');
    const { token } = await ok<{ token: string }>(seeded.session, 'POST', '/tokens', {
      name: 'mine',
    });
    member = { session: seeded.session, bearer: caller(ctx, { token }) };
    const webhook = await ok<{ id: string }>(a.session, 'POST', '/webhooks', {
      url: 'https://hooks.example.com/owned',
      events: ['contact.created'],
    });
    const contact = await ok<{ id: string }>(a.session, 'POST', '/contacts', { name: 'Lee' });
    const deliveries = await ok<{ items: { id: string }[] }>(
      a.session,
      'GET',
      `/webhooks/${webhook.id}/deliveries`,
    );
    const invitation = await ok<{ id: string }>(a.session, 'POST', '/invitations', {
      email: 'invited@example.com',
    });
    ids = {
      contact: contact.id,
      invitation: invitation.id,
      owner: a.userId,
      member: seeded.userId,
      webhook: webhook.id,
      delivery: deliveries.items[0]?.id ?? '',
    };
  });

  it('the OpenAPI document marks exactly the routes of the table as owner-only', async () => {
    const doc = (await loadOpenApi(ctx)) as unknown as {
      paths: Record<
        string,
        Record<string, { responses?: Record<string, { description?: string }> }>
      >;
    };
    const marked = Object.entries(doc.paths)
      .flatMap(([path, byMethod]) =>
        Object.entries(byMethod)
          .filter(([, op]) => ownerOnlyDescription.test(op.responses?.['403']?.description ?? ''))
          .map(([method]) => `${method.toUpperCase()} ${path}`),
      )
      .sort();
    expect(marked).toEqual(Object.keys(ownerOnly).sort());
  });

  describe.each(['session', 'bearer'] as const)("a member's %s", (via) => {
    it.each(Object.entries(ownerOnly))(
      '%s is 403 naming the role, writing nothing',
      async (key, c) => {
        const method = key.split(' ')[0] ?? 'GET';
        const before = await countRows(ctx.deps);
        const res = await member[via].request(method, c.url(ids), c.body);
        const problem = await expectProblem(res, 403, 'forbidden', ['role']);
        expect(problem.detail).toMatch(/^Only an owner of the practice can /);
        expect(await countRows(ctx.deps), key).toEqual(before);
      },
    );
  });

  it('members keep working the referral program: contacts, referrals, letters and Today', async () => {
    const contact = await ok<{ id: string }>(member.session, 'POST', '/contacts', {
      name: 'Member Contact',
    });
    await ok(member.session, 'POST', '/referrals', {
      referred: { name: 'Referred Person' },
      referrer: { contactId: contact.id },
      channel: 'phone',
    });
    await ok(member.session, 'GET', '/agenda');
    await ok(member.session, 'GET', '/letter-templates');
    await ok(member.session, 'GET', '/members');
  });

  it('an owner passes every one of them (the 403s above are the role, not the request)', async () => {
    // Read-only and reversible ones only: the rest are exercised by their own suites.
    for (const key of ['GET /audit', 'GET /invitations', 'GET /referrals/export.csv']) {
      const c = ownerOnly[key];
      if (!c) throw new Error(key);
      const res = await a.session.request('GET', c.url(ids));
      expect(res.status, key).toBe(200);
      await res.arrayBuffer();
    }
  });
});

/**
 * Follow-through routes (moments, asks, commitments, ethics, incentives): bad input is a
 * problem+json naming the field with nothing written; another practice's ids are 404 and
 * its rows never show in lists.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContactDetail } from '../contacts/contact.schemas.ts';
import type { Problem } from '../platform/errors.ts';
import type { ReferralDetail } from '../referrals/referral.schemas.ts';
import { ok } from '../test-support/api-expect.ts';
import {
  type Caller,
  countRows,
  createTestContext,
  type SeededPractice,
  seedPractice,
  type TestContext,
  testTargets,
} from '../test-support/testing.ts';

type Ids = {
  contact: string;
  moment: string;
  ask: string;
  commitment: string;
  incentive: string;
  referral: string;
};

async function seedWorld(who: Caller, name: string): Promise<Ids> {
  const contact = (await ok<ContactDetail>(who, 'POST', '/contacts', { name, stage: 'likes' })).id;
  const moment = (
    await ok<{ id: string }>(who, 'POST', `/contacts/${contact}/moments`, {
      kind: 'milestone',
    })
  ).id;
  const ask = (await ok<{ ask: { id: string } }>(who, 'POST', `/contacts/${contact}/asks`, {})).ask
    .id;
  const commitment = (
    await ok<{ commitment: { id: string } }>(who, 'POST', `/contacts/${contact}/commitments`, {
      promisedCount: 3,
    })
  ).commitment.id;
  const referral = (
    await ok<ReferralDetail>(who, 'POST', '/referrals', {
      referred: { name: `${name} friend` },
      referrer: { contactId: contact },
      channel: 'email',
    })
  ).id;
  const incentive = (
    await ok<{ id: string }>(who, 'POST', '/incentives', {
      kind: 'thank_you_note',
      recipient: 'referrer',
      referralId: referral,
    })
  ).id;
  return { contact, moment, ask, commitment, incentive, referral };
}

describe.each(testTargets)('follow-through guards on %s', (target) => {
  let ctx: TestContext;
  let a: SeededPractice;
  let b: SeededPractice;
  let A: Ids;
  let B: Ids;

  beforeAll(async () => {
    ctx = await createTestContext(target);
    a = await seedPractice(ctx, 'A');
    b = await seedPractice(ctx, 'B');
    A = await seedWorld(a.session, 'Ann');
    B = await seedWorld(b.session, 'Bob');
  });
  afterAll(async () => ctx?.close());

  type Bad = [
    method: string,
    url: (i: Ids) => string,
    body: unknown,
    field: string,
    status?: number,
  ];
  const badCases: Bad[] = [
    ['POST', (i) => `/contacts/${i.contact}/moments`, { kind: 'party' }, 'kind'],
    ['POST', (i) => `/contacts/${i.contact}/moments`, { kind: 'feedback' }, 'score'],
    ['POST', (i) => `/contacts/${i.contact}/moments`, { kind: 'milestone', score: 9 }, 'score'],
    ['POST', (i) => `/contacts/${i.contact}/moments`, { kind: 'feedback', score: 11 }, 'score'],
    [
      'POST',
      (i) => `/contacts/${i.contact}/moments`,
      { kind: 'milestone', occurredAt: '2999-01-01T00:00:00Z' },
      'occurredAt',
    ],
    ['POST', (i) => `/contacts/${i.contact}/moments`, { kind: 'milestone', extra: 1 }, 'extra'],
    ['POST', (i) => `/contacts/${i.contact}/asks`, { outcome: 'maybe' }, 'outcome'],
    ['POST', (i) => `/contacts/${i.contact}/asks`, { askedAt: 'yesterday' }, 'askedAt'],
    ['POST', (i) => `/contacts/${i.contact}/asks`, { momentId: 'no-such-moment' }, 'momentId', 404],
    ['PATCH', (i) => `/asks/${i.ask}`, { outcome: 'perhaps' }, 'outcome'],
    ['GET', () => '/ask-script?contactId=bad%20id', undefined, 'contactId'],
    ['POST', (i) => `/contacts/${i.contact}/commitments`, {}, 'promisedCount'],
    ['POST', (i) => `/contacts/${i.contact}/commitments`, { promisedCount: 0 }, 'promisedCount'],
    ['POST', (i) => `/contacts/${i.contact}/commitments`, { promisedCount: 21 }, 'promisedCount'],
    [
      'POST',
      (i) => `/contacts/${i.contact}/commitments`,
      { promisedCount: 2, dueAt: '2000-01-01T00:00:00Z' },
      'dueAt',
    ],
    [
      'POST',
      (i) => `/contacts/${i.contact}/commitments`,
      { promisedCount: 2, askId: 'nope' },
      'askId',
      404,
    ],
    ['GET', () => '/commitments?status=done', undefined, 'status'],
    ['PATCH', (i) => `/commitments/${i.commitment}`, { promisedCount: 'five' }, 'promisedCount'],
    ['POST', (i) => `/commitments/${i.commitment}/release`, { note: 5 }, 'note'],
    ['POST', (i) => `/commitments/${i.commitment}/reminders`, { at: 'soon' }, 'at'],
    ['PUT', () => '/ethics/overrides', { gift: 'sometimes' }, 'gift'],
    ['PUT', () => '/ethics/overrides', { bribe: 'allowed' }, 'bribe'],
    ['POST', () => '/incentives/preview', { kind: 'cash', recipient: 'referrer' }, 'kind'],
    ['POST', () => '/incentives', { kind: 'gift' }, 'recipient'],
    [
      'POST',
      () => '/incentives',
      { kind: 'gift', recipient: 'referrer', valueMinor: -1 },
      'valueMinor',
    ],
    [
      'POST',
      () => '/incentives',
      { kind: 'gift', recipient: 'referrer', currency: 'usd' },
      'currency',
    ],
    [
      'POST',
      () => '/incentives',
      { kind: 'gift', recipient: 'referrer', referralId: 'nope' },
      'referralId',
      404,
    ],
    ['GET', () => '/incentives?status=lost', undefined, 'status'],
    ['POST', (i) => `/incentives/${i.incentive}/disclosure`, { method: 'telepathy' }, 'method'],
    ['POST', (i) => `/incentives/${i.incentive}/deliver`, { deliveredAt: 12 }, 'deliveredAt'],
  ];

  it.each(badCases)(
    '%s %s refuses bad input naming the field, writing nothing',
    async (method, url, body, field, status = 400) => {
      const before = await countRows(ctx.deps);
      const res = await a.session.request(method, url(A), body);
      const text = await res.text();
      expect(res.status, text).toBe(status);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
      const problem = JSON.parse(text) as Problem;
      expect(
        problem.errors?.map((e) => e.field),
        text,
      ).toContain(field);
      expect(await countRows(ctx.deps)).toEqual(before);
    },
  );

  it('JSON routes refuse a missing body and non-JSON', async () => {
    for (const url of [
      `/contacts/${A.contact}/moments`,
      '/incentives',
      `/commitments/${A.commitment}/release`,
    ]) {
      expect((await a.session.request('POST', url)).status).toBe(400);
      expect(
        (await a.session.request('POST', url, 'x=1', { 'content-type': 'text/plain' })).status,
      ).toBe(415);
    }
  });

  it('another practice’s ids are simply not found, and nothing of B changes', async () => {
    const before = await countRows(ctx.deps);
    const calls: [string, string, unknown?][] = [
      ['GET', `/contacts/${B.contact}/moments`],
      ['POST', `/contacts/${B.contact}/moments`, { kind: 'milestone' }],
      ['DELETE', `/moments/${B.moment}`],
      ['GET', `/contacts/${B.contact}/asks`],
      ['POST', `/contacts/${B.contact}/asks`, {}],
      ['PATCH', `/asks/${B.ask}`, { outcome: 'no' }],
      ['GET', `/contacts/${B.contact}/ask-readiness`],
      ['GET', `/ask-script?contactId=${B.contact}`],
      ['POST', `/contacts/${B.contact}/commitments`, { promisedCount: 1 }],
      ['GET', `/commitments/${B.commitment}`],
      ['PATCH', `/commitments/${B.commitment}`, { note: 'x' }],
      ['POST', `/commitments/${B.commitment}/release`, {}],
      ['POST', `/commitments/${B.commitment}/reminders`, {}],
      ['POST', `/incentives/${B.incentive}/disclosure`, { method: 'verbal' }],
      ['POST', `/incentives/${B.incentive}/deliver`, {}],
      ['POST', '/incentives', { kind: 'gift', recipient: 'referrer', referralId: B.referral }],
      ['POST', '/incentives', { kind: 'gift', recipient: 'referrer', commitmentId: B.commitment }],
      [
        'POST',
        '/incentives',
        { kind: 'gift', recipient: 'referrer', recipientContactId: B.contact },
      ],
      ['POST', `/contacts/${A.contact}/asks`, { momentId: B.moment }],
      ['POST', `/contacts/${A.contact}/commitments`, { promisedCount: 1, askId: B.ask }],
    ];
    for (const [method, url, body] of calls) {
      for (const who of [a.session, a.bearer]) {
        const res = await who.request(method, url, body);
        expect(res.status, `${method} ${url}: ${await res.text()}`).toBe(404);
      }
    }
    expect(await countRows(ctx.deps)).toEqual(before);
    const commitments = await ok<{ items: { id: string }[] }>(a.session, 'GET', '/commitments');
    expect(commitments.items.map((c) => c.id)).toEqual([A.commitment]);
    const filtered = await ok<{ items: unknown[] }>(
      a.session,
      'GET',
      `/commitments?contactId=${B.contact}`,
    );
    expect(filtered.items).toEqual([]);
    const incentives = await ok<{ items: { id: string }[] }>(a.session, 'GET', '/incentives');
    expect(incentives.items.map((i) => i.id)).toEqual([A.incentive]);
    expect(
      (await ok<{ items: unknown[] }>(a.session, 'GET', `/incentives?referralId=${B.referral}`))
        .items,
    ).toEqual([]);
  });
});

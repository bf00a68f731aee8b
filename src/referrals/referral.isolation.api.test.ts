/**
 * Bad input and practice isolation for the pipeline routes: every refusal is a problem+json
 * naming the field, never a 500, and writes nothing; another practice's ids are 404 and its
 * rows never show up in lists, the board, the CSV or the ledger.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContactDetail } from '../contacts/contact.schemas.ts';
import type { ErrorCode } from '../platform/errors.ts';
import { expectProblem, ok } from '../test-support/api-expect.ts';
import {
  type Caller,
  caller,
  countRows,
  createTestContext,
  type SeededPractice,
  seedPractice,
  type TestContext,
  testTargets,
} from '../test-support/testing.ts';
import type { ReferralGiven } from './given.schemas.ts';
import type { Reciprocity } from './reciprocity.schemas.ts';
import type { Board, Referral } from './referral.schemas.ts';

type Page<T> = { items: T[]; nextCursor: string | null };

type Case = {
  name: string;
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  status: number;
  code: ErrorCode;
  fields: string[];
};
const bad = (
  method: Case['method'],
  url: string,
  name: string,
  body: unknown,
  fields: string[],
  status = 400,
  code: ErrorCode = 'validation',
): Case => ({ name, method, url, body, status, code, fields });

const long = (n: number) => 'x'.repeat(n);
const missing = '019a8b2c-4d5e-7f00-8a1b-2c3d4e5f6a7b';
/** Ids filled in once the fixtures exist. */
type Fixtures = Record<'referral' | 'given' | 'contact' | 'other' | 'closed', string>;
const fill = (s: string, f: Fixtures) =>
  s.replace(/:(referral|given|contact|other|closed)\b/g, (_, k: keyof Fixtures) => f[k]);
const fillBody = (body: unknown, f: Fixtures): unknown =>
  typeof body === 'string' || body === undefined ? body : JSON.parse(fill(JSON.stringify(body), f));

function unreadable(method: Case['method'], url: string): Case[] {
  return [
    bad(method, url, 'no body', undefined, ['(body)']),
    bad(method, url, 'malformed JSON', '{"a":', []),
    bad(method, url, 'a JSON array', '[]', ['(body)']),
    {
      name: 'text/plain',
      method,
      url,
      body: '{}',
      headers: { 'content-type': 'text/plain' },
      status: 415,
      code: 'unsupported_media_type',
      fields: [],
    },
  ];
}

const quick = { referred: { name: 'Ann' }, referrer: { unknown: true }, channel: 'phone' };

const createCases: Case[] = [
  ...unreadable('POST', '/referrals'),
  bad('POST', '/referrals', 'an unknown field', { ...quick, priority: 1 }, ['priority']),
  bad('POST', '/referrals', 'no referrer', { referred: quick.referred, channel: 'phone' }, [
    'referrer',
  ]),
  bad('POST', '/referrals', 'a free-text referrer', { ...quick, referrer: 'Bob' }, ['referrer']),
  bad('POST', '/referrals', 'a referrer with a name', { ...quick, referrer: { name: 'Bob' } }, [
    'referrer.name',
  ]),
  bad('POST', '/referrals', 'an empty referrer', { ...quick, referrer: {} }, [
    'referrer.contactId',
  ]),
  bad('POST', '/referrals', 'unknown: false', { ...quick, referrer: { unknown: false } }, [
    'referrer.unknown',
  ]),
  bad(
    'POST',
    '/referrals',
    'both referrer forms',
    { ...quick, referrer: { unknown: true, contactId: ':contact' } },
    ['referrer.contactId'],
  ),
  bad('POST', '/referrals', 'no referred', { referrer: quick.referrer, channel: 'phone' }, [
    'referred',
  ]),
  bad('POST', '/referrals', 'a referred without name or id', { ...quick, referred: {} }, [
    'referred.name',
  ]),
  bad('POST', '/referrals', 'a blank referred name', { ...quick, referred: { name: '  ' } }, [
    'referred.name',
  ]),
  bad(
    'POST',
    '/referrals',
    'a referred name over 200',
    { ...quick, referred: { name: long(201) } },
    ['referred.name'],
  ),
  bad(
    'POST',
    '/referrals',
    'both referred forms',
    { ...quick, referred: { name: 'A', contactId: ':contact' } },
    ['referred.contactId'],
  ),
  bad(
    'POST',
    '/referrals',
    'a bad referred email',
    { ...quick, referred: { name: 'A', email: 'nope' } },
    ['referred.email'],
  ),
  bad('POST', '/referrals', 'no channel', { referred: quick.referred, referrer: quick.referrer }, [
    'channel',
  ]),
  bad('POST', '/referrals', 'an unknown channel', { ...quick, channel: 'fax' }, ['channel']),
  bad('POST', '/referrals', 'a need over 2,000', { ...quick, need: long(2001) }, ['need']),
  bad('POST', '/referrals', 'a NUL in need', { ...quick, need: 'a\u0000b' }, ['need']),
  bad(
    'POST',
    '/referrals',
    '11 tags',
    { ...quick, tags: Array.from({ length: 11 }, (_, i) => `t${i}`) },
    ['tags'],
  ),
  bad('POST', '/referrals', 'a tag over 40', { ...quick, tags: [long(41)] }, ['tags.0']),
  bad('POST', '/referrals', 'an empty tag', { ...quick, tags: [' '] }, ['tags.0']),
  bad('POST', '/referrals', 'a string as tags', { ...quick, tags: 'a,b' }, ['tags']),
  bad('POST', '/referrals', 'a negative value', { ...quick, valueMinor: -1 }, ['valueMinor']),
  bad('POST', '/referrals', 'a fractional value', { ...quick, valueMinor: 1.5 }, ['valueMinor']),
  bad('POST', '/referrals', 'a value over int32', { ...quick, valueMinor: 2 ** 31 }, [
    'valueMinor',
  ]),
  bad('POST', '/referrals', 'a lower-case currency', { ...quick, currency: 'usd' }, ['currency']),
  bad('POST', '/referrals', 'a receivedAt that is no time', { ...quick, receivedAt: 'yesterday' }, [
    'receivedAt',
  ]),
  bad(
    'POST',
    '/referrals',
    'a receivedAt in the future',
    { ...quick, receivedAt: '2999-01-01T00:00:00Z' },
    ['receivedAt'],
  ),
  bad('POST', '/referrals', 'a string as consent', { ...quick, consentToUpdate: 'yes' }, [
    'consentToUpdate',
  ]),
  bad('POST', '/referrals', 'a malformed circleId', { ...quick, circleId: 'a b' }, ['circleId']),
  bad(
    'POST',
    '/referrals',
    'a missing circle',
    { ...quick, circleId: missing },
    ['circleId'],
    404,
    'not_found',
  ),
  bad(
    'POST',
    '/referrals',
    'a missing referrer',
    { ...quick, referrer: { contactId: missing } },
    ['referrer.contactId'],
    404,
    'not_found',
  ),
  bad(
    'POST',
    '/referrals',
    'a missing referred',
    { ...quick, referred: { contactId: missing } },
    ['referred.contactId'],
    404,
    'not_found',
  ),
  bad(
    'POST',
    '/referrals',
    'a missing owner',
    { ...quick, ownerId: missing },
    ['ownerId'],
    404,
    'not_found',
  ),
  bad(
    'POST',
    '/referrals',
    'referrer = referred',
    { ...quick, referred: { contactId: ':contact' }, referrer: { contactId: ':contact' } },
    ['referrer.contactId'],
    422,
    'unprocessable',
  ),
  bad(
    'POST',
    '/referrals',
    'the email of an existing contact',
    { ...quick, referred: { name: 'Twin', email: 'EXISTING@example.com' } },
    ['referred.email'],
    409,
    'conflict',
  ),
];

const updateCases: Case[] = [
  ...unreadable('PATCH', '/referrals/:referral'),
  bad('PATCH', '/referrals/:referral', 'an unknown field', { status: 'client' }, ['status']),
  bad('PATCH', '/referrals/:referral', 'a null channel', { channel: null }, ['channel']),
  bad('PATCH', '/referrals/:referral', 'a null referrer', { referrer: null }, ['referrer']),
  bad('PATCH', '/referrals/:referral', 'a null consent', { consentToUpdate: null }, [
    'consentToUpdate',
  ]),
  bad('PATCH', '/referrals/:referral', 'a place over 200', { place: long(201) }, ['place']),
  bad(
    'PATCH',
    '/referrals/:referral',
    'a missing circle',
    { circleId: missing },
    ['circleId'],
    404,
    'not_found',
  ),
  bad(
    'PATCH',
    '/referrals/:referral',
    'a missing owner',
    { ownerId: missing },
    ['ownerId'],
    404,
    'not_found',
  ),
  bad(
    'PATCH',
    '/referrals/:referral',
    'a missing referrer',
    { referrer: { contactId: missing } },
    ['referrer.contactId'],
    404,
    'not_found',
  ),
  bad(
    'PATCH',
    '/referrals/:referral',
    'the referred as referrer',
    { referrer: { contactId: ':other' } },
    ['referrer.contactId'],
    422,
    'unprocessable',
  ),
];

const actionCases: Case[] = [
  ...unreadable('POST', '/referrals/:referral/status'),
  bad('POST', '/referrals/:referral/status', 'no status', {}, ['status']),
  bad('POST', '/referrals/:referral/status', 'an unknown status', { status: 'won' }, ['status']),
  bad(
    'POST',
    '/referrals/:referral/status',
    'a bad time',
    { status: 'contacted', at: '2026-13-01' },
    ['at'],
  ),
  bad(
    'POST',
    '/referrals/:referral/status',
    'a time before receipt',
    { status: 'contacted', at: '2000-01-01T00:00:00Z' },
    ['at'],
  ),
  bad(
    'POST',
    '/referrals/:referral/status',
    'a note over 2,000',
    { status: 'contacted', note: long(2001) },
    ['note'],
  ),
  bad(
    'POST',
    '/referrals/:referral/status',
    'the same status',
    { status: 'new' },
    ['status'],
    409,
    'conflict',
  ),
  bad(
    'POST',
    '/referrals/:closed/status',
    'a move on a closed referral',
    { status: 'contacted' },
    ['status'],
    409,
    'conflict',
  ),
  ...unreadable('POST', '/referrals/:referral/reopen'),
  bad('POST', '/referrals/:referral/reopen', 'an unknown field', { status: 'new' }, ['status']),
  bad('POST', '/referrals/:referral/reopen', 'an open referral', {}, [], 409, 'conflict'),
  ...unreadable('POST', '/referrals/:referral/thanks'),
  bad('POST', '/referrals/:referral/thanks', 'no kind', {}, ['kind']),
  bad('POST', '/referrals/:referral/thanks', 'an unknown kind', { kind: 'gift' }, ['kind']),
  bad(
    'POST',
    '/referrals/:referral/thanks',
    'a conversion before client',
    { kind: 'conversion' },
    ['kind'],
    409,
    'conflict',
  ),
  ...unreadable('POST', '/referrals/:referral/referrer-updates'),
  bad('POST', '/referrals/:referral/referrer-updates', 'an unknown field', { status: 'new' }, [
    'status',
  ]),
  bad('POST', '/referrals/:referral/referrer-updates', 'no consent', {}, [], 422, 'unprocessable'),
];

const givenBody = { person: { name: 'Pat' }, partnerId: ':contact' };
const givenCases: Case[] = [
  ...unreadable('POST', '/referrals-given'),
  bad('POST', '/referrals-given', 'no partner', { person: { name: 'Pat' } }, ['partnerId']),
  bad('POST', '/referrals-given', 'no person', { partnerId: ':contact' }, ['person']),
  bad('POST', '/referrals-given', 'an unknown field', { ...givenBody, fee: 1 }, ['fee']),
  bad('POST', '/referrals-given', 'a reason over 2,000', { ...givenBody, reason: long(2001) }, [
    'reason',
  ]),
  bad(
    'POST',
    '/referrals-given',
    'a givenAt in the future',
    { ...givenBody, givenAt: '2999-01-01T00:00:00Z' },
    ['givenAt'],
  ),
  bad(
    'POST',
    '/referrals-given',
    'notified before given',
    { ...givenBody, givenAt: '2026-01-02T00:00:00Z', partnerNotifiedAt: '2026-01-01T00:00:00Z' },
    ['partnerNotifiedAt'],
  ),
  bad(
    'POST',
    '/referrals-given',
    'a missing partner',
    { ...givenBody, partnerId: missing },
    ['partnerId'],
    404,
    'not_found',
  ),
  bad(
    'POST',
    '/referrals-given',
    'a missing person',
    { ...givenBody, person: { contactId: missing } },
    ['person.contactId'],
    404,
    'not_found',
  ),
  bad(
    'POST',
    '/referrals-given',
    'partner = person',
    { ...givenBody, person: { contactId: ':contact' } },
    ['partnerId'],
    422,
    'unprocessable',
  ),
  ...unreadable('PATCH', '/referrals-given/:given'),
  bad('PATCH', '/referrals-given/:given', 'an unknown outcome', { outcome: 'won' }, ['outcome']),
  bad('PATCH', '/referrals-given/:given', 'a null outcome', { outcome: null }, ['outcome']),
  bad('PATCH', '/referrals-given/:given', 'a bad check-in time', { checkedInAt: 'soon' }, [
    'checkedInAt',
  ]),
  bad('PATCH', '/referrals-given/:given', 'a partner change', { partnerId: ':other' }, [
    'partnerId',
  ]),
];

const queryCases: Case[] = [
  bad('GET', '/referrals?status=won', 'an unknown status', undefined, ['status']),
  bad('GET', '/referrals?status=', 'an empty status', undefined, ['status']),
  bad('GET', '/referrals?referrer=bob', 'a referrer other than unknown', undefined, ['referrer']),
  bad('GET', '/referrals?channel=fax', 'an unknown channel', undefined, ['channel']),
  bad('GET', '/referrals?from=2026-02-30x', 'a bad from', undefined, ['from']),
  bad('GET', '/referrals?from=2026-02-31', 'a day that does not exist', undefined, ['from']),
  bad('GET', '/referrals?to=tomorrow', 'a bad to', undefined, ['to']),
  bad('GET', '/referrals?sort=name', 'an unknown sort', undefined, ['sort']),
  bad('GET', '/referrals?limit=201', 'a limit over 200', undefined, ['limit']),
  bad('GET', '/referrals?limit=0', 'a limit of 0', undefined, ['limit']),
  bad('GET', '/referrals?cursor=not!valid', 'a malformed cursor', undefined, ['cursor']),
  bad('GET', '/referrals?cursor=abc', 'a foreign cursor', undefined, ['cursor']),
  bad('GET', '/referrals?q=a%00b', 'a NUL in q', undefined, ['q']),
  bad('GET', '/referrals?colour=red', 'an unknown parameter', undefined, ['colour']),
  bad('GET', '/referrals/board?sort=due', 'a sort on the board', undefined, ['sort']),
  bad('GET', '/referrals/board?limit=500', 'a board limit over 200', undefined, ['limit']),
  bad('GET', '/referrals/export.csv?limit=5', 'a limit on the export', undefined, ['limit']),
  bad('GET', '/referrals/export.csv?status=won', 'an unknown status in the export', undefined, [
    'status',
  ]),
  bad('GET', '/referrals-given?outcome=won', 'an unknown outcome', undefined, ['outcome']),
  bad('GET', '/referrals-given?cursor=abc', 'a foreign cursor', undefined, ['cursor']),
  bad('GET', '/reciprocity?owed=yes', 'owed other than true or false', undefined, ['owed']),
  bad('GET', `/referrals/${missing}`, 'a missing referral', undefined, [], 404, 'not_found'),
  bad('GET', `/referrals/${long(65)}`, 'an id over 64', undefined, ['id']),
  bad('PATCH', `/referrals/${missing}`, 'a missing referral', { need: 'x' }, [], 404, 'not_found'),
  bad(
    'POST',
    `/referrals/${missing}/status`,
    'a missing referral',
    { status: 'contacted' },
    [],
    404,
    'not_found',
  ),
  bad(
    'DELETE',
    `/referrals-given/${missing}`,
    'a missing referral given',
    undefined,
    [],
    404,
    'not_found',
  ),
  bad(
    'PATCH',
    `/referrals-given/${missing}`,
    'a missing referral given',
    { outcome: 'connected' },
    [],
    404,
    'not_found',
  ),
];

describe.each(testTargets)('pipeline bad input and isolation on %s', (target) => {
  let ctx: TestContext;
  let a: SeededPractice;
  let b: SeededPractice;
  let f: Fixtures;
  let aCircle: string;
  let aCategory: string;
  let bContact: string;

  beforeAll(async () => {
    ctx = await createTestContext(target);
    a = await seedPractice(ctx, 'Alpha Counseling');
    b = await seedPractice(ctx, 'Beta Law');
    aCategory = (await ok<{ id: string }>(a.session, 'POST', '/categories', { name: 'CPAs' })).id;
    aCircle = (await ok<{ id: string }>(a.session, 'POST', '/circles', { name: 'Rotary' })).id;
    const contact = await ok<ContactDetail>(a.session, 'POST', '/contacts', {
      name: 'Existing Partner',
      email: 'existing@example.com',
      categoryId: aCategory,
      roles: ['partner'],
    });
    const referral = await ok<Referral>(a.session, 'POST', '/referrals', {
      referred: { name: 'Alpha Secret Client' },
      referrer: { contactId: contact.id },
      channel: 'phone',
      circleId: aCircle,
      tags: ['alpha'],
      need: 'A private need of practice A',
    });
    const closed = await ok<Referral>(a.session, 'POST', '/referrals', {
      referred: { name: 'Alpha Closed' },
      referrer: { contactId: contact.id },
      channel: 'email',
    });
    await ok(a.session, 'POST', `/referrals/${closed.id}/status`, { status: 'declined' });
    const given = await ok<ReferralGiven>(a.session, 'POST', '/referrals-given', {
      person: { name: 'Alpha Given Person' },
      partnerId: contact.id,
    });
    f = {
      referral: referral.id,
      given: given.id,
      contact: contact.id,
      other: referral.referred?.id ?? '',
      closed: closed.id,
    };
    bContact = (await ok<ContactDetail>(b.session, 'POST', '/contacts', { name: 'Beta Person' }))
      .id;
  });
  afterAll(async () => ctx?.close());

  async function refuse(c: Case, who: Caller = a.session) {
    const url = fill(c.url, f);
    const before = await countRows(ctx.deps);
    const watched = c.method === 'PATCH' || c.method === 'POST' ? await snapshotOf(url) : null;
    const res = await who.request(c.method, url, fillBody(c.body, f), c.headers);
    await expectProblem(res, c.status, c.code, c.fields);
    expect(await countRows(ctx.deps)).toEqual(before);
    if (watched) expect(await snapshotOf(url)).toEqual(watched);
  }

  /** The referral or referral given a write would touch, read before and after. */
  async function snapshotOf(url: string) {
    const m = url.match(/^\/(referrals|referrals-given)\/([^/?]+)/);
    if (!m || m[2] === 'board' || m[2] === 'export.csv') return null;
    const res = await a.session.request('GET', `/${m[1]}/${m[2]}`);
    return { status: res.status, body: await res.text() };
  }

  describe('bad input', () => {
    it.each(createCases)('POST /referrals refuses $name ($status)', (c) => refuse(c));
    it.each(updateCases)('PATCH /referrals/{id} refuses $name ($status)', (c) => refuse(c));
    it.each(actionCases)('$method $url refuses $name ($status)', (c) => refuse(c));
    it.each(givenCases)('$method $url refuses $name ($status)', (c) => refuse(c));
    it.each(queryCases)('$method $url refuses $name ($status)', (c) => refuse(c));

    it('refuses a thank-you and an update when the referrer is unknown (409), writing nothing', async () => {
      const r = await ok<Referral>(a.session, 'PATCH', `/referrals/${f.referral}`, {
        referrer: { unknown: true },
        consentToUpdate: true,
      });
      expect(r.referrer).toBeNull();
      await refuse(
        bad(
          'POST',
          `/referrals/${r.id}/thanks`,
          'x',
          { kind: 'referral' },
          ['kind'],
          409,
          'conflict',
        ),
      );
      await refuse(
        bad('POST', `/referrals/${r.id}/referrer-updates`, 'x', {}, [], 409, 'conflict'),
      );
      await ok(a.session, 'PATCH', `/referrals/${r.id}`, {
        referrer: { contactId: f.contact },
        consentToUpdate: false,
      });
    });

    it('is 401 without a caller on every pipeline route', async () => {
      for (const [method, url] of [
        ['GET', '/referrals'],
        ['POST', '/referrals'],
        ['GET', '/referrals/board'],
        ['GET', '/referrals/export.csv'],
        ['GET', `/referrals/${f.referral}`],
        ['PATCH', `/referrals/${f.referral}`],
        ['POST', `/referrals/${f.referral}/status`],
        ['POST', `/referrals/${f.referral}/reopen`],
        ['POST', `/referrals/${f.referral}/thanks`],
        ['POST', `/referrals/${f.referral}/referrer-updates`],
        ['GET', '/referrals-given'],
        ['POST', '/referrals-given'],
        ['PATCH', `/referrals-given/${f.given}`],
        ['DELETE', `/referrals-given/${f.given}`],
        ['GET', '/reciprocity'],
      ] as const) {
        const before = await countRows(ctx.deps);
        const body = method === 'POST' || method === 'PATCH' ? {} : undefined;
        const res = await caller(ctx).request(method, url, body);
        await expectProblem(res, 401, 'unauthenticated', []);
        expect(await countRows(ctx.deps)).toEqual(before);
      }
    });
  });

  describe.each(['session', 'token'] as const)("B with its %s and A's ids", (via) => {
    const as = () => (via === 'session' ? b.session : b.bearer);
    const nf = (method: Case['method'], url: string, body?: unknown, field?: string): Case =>
      bad(method, url, `${method} ${url}`, body, field ? [field] : [], 404, 'not_found');

    it('gets 404 for A’s referral and referral given, on every route', async () => {
      for (const c of [
        nf('GET', '/referrals/:referral'),
        nf('PATCH', '/referrals/:referral', { need: 'hijacked' }),
        nf('PATCH', '/referrals/:referral', { consentToUpdate: true }),
        nf('POST', '/referrals/:referral/status', { status: 'client' }),
        nf('POST', '/referrals/:closed/reopen', {}),
        nf('POST', '/referrals/:referral/thanks', { kind: 'referral' }),
        nf('POST', '/referrals/:referral/referrer-updates', {}),
        nf('GET', '/referrals-given/:given'),
        nf('PATCH', '/referrals-given/:given', { outcome: 'connected' }),
        nf('DELETE', '/referrals-given/:given'),
      ])
        await refuse(c, as());
    });

    it('gets 404 naming the field for A’s contacts, circle and owner in bodies', async () => {
      const mine = {
        referred: { name: 'Beta New' },
        referrer: { unknown: true },
        channel: 'phone',
      };
      for (const c of [
        nf(
          'POST',
          '/referrals',
          { ...mine, referrer: { contactId: ':contact' } },
          'referrer.contactId',
        ),
        nf(
          'POST',
          '/referrals',
          { ...mine, referred: { contactId: ':other' } },
          'referred.contactId',
        ),
        nf('POST', '/referrals', { ...mine, circleId: aCircle }, 'circleId'),
        nf('POST', '/referrals', { ...mine, ownerId: a.userId }, 'ownerId'),
        nf(
          'POST',
          '/referrals-given',
          { person: { name: 'X' }, partnerId: ':contact' },
          'partnerId',
        ),
        nf(
          'POST',
          '/referrals-given',
          { person: { contactId: ':other' }, partnerId: bContact },
          'person.contactId',
        ),
      ])
        await refuse(c, as());
      const own = await ok<Referral>(as(), 'POST', '/referrals', mine);
      for (const c of [
        nf(
          'PATCH',
          `/referrals/${own.id}`,
          { referrer: { contactId: ':contact' } },
          'referrer.contactId',
        ),
        nf('PATCH', `/referrals/${own.id}`, { circleId: aCircle }, 'circleId'),
        nf('PATCH', `/referrals/${own.id}`, { ownerId: a.userId }, 'ownerId'),
      ])
        await refuse(c, as());
    });

    it('never sees A’s rows in lists, filters, the board, the CSV or the ledger', async () => {
      const secret = /Alpha|practice A|Existing Partner/;
      const urls = [
        '/referrals?limit=200',
        `/referrals?referrerId=${f.contact}`,
        `/referrals?circleId=${aCircle}`,
        `/referrals?categoryId=${aCategory}`,
        `/referrals?ownerId=${a.userId}`,
        '/referrals?q=alpha',
        '/referrals/board',
        '/referrals-given',
        `/referrals-given?partnerId=${f.contact}`,
        '/reciprocity',
      ];
      for (const url of urls) {
        const res = await as().request('GET', url);
        const text = await res.text();
        expect(res.status, url).toBe(200);
        expect(text, url).not.toMatch(secret);
        expect(text, url).not.toContain(f.referral);
      }
      const filtered = await ok<Page<Referral>>(as(), 'GET', `/referrals?referrerId=${f.contact}`);
      expect(filtered.items).toEqual([]);
      const board = await ok<Board>(as(), 'GET', '/referrals/board');
      expect(
        board.columns.every((c) => c.items.every((r) => !r.referred?.name.startsWith('Alpha'))),
      ).toBe(true);
      const csv = await (await as().request('GET', '/referrals/export.csv')).text();
      expect(csv).not.toMatch(secret);
      const ledger = await ok<Reciprocity>(as(), 'GET', '/reciprocity');
      expect(ledger.items.map((i) => i.partner.id)).not.toContain(f.contact);
      // A still sees its own (so the emptiness above is not vacuous).
      const aList = await ok<Page<Referral>>(a.session, 'GET', '/referrals');
      expect(aList.items.map((r) => r.id)).toContain(f.referral);
      const aLedger = await ok<Reciprocity>(a.session, 'GET', '/reciprocity');
      expect(aLedger.items.map((i) => i.partner.id)).toContain(f.contact);
    });
  });
});

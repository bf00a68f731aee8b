/**
 * Bad input on every route that takes input: each answer is a problem+json with the right
 * status, code and field, never a 500, and nothing is written.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { bad, type Case, long, unreadable } from '../route-guards.cases.ts';
import { expectProblem } from '../test-support/api-expect.ts';
import { usePractices, useTestContext } from '../test-support/suite.ts';
import { type Caller, caller, countRows, testTargets } from '../test-support/testing.ts';
import type { Problem } from './errors.ts';

// ---------------------------------------------------------------------------------------------
// Helpers

/** Ids filled in once the fixtures exist: `:contact`, `:other` (contacts), `:token`. */
type Fixtures = { contact: string; other: string; token: string; ownerEmail: string };

const fill = (url: string, f: Fixtures) =>
  url.replaceAll(':contact', f.contact).replaceAll(':other', f.other).replaceAll(':token', f.token);

/** Reads a resource (to compare before and after a refused write); a 404 stays a 404. */
async function snapshot(who: Caller, url: string): Promise<unknown> {
  const res = await who.request('GET', url);
  return { status: res.status, body: await res.text() };
}

// ---------------------------------------------------------------------------------------------
// The cases, route by route

const signUp = { practiceName: 'New Practice', name: 'New Owner', password: 'long enough pw' };
const email = 'new.owner@example.com';

const signUpCases: Case[] = [
  ...unreadable('POST', '/auth/sign-up'),
  bad('POST', '/auth/sign-up', 'an unknown field', { ...signUp, email, admin: true }, ['admin']),
  bad('POST', '/auth/sign-up', 'a number as email', { ...signUp, email: 42 }, ['email']),
  bad('POST', '/auth/sign-up', 'a number as password', { ...signUp, email, password: 12345678 }, [
    'password',
  ]),
  bad('POST', '/auth/sign-up', 'no email', signUp, ['email']),
  bad('POST', '/auth/sign-up', 'an empty practice name', { ...signUp, email, practiceName: '' }, [
    'practiceName',
  ]),
  bad('POST', '/auth/sign-up', 'a blank name', { ...signUp, email, name: '   ' }, ['name']),
  bad('POST', '/auth/sign-up', 'an invalid email', { ...signUp, email: 'not-an-email' }, ['email']),
  bad('POST', '/auth/sign-up', 'an email without a domain', { ...signUp, email: 'ann@' }, [
    'email',
  ]),
  bad('POST', '/auth/sign-up', 'a name over 200', { ...signUp, email, name: long(201) }, ['name']),
  bad(
    'POST',
    '/auth/sign-up',
    'a practice name over 200',
    { ...signUp, email, practiceName: long(201) },
    ['practiceName'],
  ),
  bad('POST', '/auth/sign-up', 'a password of 7', { ...signUp, email, password: 'seven77' }, [
    'password',
  ]),
  bad('POST', '/auth/sign-up', 'a password of 129', { ...signUp, email, password: long(129) }, [
    'password',
  ]),
];

const signInCases: Case[] = [
  ...unreadable('POST', '/auth/sign-in'),
  bad(
    'POST',
    '/auth/sign-in',
    'an unknown field',
    { email, password: 'whatever1', remember: true },
    ['remember'],
  ),
  bad('POST', '/auth/sign-in', 'a number as password', { email, password: 12345678 }, ['password']),
  bad('POST', '/auth/sign-in', 'no password', { email }, ['password']),
  bad('POST', '/auth/sign-in', 'an empty email', { email: '', password: 'whatever1' }, ['email']),
  bad('POST', '/auth/sign-in', 'an empty password', { email, password: '' }, ['password']),
  bad('POST', '/auth/sign-in', 'an invalid email', { email: 'nobody', password: 'whatever1' }, [
    'email',
  ]),
  bad('POST', '/auth/sign-in', 'a password of 129', { email, password: long(129) }, ['password']),
  bad(
    'POST',
    '/auth/sign-in',
    'an unknown account',
    { email, password: 'whatever1' },
    [],
    401,
    'unauthenticated',
  ),
];

const passwordResetCases: Case[] = [
  ...unreadable('POST', '/auth/password-reset'),
  bad('POST', '/auth/password-reset', 'no email', {}, ['email']),
  bad('POST', '/auth/password-reset', 'an invalid email', { email: 'nobody' }, ['email']),
  bad('POST', '/auth/password-reset', 'a number as email', { email: 42 }, ['email']),
  bad('POST', '/auth/password-reset', 'an unknown field', { email, next: '/x' }, ['next']),
  ...unreadable('POST', '/auth/password-reset/confirm'),
  bad('POST', '/auth/password-reset/confirm', 'no token', { newPassword: 'long enough pw' }, [
    'token',
  ]),
  bad(
    'POST',
    '/auth/password-reset/confirm',
    'an empty token',
    { token: '', newPassword: 'long enough pw' },
    ['token'],
  ),
  bad(
    'POST',
    '/auth/password-reset/confirm',
    'a token over 200',
    { token: long(201), newPassword: 'long enough pw' },
    ['token'],
  ),
  bad(
    'POST',
    '/auth/password-reset/confirm',
    'a password of 7',
    { token: 'abc', newPassword: 'seven77' },
    ['newPassword'],
  ),
  bad(
    'POST',
    '/auth/password-reset/confirm',
    'a password of 129',
    { token: 'abc', newPassword: long(129) },
    ['newPassword'],
  ),
  bad(
    'POST',
    '/auth/password-reset/confirm',
    'a link that does not exist',
    { token: 'no-such-link', newPassword: 'long enough pw' },
    ['token'],
    422,
    'unprocessable',
  ),
];

const practiceCases: Case[] = [
  ...unreadable('PATCH', '/practice'),
  bad('PATCH', '/practice', 'an unknown field', { name: 'Ok', plan: 'gold' }, ['plan']),
  bad('PATCH', '/practice', 'a number as name', { name: 5 }, ['name']),
  bad('PATCH', '/practice', 'a string as key phrases', { keyPhrases: 'a, b, c' }, ['keyPhrases']),
  bad('PATCH', '/practice', 'markSetUp false', { markSetUp: false }, ['markSetUp']),
  bad('PATCH', '/practice', 'markSetUp "yes"', { markSetUp: 'yes' }, ['markSetUp']),
  bad('PATCH', '/practice', 'an empty name', { name: '' }, ['name']),
  bad('PATCH', '/practice', 'a null name', { name: null }, ['name']),
  bad('PATCH', '/practice', 'a name over 200', { name: long(201) }, ['name']),
  bad('PATCH', '/practice', 'a value proposition over 280', { valueProposition: long(281) }, [
    'valueProposition',
  ]),
  bad('PATCH', '/practice', 'an ideal client over 1,000', { idealClient: long(1001) }, [
    'idealClient',
  ]),
  bad('PATCH', '/practice', 'a postal address over 500', { postalAddress: long(501) }, [
    'postalAddress',
  ]),
  bad('PATCH', '/practice', 'an unknown profession', { profession: 'wizard' }, ['profession']),
  bad('PATCH', '/practice', 'a booking link without https://', { bookingUrl: 'cal.com/me' }, [
    'bookingUrl',
  ]),
  bad(
    'PATCH',
    '/practice',
    'a booking link over 500',
    { bookingUrl: `https://x.example/${long(490)}` },
    ['bookingUrl'],
  ),
  bad('PATCH', '/practice', 'a null booking link', { bookingUrl: null }, ['bookingUrl']),
  bad('PATCH', '/practice', '2 key phrases', { keyPhrases: ['one', 'two'] }, ['keyPhrases']),
  bad(
    'PATCH',
    '/practice',
    '9 key phrases',
    { keyPhrases: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'] },
    ['keyPhrases'],
  ),
  bad('PATCH', '/practice', 'a repeated key phrase', { keyPhrases: ['Calm', 'calm', 'kind'] }, [
    'keyPhrases',
  ]),
  bad('PATCH', '/practice', 'a blank key phrase', { keyPhrases: ['one', ' ', 'three'] }, [
    'keyPhrases.1',
  ]),
  bad('PATCH', '/practice', 'a key phrase over 100', { keyPhrases: [long(101), 'b', 'c'] }, [
    'keyPhrases.0',
  ]),
  bad('PATCH', '/practice', 'an unknown time zone', { timeZone: 'Mars/Olympus_Mons' }, [
    'timeZone',
  ]),
  // Setup needs only a name and a time zone now: the refusal is in onboarding.api.test.ts.
];

const settingsCases: Case[] = [
  ...unreadable('PATCH', '/practice/settings'),
  bad('PATCH', '/practice/settings', 'an unknown setting', { snoozeDays: 3 }, ['snoozeDays']),
  bad('PATCH', '/practice/settings', 'a string number', { responseWindowHours: '24' }, [
    'responseWindowHours',
  ]),
  bad('PATCH', '/practice/settings', 'null', { checkInDays: null }, ['checkInDays']),
  bad('PATCH', '/practice/settings', 'a fraction', { checkInDays: 1.5 }, ['checkInDays']),
  bad('PATCH', '/practice/settings', 'below the minimum', { responseWindowHours: 0 }, [
    'responseWindowHours',
  ]),
  bad('PATCH', '/practice/settings', 'above the maximum', { responseWindowHours: 721 }, [
    'responseWindowHours',
  ]),
  bad('PATCH', '/practice/settings', 'a negative cooldown', { askCooldownDays: -1 }, [
    'askCooldownDays',
  ]),
  bad('PATCH', '/practice/settings', 'a percent over 100', { defaultConversionPercent: 101 }, [
    'defaultConversionPercent',
  ]),
  bad('PATCH', '/practice/settings', 'a huge gift', { nominalGiftMinor: 100_000_001 }, [
    'nominalGiftMinor',
  ]),
  bad(
    'PATCH',
    '/practice/settings',
    'one good and one bad value',
    { checkInDays: 20, quietSourceDays: 6 },
    ['quietSourceDays'],
  ),
  bad('PATCH', '/practice/settings', 'a lower-case currency', { currency: 'usd' }, ['currency']),
  bad('PATCH', '/practice/settings', 'a currency of 4 letters', { currency: 'EURO' }, ['currency']),
];

const query = (q: string, fields: string[], status = 400): Case =>
  bad('GET', `/contacts?${q}`, q.slice(0, 40), undefined, fields, status);

const cursorOf = (parts: unknown[]) => Buffer.from(JSON.stringify(parts)).toString('base64url');

const listCases: Case[] = [
  query('role=enemy', ['role']),
  query('stage=famous', ['stage']),
  query('sort=age', ['sort']),
  query('sort=-email', ['sort']),
  query('limit=0', ['limit']),
  query('limit=201', ['limit']),
  query('limit=ten', ['limit']),
  query('limit=2.5', ['limit']),
  query('colour=blue', ['colour']),
  query(`q=${long(201)}`, ['q']),
  query('categoryId=', ['categoryId']),
  query(`circleId=${long(65)}`, ['circleId']),
  query('cursor=not-a-cursor', ['cursor']),
  query(`cursor=${long(501)}`, ['cursor']),
  query(`sort=name&cursor=${cursorOf(['name', { a: 1 }, 'x'])}`, ['cursor']),
];

/** Field errors shared by POST /contacts and PATCH /contacts/{id}. */
function contactFieldCases(method: 'POST' | 'PATCH', url: string): Case[] {
  const c = (name: string, body: Record<string, unknown>, fields: string[]) =>
    bad(method, url, name, { name: 'Ann Lee', ...body }, fields);
  return [
    ...unreadable(method, url),
    c('an unknown field', { nickname: 'Annie' }, ['nickname']),
    c('two unknown fields', { nickname: 'Annie', age: 40 }, ['nickname', 'age']),
    c('a number as name', { name: 42 }, ['name']),
    c('an empty name', { name: '' }, ['name']),
    c('a blank name', { name: '  \t ' }, ['name']),
    c('a name over 200', { name: long(201) }, ['name']),
    c('an invalid email', { email: 'ann-at-example.com' }, ['email']),
    c('an email over 254', { email: `${long(250)}@example.com` }, ['email']),
    c('a number as email', { email: 7 }, ['email']),
    c('a phone over 50', { phone: '1'.repeat(51) }, ['phone']),
    c('an organization over 200', { organization: long(201) }, ['organization']),
    c('metWhere over 200', { metWhere: long(201) }, ['metWhere']),
    c('metHow over 200', { metHow: long(201) }, ['metHow']),
    c('notes over 20,000', { notes: long(20_001) }, ['notes']),
    c('an unknown stage', { stage: 'famous' }, ['stage']),
    c('a null stage', { stage: null }, ['stage']),
    c('an unknown role', { roles: ['client', 'enemy'] }, ['roles.1']),
    c('a string as roles', { roles: 'client' }, ['roles']),
    c('a string as circleIds', { circleIds: 'abc' }, ['circleIds']),
    c('an empty circle id', { circleIds: [''] }, ['circleIds.0']),
    c('an empty category id', { categoryId: '' }, ['categoryId']),
    c('a string as emailConsent', { emailConsent: 'yes' }, ['emailConsent']),
    c('a number as doNotAsk', { doNotAsk: 1 }, ['doNotAsk']),
    bad(
      method,
      url,
      'a category that does not exist',
      { name: 'Ann Lee', categoryId: 'no-such-category' },
      ['categoryId'],
      404,
      'not_found',
    ),
    bad(
      method,
      url,
      'a circle that does not exist',
      { name: 'Ann Lee', circleIds: ['no-such-circle'] },
      ['circleIds'],
      404,
      'not_found',
    ),
  ];
}

const contactCases: Case[] = [
  ...contactFieldCases('POST', '/contacts'),
  bad('POST', '/contacts', 'no name', { email: 'ann@example.com' }, ['name']),
  bad(
    'POST',
    '/contacts',
    'an email another contact has',
    { name: 'Twin', email: 'EXISTING@example.com' },
    ['email'],
    409,
    'conflict',
  ),
  ...contactFieldCases('PATCH', '/contacts/:contact'),
  bad('PATCH', '/contacts/:contact', 'a null name', { name: null }, ['name']),
  bad('PATCH', '/contacts/:contact', 'null roles', { roles: null }, ['roles']),
  bad(
    'PATCH',
    '/contacts/:contact',
    'the email of another contact',
    { email: 'other@example.com' },
    ['email'],
    409,
    'conflict',
  ),
];

const missing = '019a8b2c-4d5e-7f00-8a1b-2c3d4e5f6a7b';
const idCases: Case[] = [
  bad(
    'GET',
    `/contacts/${missing}`,
    'a contact that does not exist',
    undefined,
    [],
    404,
    'not_found',
  ),
  bad('GET', '/contacts/nope', 'a contact that does not exist', undefined, [], 404, 'not_found'),
  bad(
    'PATCH',
    `/contacts/${missing}`,
    'a contact that does not exist',
    { name: 'Ann' },
    [],
    404,
    'not_found',
  ),
  bad(
    'DELETE',
    `/contacts/${missing}`,
    'a contact that does not exist',
    undefined,
    [],
    404,
    'not_found',
  ),
  bad(
    'DELETE',
    `/tokens/${missing}`,
    'a token that does not exist',
    undefined,
    [],
    404,
    'not_found',
  ),
  bad('DELETE', '/tokens/nope', 'a token that does not exist', undefined, [], 404, 'not_found'),
  bad('GET', `/contacts/${long(65)}`, 'an id over 64', undefined, ['id']),
  bad('PATCH', `/contacts/${long(65)}`, 'an id over 64', { name: 'Ann' }, ['id']),
  bad('DELETE', `/contacts/${long(65)}`, 'an id over 64', undefined, ['id']),
  bad('DELETE', `/tokens/${long(65)}`, 'an id over 64', undefined, ['id']),
];

/** POST /categories, /circles and /tokens all take `{ name }`. */
function nameOnlyCases(url: string): Case[] {
  return [
    ...unreadable('POST', url),
    bad('POST', url, 'an unknown field', { name: 'Ok', colour: 'red' }, ['colour']),
    bad('POST', url, 'no name', {}, ['name']),
    bad('POST', url, 'a number as name', { name: 3 }, ['name']),
    bad('POST', url, 'a list as name', { name: ['a'] }, ['name']),
    bad('POST', url, 'an empty name', { name: '' }, ['name']),
    bad('POST', url, 'a blank name', { name: '   ' }, ['name']),
    bad('POST', url, 'a name over 200', { name: long(201) }, ['name']),
  ];
}

const groupCases: Case[] = [
  ...nameOnlyCases('/categories'),
  bad(
    'POST',
    '/categories',
    'an existing name',
    { name: ' existing  CATEGORY ' },
    ['name'],
    409,
    'conflict',
  ),
  ...nameOnlyCases('/circles'),
  bad(
    'POST',
    '/circles',
    'an existing name',
    { name: 'Existing circle' },
    ['name'],
    409,
    'conflict',
  ),
  ...nameOnlyCases('/tokens'),
];

/** The routes that need a caller, each with a body it would accept. */
const protectedRoutes: { method: Case['method']; url: string; body?: unknown }[] = [
  { method: 'GET', url: '/me' },
  { method: 'GET', url: '/practice' },
  { method: 'PATCH', url: '/practice', body: { name: 'Taken Over' } },
  { method: 'GET', url: '/practice/settings' },
  { method: 'PATCH', url: '/practice/settings', body: { checkInDays: 30 } },
  { method: 'GET', url: '/contacts' },
  { method: 'GET', url: '/contacts?q=existing&role=client' },
  { method: 'POST', url: '/contacts', body: { name: 'Intruder' } },
  { method: 'GET', url: '/contacts/:contact' },
  { method: 'PATCH', url: '/contacts/:contact', body: { name: 'Renamed', stage: 'refers' } },
  { method: 'DELETE', url: '/contacts/:contact' },
  { method: 'GET', url: '/categories' },
  { method: 'POST', url: '/categories', body: { name: 'Intruders' } },
  { method: 'GET', url: '/circles' },
  { method: 'POST', url: '/circles', body: { name: 'Intruders' } },
  { method: 'GET', url: '/tokens' },
  { method: 'POST', url: '/tokens', body: { name: 'intruder' } },
  { method: 'DELETE', url: '/tokens/:token' },
];

/** Ways of calling without being anyone; `revoked` is filled in with a revoked token. */
const anonymous: { who: string; headers: Record<string, string> }[] = [
  { who: 'no session and no token', headers: {} },
  { who: 'a bogus Bearer token', headers: { authorization: 'Bearer vch_bogus0123456789' } },
  { who: 'a Bearer header without a token', headers: { authorization: 'Bearer' } },
  { who: 'a Basic header', headers: { authorization: 'Basic dXNlcjpwYXNz' } },
  { who: 'a bogus session cookie', headers: { cookie: 'vouch.session_token=bogus.signature' } },
  { who: 'a revoked token', headers: { authorization: 'Bearer :revoked' } },
];

const authCases = anonymous.flatMap((a) => protectedRoutes.map((r) => ({ ...a, ...r })));

/** Paths that exist under no method. */
const unknownPaths: { method: Case['method']; url: string }[] = [
  { method: 'GET', url: '/api/v1/nothing-here' },
  { method: 'POST', url: '/api/v1/contacts/:contact/merge' },
  { method: 'GET', url: '/api/v1/contacts/:contact/history' },
  { method: 'GET', url: '/api/v2/contacts' },
  { method: 'GET', url: '/api/nothing' },
];
/** Known paths with a method they do not have. */
const wrongMethods: { method: Case['method']; url: string }[] = [
  { method: 'DELETE', url: '/api/v1/practice' },
  { method: 'DELETE', url: '/api/v1/categories' },
  { method: 'POST', url: '/api/v1/contacts/:contact' },
];

// ---------------------------------------------------------------------------------------------

describe.each(testTargets)('bad input on %s', (target) => {
  let f: Fixtures;
  let revoked: string;

  const ctx = useTestContext(target);
  const [a] = usePractices(ctx, ['Bad Input Practice']);
  beforeAll(async () => {
    const category = await a.session.json<{ id: string }>('POST', '/categories', {
      name: 'Existing category',
    });
    const circle = await a.session.json<{ id: string }>('POST', '/circles', {
      name: 'Existing circle',
    });
    const contact = await a.session.json<{ id: string }>('POST', '/contacts', {
      name: 'Existing Person',
      email: 'existing@example.com',
      categoryId: category.body.id,
      circleIds: [circle.body.id],
      roles: ['client'],
      stage: 'likes',
      notes: 'Keep me as I am.',
    });
    const other = await a.session.json<{ id: string }>('POST', '/contacts', {
      name: 'Other Person',
      email: 'other@example.com',
    });
    const spare = await a.session.json<{ id: string; token: string }>('POST', '/tokens', {
      name: 'spare',
    });
    const gone = await a.session.json<{ id: string; token: string }>('POST', '/tokens', {
      name: 'revoked',
    });
    expect((await a.session.request('DELETE', `/tokens/${gone.body.id}`)).status).toBe(204);
    revoked = gone.body.token;
    const me = await a.session.json<{ user: { email: string } }>('GET', '/me');
    f = {
      contact: contact.body.id,
      other: other.body.id,
      token: spare.body.id,
      ownerEmail: me.body.user.email,
    };
    expect([category.status, circle.status, contact.status, other.status]).toEqual([
      201, 201, 201, 201,
    ]);
  });

  /** Sends the case, asserts the problem, and that no row and (for PATCH) no field changed. */
  async function refuse(c: Case, who: Caller = a.session): Promise<Problem> {
    const url = fill(c.url, f);
    const before = await countRows(ctx.deps);
    const watched = c.method === 'PATCH' ? await snapshot(a.session, url) : null;
    const res = await who.request(c.method, url, c.body, c.headers);
    const problem = await expectProblem(res, c.status, c.code, c.fields);
    if (url.startsWith('/auth/')) expect(res.headers.getSetCookie()).toEqual([]);
    expect(await countRows(ctx.deps)).toEqual(before);
    if (watched !== null) expect(await snapshot(a.session, url)).toEqual(watched);
    return problem;
  }

  describe('POST /auth/sign-up', () => {
    it.each(signUpCases)('refuses $name ($status)', async (c) => {
      await refuse(c, caller(ctx));
    });

    // Without saying that the email has an account (issue 9 §3): the answer of any refused sign-up.
    it('refuses an email that already has an account with 422, in any case', async () => {
      const dup = { ...signUp, email: f.ownerEmail };
      await refuse(bad('POST', '/auth/sign-up', 'dup', dup, [], 422, 'unprocessable'), caller(ctx));
      const upper = { ...signUp, email: ` ${f.ownerEmail.toUpperCase()} ` };
      await refuse(
        bad('POST', '/auth/sign-up', 'dup', upper, [], 422, 'unprocessable'),
        caller(ctx),
      );
    });
  });

  describe('POST /auth/sign-in', () => {
    it.each(signInCases)('refuses $name ($status)', async (c) => {
      await refuse(c, caller(ctx));
    });

    it('refuses a wrong password of a real account with 401', async () => {
      const body = { email: f.ownerEmail, password: 'wrong horse battery' };
      await refuse(
        bad('POST', '/auth/sign-in', 'wrong', body, [], 401, 'unauthenticated'),
        caller(ctx),
      );
    });
  });

  describe('POST /auth/password-reset and /auth/password-reset/confirm', () => {
    it.each(passwordResetCases)('$url refuses $name ($status)', async (c) => {
      await refuse(c, caller(ctx));
    });
  });

  describe('PATCH /practice', () => {
    it.each(practiceCases)('refuses $name ($status)', async (c) => {
      await refuse(c);
    });
  });

  describe('PATCH /practice/settings', () => {
    it.each(settingsCases)('refuses $name ($status)', async (c) => {
      await refuse(c);
    });
  });

  describe('GET /contacts', () => {
    it.each(listCases)('refuses $url', async (c) => {
      await refuse(c);
    });
  });

  // A forged stage cursor with a text value once reached `stage_rank > 'abc'`: a 500 on PostgreSQL.
  it('refuses a forged cursor whose value does not fit the sort (400, not 500)', async () => {
    await refuse(query(`sort=stage&cursor=${cursorOf(['stage', 'abc', 'x'])}`, ['cursor']));
  });

  describe('POST /contacts and PATCH /contacts/{id}', () => {
    it.each(contactCases)('$method $url refuses $name ($status)', async (c) => {
      await refuse(c);
    });
  });

  describe('ids that do not exist', () => {
    it.each(idCases)('$method $url: $name ($status)', async (c) => {
      await refuse(c);
    });

    it('answers the same 404 with an API token', async () => {
      for (const c of idCases.filter((c) => c.status === 404)) await refuse(c, a.bearer);
    });
  });

  describe('POST /categories, /circles and /tokens', () => {
    it.each(groupCases)('$url refuses $name ($status)', async (c) => {
      await refuse(c);
    });
  });

  describe('authentication', () => {
    it.each(authCases)('$method $url with $who is 401', async (c) => {
      const headers = Object.fromEntries(
        Object.entries(c.headers).map(([k, v]) => [k, v.replace(':revoked', revoked)]),
      );
      const before = await countRows(ctx.deps);
      const res = await caller(ctx).request(c.method, fill(c.url, f), c.body, headers);
      await expectProblem(res, 401, 'unauthenticated');
      expect(await countRows(ctx.deps)).toEqual(before);
    });

    it('left the practice, the contact and the settings as they were', async () => {
      const practice = await a.session.json<{ name: string; isSetUp: boolean }>('GET', '/practice');
      expect(practice.body).toMatchObject({ name: 'Bad Input Practice', isSetUp: false });
      const settings = await a.session.json<{ values: { checkInDays: number } }>(
        'GET',
        '/practice/settings',
      );
      expect(settings.body.values.checkInDays).toBe(14);
      const contact = await a.session.json<{ name: string; stage: string; notes: string }>(
        'GET',
        `/contacts/${f.contact}`,
      );
      expect(contact.body).toMatchObject({
        name: 'Existing Person',
        stage: 'likes',
        notes: 'Keep me as I am.',
      });
    });
  });

  describe('unknown routes', () => {
    it.each([...unknownPaths, ...wrongMethods])('$method $url is a 404 problem', async (r) => {
      const res = await ctx.app.request(fill(r.url, f), {
        method: r.method,
        headers: { cookie: a.cookie, 'content-type': 'application/json' },
        body: r.method === 'GET' || r.method === 'DELETE' ? undefined : '{}',
      });
      await expectProblem(res, 404, 'not_found');
    });

    it.each(unknownPaths)('$method $url is a 404 problem without a caller too', async (r) => {
      const res = await ctx.app.request(fill(r.url, f), { method: r.method });
      await expectProblem(res, 404, 'not_found');
    });

    it.each(wrongMethods)('$method $url without a caller is a 401 or 404 problem', async (r) => {
      const res = await ctx.app.request(fill(r.url, f), {
        method: r.method,
        headers: { 'content-type': 'application/json' },
        body: r.method === 'POST' ? '{}' : undefined,
      });
      expect([401, 404]).toContain(res.status);
      await expectProblem(res, res.status, res.status === 401 ? 'unauthenticated' : 'not_found');
    });
  });

  // PostgreSQL cannot store U+0000 (error 22021) and SQLite cuts text at it: every text
  // field refuses it with a 400 naming the field, and nothing is written.
  describe('a NUL character in text', () => {
    const nul = (method: Case['method'], url: string, body: unknown, field: string) =>
      bad(method, url, `a NUL in ${field}`, body, [field]);
    it.each([
      nul(
        'POST',
        '/auth/sign-up',
        { ...signUp, email: 'nul@example.com', name: 'A\u0000B' },
        'name',
      ),
      nul('POST', '/contacts', { name: 'Ann\u0000Lee' }, 'name'),
      nul('POST', '/contacts', { name: 'Ann', notes: 'x\u0000y' }, 'notes'),
      nul('PATCH', '/contacts/:contact', { organization: 'Org\u0000' }, 'organization'),
      nul('PATCH', '/practice', { name: 'P\u0000' }, 'name'),
      nul('POST', '/categories', { name: 'C\u0000at' }, 'name'),
      nul('POST', '/circles', { name: 'C\u0000irc' }, 'name'),
      nul('POST', '/tokens', { name: 't\u0000' }, 'name'),
    ])('$method $url refuses $name', async (c) => {
      await refuse(c, c.url.startsWith('/auth/') ? caller(ctx) : a.session);
    });

    it('GET /contacts?q= with a NUL is a 400 on q', async () => {
      const res = await a.session.request('GET', '/contacts?q=a%00b');
      await expectProblem(res, 400, 'validation', ['q']);
    });
  });
});

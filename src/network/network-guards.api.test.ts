/**
 * Bad input and practice isolation for the network routes of issue 3 (categories, the
 * most-wanted list, circles, interactions, keep-in-touch, the contact timeline): every refusal
 * is a problem+json naming the field, nothing is written, and another practice's ids are 404.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Contact, ContactDetail } from '../contacts/contact.schemas.ts';
import type { Interaction } from '../interactions/interaction.schemas.ts';
import type { ErrorCode } from '../platform/errors.ts';
import { expectProblem } from '../test-support/api-expect.ts';
import {
  type Caller,
  countRows,
  createTestContext,
  type SeededPractice,
  seedPractice,
  type TestContext,
  testTargets,
} from '../test-support/testing.ts';
import type { CategoryView, MostWanted } from './category.schemas.ts';
import type { CircleDetail, CircleView } from './circle.schemas.ts';

type List<T> = { items: T[] };
type Ids = { category: string; circle: string; contact: string; interaction: string };

const long = (n: number) => 'x'.repeat(n);
const missing = '019a8b2c-4d5e-7f00-8a1b-2c3d4e5f6a7b';

type Case = {
  name: string;
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
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

const notFoundCase = (method: Case['method'], url: string, body?: unknown): Case =>
  bad(method, url, 'an id that does not exist', body, [], 404, 'not_found');

/** What every JSON write must refuse, whatever its schema. */
function unreadable(method: Case['method'], url: string): Case[] {
  return [
    bad(method, url, 'no body at all', undefined, ['(body)']),
    bad(method, url, 'malformed JSON', '{"name": "Ann",', []),
    bad(method, url, 'a JSON array', '[]', ['(body)']),
    bad(method, url, 'JSON null', 'null', ['(body)']),
    {
      ...bad(method, url, 'text/plain', '{"name": "Ann"}', [], 415, 'unsupported_media_type'),
      headers: { 'content-type': 'text/plain' },
    },
  ];
}

const categoryCases: Case[] = [
  ...unreadable('PATCH', '/categories/:category'),
  bad('PATCH', '/categories/:category', 'an unknown field', { colour: 'red' }, ['colour']),
  bad('PATCH', '/categories/:category', 'an empty name', { name: '' }, ['name']),
  bad('PATCH', '/categories/:category', 'a null name', { name: null }, ['name']),
  bad('PATCH', '/categories/:category', 'a name over 200', { name: long(201) }, ['name']),
  bad('PATCH', '/categories/:category', 'a NUL in the name', { name: 'C\u0000' }, ['name']),
  bad('PATCH', '/categories/:category', 'a target of 0', { target: 0 }, ['target']),
  bad('PATCH', '/categories/:category', 'a target of 101', { target: 101 }, ['target']),
  bad('PATCH', '/categories/:category', 'a fractional target', { target: 2.5 }, ['target']),
  bad('PATCH', '/categories/:category', 'a string target', { target: '5' }, ['target']),
  bad(
    'PATCH',
    '/categories/:category',
    'the name of another category',
    { name: ' OTHER category ', target: 9 },
    ['name'],
    409,
    'conflict',
  ),
  notFoundCase('PATCH', `/categories/${missing}`, { name: 'Ghosts' }),
  notFoundCase('DELETE', `/categories/${missing}`),
  bad('PATCH', `/categories/${long(65)}`, 'an id over 64', { name: 'Long' }, ['id']),
  bad('DELETE', '/categories/bad%20id', 'an id with a space', undefined, ['id']),
];

const tenIds = Array.from({ length: 10 }, (_, i) => `019a8b2c-4d5e-7f00-8a1b-00000000000${i}`);
const mostWantedCases: Case[] = [
  ...unreadable('PUT', '/most-wanted'),
  bad('PUT', '/most-wanted', 'no categoryIds', {}, ['categoryIds']),
  bad('PUT', '/most-wanted', 'an unknown field', { categoryIds: [], order: 'rank' }, ['order']),
  bad('PUT', '/most-wanted', 'a string as categoryIds', { categoryIds: ':category' }, [
    'categoryIds',
  ]),
  bad('PUT', '/most-wanted', 'an empty id', { categoryIds: [''] }, ['categoryIds.0']),
  bad('PUT', '/most-wanted', 'a number as id', { categoryIds: [7] }, ['categoryIds.0']),
  bad('PUT', '/most-wanted', 'a repeated category', { categoryIds: [':category', ':category'] }, [
    'categoryIds.1',
  ]),
  bad('PUT', '/most-wanted', 'over 200 ids', { categoryIds: Array(201).fill(':category') }, [
    'categoryIds',
  ]),
  bad(
    'PUT',
    '/most-wanted',
    'eleven categories',
    { categoryIds: [...tenIds, ':category'] },
    ['categoryIds'],
    422,
    'unprocessable',
  ),
  bad(
    'PUT',
    '/most-wanted',
    'a category that does not exist',
    { categoryIds: [':category', missing] },
    ['categoryIds'],
    404,
    'not_found',
  ),
];

const circleCases: Case[] = [
  bad('POST', '/circles', 'an unknown kind', { name: 'Club', kind: 'club' }, ['kind']),
  bad('POST', '/circles', 'a number as kind', { name: 'Club', kind: 3 }, ['kind']),
  bad('POST', '/circles', 'notes over 20,000', { name: 'Club', notes: long(20_001) }, ['notes']),
  bad('POST', '/circles', 'a number as notes', { name: 'Club', notes: 5 }, ['notes']),
  bad('POST', '/circles', 'a NUL in the notes', { name: 'Club', notes: 'a\u0000' }, ['notes']),
  bad('POST', '/circles', 'no name', { kind: 'bni' }, ['name']),
  ...unreadable('PATCH', '/circles/:circle'),
  bad('PATCH', '/circles/:circle', 'an unknown field', { members: [] }, ['members']),
  bad('PATCH', '/circles/:circle', 'a null name', { name: null }, ['name']),
  bad('PATCH', '/circles/:circle', 'a blank name', { name: '  ' }, ['name']),
  bad('PATCH', '/circles/:circle', 'an unknown kind', { kind: 'guild' }, ['kind']),
  bad('PATCH', '/circles/:circle', 'notes over 20,000', { notes: long(20_001) }, ['notes']),
  bad(
    'PATCH',
    '/circles/:circle',
    'the name of another circle',
    { name: 'other CIRCLE', kind: 'bni' },
    ['name'],
    409,
    'conflict',
  ),
  notFoundCase('GET', `/circles/${missing}`),
  notFoundCase('PATCH', `/circles/${missing}`, { name: 'Ghosts' }),
  notFoundCase('DELETE', `/circles/${missing}`),
  bad('GET', `/circles/${long(65)}`, 'an id over 64', undefined, ['id']),
];

const log = '/contacts/:contact/interactions';
const interactionCases: Case[] = [
  ...unreadable('POST', log),
  bad('POST', log, 'no kind', {}, ['kind']),
  bad('POST', log, 'an unknown kind', { kind: 'lunch' }, ['kind']),
  bad('POST', log, 'an unknown field', { kind: 'call', contactId: 'x' }, ['contactId']),
  bad('POST', log, 'occurredAt in words', { kind: 'call', occurredAt: 'yesterday' }, [
    'occurredAt',
  ]),
  bad('POST', log, 'occurredAt as a date only', { kind: 'call', occurredAt: '2026-03-01' }, [
    'occurredAt',
  ]),
  bad('POST', log, 'month 13', { kind: 'call', occurredAt: '2026-13-01T00:00:00Z' }, [
    'occurredAt',
  ]),
  bad('POST', log, 'occurredAt as a number', { kind: 'call', occurredAt: 1_767_225_600_000 }, [
    'occurredAt',
  ]),
  bad('POST', log, 'occurredAt next week', { kind: 'call', occurredAt: ':nextWeek' }, [
    'occurredAt',
  ]),
  bad('POST', log, 'occurredAt in 1899', { kind: 'call', occurredAt: '1899-06-01T00:00:00Z' }, [
    'occurredAt',
  ]),
  bad('POST', log, 'a summary over 2,000', { kind: 'call', summary: long(2001) }, ['summary']),
  bad('POST', log, 'a NUL in the summary', { kind: 'call', summary: 'a\u0000b' }, ['summary']),
  notFoundCase('POST', `/contacts/${missing}/interactions`, { kind: 'call' }),
  notFoundCase('GET', `/contacts/${missing}/interactions`),
  notFoundCase('DELETE', `/interactions/${missing}`),
  notFoundCase('DELETE', '/interactions/:contact'),
  notFoundCase('GET', `/contacts/${missing}/timeline`),
  bad('POST', `/contacts/${long(65)}/interactions`, 'an id over 64', { kind: 'call' }, ['id']),
  bad('DELETE', `/interactions/${long(65)}`, 'an id over 64', undefined, ['id']),
  bad('GET', `/contacts/${long(65)}/timeline`, 'an id over 64', undefined, ['id']),
];

const cadenceCases: Case[] = [
  ...[
    ['0', 0],
    ['731', 731],
    ['a fraction', 1.5],
    ['a string', '7'],
  ].flatMap(([what, value]) => [
    bad('POST', '/contacts', `keepInTouchDays ${what}`, { name: 'Ann', keepInTouchDays: value }, [
      'keepInTouchDays',
    ]),
    bad('PATCH', '/contacts/:contact', `keepInTouchDays ${what}`, { keepInTouchDays: value }, [
      'keepInTouchDays',
    ]),
  ]),
  bad('GET', '/contacts?touch=soon', 'touch=soon', undefined, ['touch']),
  bad('GET', '/contacts?touch=', 'an empty touch', undefined, ['touch']),
  bad('PATCH', '/practice/settings', 'a negative cadence', { keepInTouchFriendDays: -1 }, [
    'keepInTouchFriendDays',
  ]),
  bad('PATCH', '/practice/settings', 'a cadence over 730', { keepInTouchMetDays: 731 }, [
    'keepInTouchMetDays',
  ]),
  bad('PATCH', '/practice/settings', 'a null cadence', { keepInTouchRefersDays: null }, [
    'keepInTouchRefersDays',
  ]),
];

describe.each(testTargets)('network guards on %s', (target) => {
  let ctx: TestContext;
  let a: SeededPractice;
  let b: SeededPractice;
  let A: Ids;
  let B: Ids;

  /** Row counts, the network tables of issue 3 included. */
  async function counts() {
    const rows = await countRows(ctx.deps);
    for (const table of ['interaction', 'referral', 'audit_log'] as const) {
      const r = await ctx.deps.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string | number>().as('n'))
        .executeTakeFirstOrThrow();
      rows[table] = Number(r.n);
    }
    return rows;
  }

  /** Everything a practice can read about its network, to compare before and after. */
  async function everything(who: Caller, ids: Ids) {
    const out: Record<string, unknown> = {};
    for (const url of [
      '/categories',
      '/most-wanted',
      '/circles',
      `/circles/${ids.circle}`,
      '/contacts?limit=200',
      `/contacts/${ids.contact}`,
      `/contacts/${ids.contact}/interactions`,
      `/contacts/${ids.contact}/timeline`,
      '/practice/settings',
    ]) {
      const res = await who.json('GET', url);
      expect(res.status, url).toBe(200);
      out[url] = res.body;
    }
    return out;
  }

  async function world(p: SeededPractice, prefix: string): Promise<Ids> {
    const ok = async <T>(method: string, url: string, body?: unknown) => {
      const res = await p.session.json<T>(method, url, body);
      expect(res.status, `${url} ${JSON.stringify(res.body)}`).toBeLessThan(300);
      return res.body;
    };
    const category = await ok<CategoryView>('POST', '/categories', { name: 'Accountants' });
    await ok('POST', '/categories', { name: 'Other category' });
    const circle = await ok<CircleView>('POST', '/circles', { name: 'Rotary', kind: 'rotary' });
    await ok('POST', '/circles', { name: 'Other circle' });
    const contact = await ok<ContactDetail>('POST', '/contacts', {
      name: `${prefix} Partner`,
      categoryId: category.id,
      circleIds: [circle.id],
      roles: ['partner'],
      stage: 'trusts',
      keepInTouchDays: 1,
      notes: `A private note of ${prefix}.`,
    });
    const interaction = await ok<Interaction>('POST', `/contacts/${contact.id}/interactions`, {
      kind: 'call',
      occurredAt: '2025-01-01T10:00:00Z',
      summary: `${prefix} secret call`,
    });
    await ok('PUT', '/most-wanted', { categoryIds: [category.id] });
    return {
      category: category.id,
      circle: circle.id,
      contact: contact.id,
      interaction: interaction.id,
    };
  }

  beforeAll(async () => {
    ctx = await createTestContext(target);
    a = await seedPractice(ctx, 'Alpha Counseling');
    b = await seedPractice(ctx, 'Beta Law');
    A = await world(a, 'Alpha');
    B = await world(b, 'Beta');
  });
  afterAll(async () => ctx?.close());

  const fill = (url: string) =>
    url
      .replaceAll(':category', A.category)
      .replaceAll(':circle', A.circle)
      .replaceAll(':contact', A.contact);
  const fillBody = (body: unknown): unknown => {
    if (body === undefined || typeof body === 'string') return body;
    const nextWeek = new Date(Date.now() + 7 * 86_400_000).toISOString();
    return JSON.parse(fill(JSON.stringify(body)).replaceAll(':nextWeek', nextWeek));
  };

  describe('bad input', () => {
    it.each([
      ...categoryCases,
      ...mostWantedCases,
      ...circleCases,
      ...interactionCases,
      ...cadenceCases,
    ])('$method $url refuses $name ($status)', async (c) => {
      const before = await counts();
      const seen = await everything(a.session, A);
      const res = await a.session.request(c.method, fill(c.url), fillBody(c.body), c.headers);
      await expectProblem(res, c.status, c.code, c.fields);
      expect(await counts()).toEqual(before);
      expect(await everything(a.session, A)).toEqual(seen);
    });
  });

  describe.each(['session', 'token'] as const)("another practice's ids, with B's %s", (via) => {
    const as = () => (via === 'session' ? b.session : b.bearer);

    /** B's request must be a 404 (naming `field` when given) and write nothing anywhere. */
    async function refused(method: string, url: string, body?: unknown, field?: string) {
      const before = await counts();
      const res = await as().request(method, url, body);
      await expectProblem(res, 404, 'not_found', field ? [field] : []);
      expect(await counts()).toEqual(before);
    }

    it("cannot read, change or delete A's categories, circles, interactions or timeline", async () => {
      await refused('PATCH', `/categories/${A.category}`, { name: 'Hijacked', target: 1 });
      await refused('DELETE', `/categories/${A.category}`);
      await refused('GET', `/circles/${A.circle}`);
      await refused('PATCH', `/circles/${A.circle}`, { name: 'Hijacked', kind: 'bni' });
      await refused('DELETE', `/circles/${A.circle}`);
      await refused('POST', `/contacts/${A.contact}/interactions`, { kind: 'call' });
      await refused('GET', `/contacts/${A.contact}/interactions`);
      await refused('DELETE', `/interactions/${A.interaction}`);
      await refused('GET', `/contacts/${A.contact}/timeline`);
      await refused('PATCH', `/contacts/${A.contact}`, { keepInTouchDays: 300 });
    });

    it("gets 404 naming categoryIds when putting A's categories on its list", async () => {
      await refused('PUT', '/most-wanted', { categoryIds: [A.category] }, 'categoryIds');
      await refused(
        'PUT',
        '/most-wanted',
        { categoryIds: [B.category, A.category] },
        'categoryIds',
      );
    });

    it("never lists A's categories, circles, members, interactions or due contacts", async () => {
      const cats = await as().json<List<CategoryView>>('GET', '/categories');
      expect(cats.body.items.map((c) => c.id)).toContain(B.category);
      expect(cats.body.items.map((c) => c.id)).not.toContain(A.category);
      expect(cats.body.items.find((c) => c.id === B.category)).toMatchObject({
        contacts: 1,
        coverage: 1,
      });
      const list = await as().json<MostWanted>('GET', '/most-wanted');
      expect(list.body.items.map((i) => i.category.id)).toEqual([B.category]);
      expect(list.body.items[0]?.members.map((m) => m.id)).toEqual([B.contact]);
      const circles = await as().json<List<CircleView>>('GET', '/circles');
      expect(circles.body.items.map((c) => c.id)).not.toContain(A.circle);
      expect(circles.body.items.find((c) => c.id === B.circle)?.members).toBe(1);
      const circle = await as().json<CircleDetail>('GET', `/circles/${B.circle}`);
      expect(circle.body.memberList.map((m) => m.id)).toEqual([B.contact]);
      expect(circle.body.mostWantedReach.map((r) => r.categoryId)).toEqual([B.category]);
      const due = await as().json<List<Contact>>('GET', '/contacts?touch=due&limit=200');
      expect(due.body.items.map((c) => c.id)).toEqual([B.contact]);
      const interactions = await as().json<List<Interaction>>(
        'GET',
        `/contacts/${B.contact}/interactions`,
      );
      expect(interactions.body.items.map((i) => i.id)).toEqual([B.interaction]);
      const timeline = await as().json<{ items: { refId: string; detail: string | null }[] }>(
        'GET',
        `/contacts/${B.contact}/timeline`,
      );
      expect(JSON.stringify(timeline.body)).not.toContain('Alpha');
    });
  });

  it("left all of A's network as it was", async () => {
    const now = await everything(a.session, A);
    const mostWanted = now['/most-wanted'] as MostWanted;
    expect(mostWanted.items.map((i) => i.category.id)).toEqual([A.category]);
    const interactions = now[`/contacts/${A.contact}/interactions`] as List<Interaction>;
    expect(interactions.items.map((i) => i.id)).toEqual([A.interaction]);
    const circle = now[`/circles/${A.circle}`] as CircleDetail;
    expect(circle).toMatchObject({ name: 'Rotary', kind: 'rotary', members: 1 });
  });
});

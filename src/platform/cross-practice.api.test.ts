/**
 * Practice isolation: practice B, with its session and with its API token, can neither read,
 * change, delete nor reference anything of practice A, and A's lists never show up in B's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiToken } from '../accounts/account.schemas.ts';
import type { Contact, ContactDetail } from '../contacts/contact.schemas.ts';
import type { Group } from '../network/group.schemas.ts';
import type { Practice } from '../practices/practice.schemas.ts';
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
import type { Problem } from './errors.ts';

// ---------------------------------------------------------------------------------------------
// Helpers

type Page = { items: Contact[]; nextCursor: string | null };
type List<T> = { items: T[] };
type Me = { user: { id: string; name: string; email: string }; practice: Practice; role: string };

/** Everything of A that B must not see, and B's own ids. */
type World = {
  a: { contacts: string[]; category: string; circle: string; tokens: string[] };
  b: { contacts: string[]; category: string; circle: string; tokens: string[] };
};

/** Asserts a 404 problem+json, naming `field` when given. */
async function expectNotFound(res: Response, field?: string): Promise<void> {
  const text = await res.text();
  expect(res.status, text).toBe(404);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const problem = JSON.parse(text) as Problem;
  expect(problem).toMatchObject({ status: 404, code: 'not_found' });
  expect(problem.detail).toMatch(/\S/);
  if (field) expect(problem.errors?.map((e) => e.field)).toContain(field);
}

/** Everything A can read about itself, to compare before and after B's attempts. */
async function everythingOf(who: Caller, contactIds: string[]): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const url of [
    '/me',
    '/practice',
    '/practice/settings',
    '/contacts?limit=200',
    '/categories',
    '/circles',
    '/tokens',
    ...contactIds.map((id) => `/contacts/${id}`),
  ]) {
    out[url] = await ok(who, 'GET', url);
  }
  return out;
}

const disjoint = (ids: string[], forbidden: string[]) =>
  expect(ids.filter((id) => forbidden.includes(id))).toEqual([]);

// ---------------------------------------------------------------------------------------------

describe.each(testTargets)('practice isolation on %s', (target) => {
  let ctx: TestContext;
  let a: SeededPractice;
  let b: SeededPractice;
  let w: World;
  let aBefore: Record<string, unknown>;
  let aExtraId: string;

  beforeAll(async () => {
    ctx = await createTestContext(target);
    a = await seedPractice(ctx, 'Alpha Counseling');
    b = await seedPractice(ctx, 'Beta Law');

    // A: a category, a circle, contacts with roles, circle, category and stage changes, a token.
    const aCategory = await ok<Group>(a.session, 'POST', '/categories', { name: 'Accountants' });
    const aCircle = await ok<Group>(a.session, 'POST', '/circles', { name: 'Rotary' });
    const zed = await ok<ContactDetail>(a.session, 'POST', '/contacts', {
      name: 'Zed Alphason',
      email: 'zed@alpha.example',
      organization: 'Alpha Ledger LLP',
      categoryId: aCategory.id,
      circleIds: [aCircle.id],
      roles: ['partner', 'client'],
      stage: 'knows',
      notes: 'A private note of practice A.',
    });
    await ok(a.session, 'PATCH', `/contacts/${zed.id}`, { stage: 'likes' });
    await ok(a.session, 'PATCH', `/contacts/${zed.id}`, { stage: 'trusts', doNotAsk: true });
    const yara = await ok<ContactDetail>(a.bearer, 'POST', '/contacts', {
      name: 'Yara Alphadottir',
      roles: ['friend', 'colleague'],
      circleIds: [aCircle.id],
      stage: 'refers',
    });
    const aExtra = await ok<ApiToken>(a.session, 'POST', '/tokens', { name: 'alpha integration' });
    const aTokens = await ok<List<ApiToken>>(a.session, 'GET', '/tokens');
    aExtraId = aExtra.id;

    // B: the same names for its own category and circle, and its own contact with A's email.
    const bCategory = await ok<Group>(b.session, 'POST', '/categories', { name: 'Accountants' });
    const bCircle = await ok<Group>(b.session, 'POST', '/circles', { name: 'Rotary' });
    const bee = await ok<ContactDetail>(b.session, 'POST', '/contacts', {
      name: 'Bea Betamann',
      email: 'ZED@alpha.example',
      categoryId: bCategory.id,
      circleIds: [bCircle.id],
      roles: ['client'],
      stage: 'met',
    });
    const bTokens = await ok<List<ApiToken>>(b.session, 'GET', '/tokens');

    w = {
      a: {
        contacts: [zed.id, yara.id],
        category: aCategory.id,
        circle: aCircle.id,
        tokens: aTokens.items.map((t) => t.id),
      },
      b: {
        contacts: [bee.id],
        category: bCategory.id,
        circle: bCircle.id,
        tokens: bTokens.items.map((t) => t.id),
      },
    };
    aBefore = await everythingOf(a.session, w.a.contacts);
  });
  afterAll(async () => ctx?.close());

  it("A sees its own data (so B's 404s are not vacuous)", () => {
    const page = aBefore['/contacts?limit=200'] as Page;
    expect(page.items.map((c) => c.id).sort()).toEqual([...w.a.contacts].sort());
    const zed = aBefore[`/contacts/${w.a.contacts[0]}`] as ContactDetail;
    expect(zed).toMatchObject({
      stage: 'trusts',
      roles: ['client', 'partner'],
      category: { id: w.a.category },
      circles: [{ id: w.a.circle }],
    });
    expect(zed.stageHistory).toHaveLength(3);
    expect(w.a.tokens).toHaveLength(2);
    expect(w.a.tokens).toContain(aExtraId);
  });

  describe.each(['session', 'token'] as const)('B with its %s', (via) => {
    const as = () => (via === 'session' ? b.session : b.bearer);

    /** Sends a request as B and checks that nothing at all was written. */
    async function attempt(method: string, url: string, body?: unknown): Promise<Response> {
      const before = await countRows(ctx.deps);
      const bContact = await ok(b.session, 'GET', `/contacts/${w.b.contacts[0]}`);
      const res = await as().request(method, url, body);
      expect(await countRows(ctx.deps)).toEqual(before);
      expect(await ok(b.session, 'GET', `/contacts/${w.b.contacts[0]}`)).toEqual(bContact);
      return res;
    }

    it("gets 404 for each of A's contacts on GET, PATCH and DELETE", async () => {
      for (const id of w.a.contacts) {
        await expectNotFound(await attempt('GET', `/contacts/${id}`));
        await expectNotFound(await attempt('PATCH', `/contacts/${id}`, { name: 'Hijacked' }));
        await expectNotFound(await attempt('PATCH', `/contacts/${id}`, { stage: 'met' }));
        await expectNotFound(
          await attempt('PATCH', `/contacts/${id}`, {
            roles: [],
            circleIds: [],
            categoryId: null,
            notes: null,
          }),
        );
        await expectNotFound(await attempt('DELETE', `/contacts/${id}`));
      }
    });

    it("gets 404 revoking any of A's tokens", async () => {
      for (const id of w.a.tokens) await expectNotFound(await attempt('DELETE', `/tokens/${id}`));
    });

    it("gets 404 naming categoryId or circleIds when adding a contact with A's groups", async () => {
      const name = 'Sneaky Contact';
      await expectNotFound(
        await attempt('POST', '/contacts', { name, categoryId: w.a.category }),
        'categoryId',
      );
      await expectNotFound(
        await attempt('POST', '/contacts', { name, circleIds: [w.a.circle] }),
        'circleIds',
      );
      await expectNotFound(
        await attempt('POST', '/contacts', { name, circleIds: [w.b.circle, w.a.circle] }),
        'circleIds',
      );
    });

    it("gets 404 naming categoryId or circleIds when giving its contact A's groups", async () => {
      const url = `/contacts/${w.b.contacts[0]}`;
      await expectNotFound(await attempt('PATCH', url, { categoryId: w.a.category }), 'categoryId');
      await expectNotFound(await attempt('PATCH', url, { circleIds: [w.a.circle] }), 'circleIds');
      await expectNotFound(
        await attempt('PATCH', url, { circleIds: [w.b.circle, w.a.circle], name: 'Renamed' }),
        'circleIds',
      );
    });

    it("never lists A's contacts, whatever the query", async () => {
      for (const query of [
        'limit=200',
        'q=alpha',
        'q=zed',
        'q=Alpha%20Ledger',
        'role=partner',
        'role=friend',
        'stage=trusts',
        'stage=refers',
        'sort=-createdAt&limit=200',
        'sort=stage',
        `categoryId=${w.a.category}`,
        `circleId=${w.a.circle}`,
      ]) {
        const page = await ok<Page>(as(), 'GET', `/contacts?${query}`);
        const ids = page.items.map((c) => c.id);
        disjoint(ids, w.a.contacts);
        expect(
          ids.every((id) => w.b.contacts.includes(id)),
          query,
        ).toBe(true);
        for (const c of page.items) {
          if (c.category) expect(c.category.id).toBe(w.b.category);
          disjoint(
            c.circles.map((g) => g.id),
            [w.a.circle],
          );
        }
      }
      const mine = await ok<Page>(as(), 'GET', '/contacts?q=zed');
      expect(mine.items.map((c) => c.id)).toEqual(w.b.contacts);
      for (const filter of [
        `categoryId=${w.a.category}`,
        `circleId=${w.a.circle}`,
        'role=partner',
      ]) {
        expect((await ok<Page>(as(), 'GET', `/contacts?${filter}`)).items).toEqual([]);
      }
    });

    it("never lists A's categories, circles or tokens", async () => {
      const categories = await ok<List<Group>>(as(), 'GET', '/categories');
      expect(categories.items.map((g) => g.id)).toEqual([w.b.category]);
      const circles = await ok<List<Group>>(as(), 'GET', '/circles');
      expect(circles.items.map((g) => g.id)).toEqual([w.b.circle]);
      const tokens = await ok<List<ApiToken>>(as(), 'GET', '/tokens');
      disjoint(
        tokens.items.map((t) => t.id),
        w.a.tokens,
      );
      expect(tokens.items.map((t) => t.id).sort()).toEqual([...w.b.tokens].sort());
    });

    it("shows B's own contact with B's category and circle", async () => {
      const bee = await ok<ContactDetail>(as(), 'GET', `/contacts/${w.b.contacts[0]}`);
      expect(bee).toMatchObject({
        name: 'Bea Betamann',
        category: { id: w.b.category },
        circles: [{ id: w.b.circle }],
      });
      expect(bee.stageHistory.map((h) => h.changedBy?.id)).toEqual([b.userId]);
    });

    it("shows B's practice on /practice and /me", async () => {
      const practice = await ok<Practice>(as(), 'GET', '/practice');
      expect(practice).toMatchObject({ id: b.practiceId, name: 'Beta Law' });
      const me = await ok<Me>(as(), 'GET', '/me');
      expect(me).toMatchObject({
        user: { id: b.userId },
        practice: { id: b.practiceId, name: 'Beta Law' },
        role: 'owner',
      });
    });
  });

  it("left all of A's data unchanged", async () => {
    expect(await everythingOf(a.session, w.a.contacts)).toEqual(aBefore);
  });

  it("B's token was used and A's was not touched", async () => {
    const tokens = await ok<List<ApiToken>>(a.session, 'GET', '/tokens');
    expect(tokens.items.every((t) => t.revokedAt === null)).toBe(true);
    const bTokens = await ok<List<ApiToken>>(b.session, 'GET', '/tokens');
    expect(bTokens.items.some((t) => t.lastUsedAt !== null)).toBe(true);
  });
});

/**
 * Route guards, walked from the API's own route table (/api/v1/openapi.json), so that a new
 * route cannot be forgotten: every route that takes an id answers another practice's id with
 * 404 and changes nothing, and a malformed id with a 4xx problem+json, never a 5xx. Every
 * route but the public ones refuses a caller without credentials. A path parameter that is not
 * an id must be declared below, or the walk fails.
 *
 * Below the walk, the hand cases it cannot generate: ids of the other practice inside bodies
 * and queries, lists that must not show the other practice's rows, and each route's field
 * refusals (route-guards.cases.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { fixedClock } from './platform/clock.ts';
import type { Problem } from './platform/errors.ts';
import {
  actionCases,
  type Case,
  cadenceCases,
  categoryCases,
  circleCases,
  createCases,
  followThroughCases,
  foreignFilterUrls,
  foreignIdCases,
  givenCases,
  importCases,
  interactionCases,
  introductionCases,
  listUrls,
  mostWantedCases,
  queryCases,
  teamCases,
  updateCases,
} from './route-guards.cases.ts';
import { buildWorld, fillIds, kindOfCollection, type World } from './route-guards.world.ts';
import { expectProblem, ok } from './test-support/api-expect.ts';
import {
  type JsonSchema,
  loadOpenApi,
  type OpenApiDocument,
  type Operation,
  operationsOf,
  resolve,
  typesOf,
} from './test-support/openapi-testing.ts';
import { useTestContext } from './test-support/suite.ts';
import {
  type Caller,
  caller,
  countRows,
  type SeededPractice,
  seedPractice,
  testTargets,
} from './test-support/testing.ts';

/** The schema every id parameter has (ZId): a path parameter of this shape is an id. */
const isIdSchema = (s: JsonSchema) => s.pattern === '^[A-Za-z0-9_-]+$' && s.maxLength === 64;

/**
 * Path parameters that are not ids, by `path param`. `agendaKey` names a subject by id, so it
 * is walked like one; the others name no practice's row (a year, a chart, a template kind, the
 * secret of a public link) and get only the malformed-value case.
 */
const otherParams: Record<
  string,
  { kind: 'agendaKey' } | { kind: 'value'; valid: string; malformed: string }
> = {
  '/public/survey/{token} token': { kind: 'value', valid: 'x', malformed: 'x'.repeat(201) },
  '/public/intake/{code} code': { kind: 'value', valid: '23456789ab', malformed: 'x'.repeat(1001) },
  '/letter-templates/{key} key': {
    kind: 'value',
    valid: 'thanks_referral',
    malformed: 'no_such_template',
  },
  '/letter-templates/{key}/preview key': {
    kind: 'value',
    valid: 'thanks_referral',
    malformed: 'no_such_template',
  },
  '/goals/{year} year': { kind: 'value', valid: '2026', malformed: 'twenty' },
  '/celebrations/{year}/{threshold}/seen year': { kind: 'value', valid: '2026', malformed: '1999' },
  '/celebrations/{year}/{threshold}/seen threshold': {
    kind: 'value',
    valid: '50',
    malformed: 'half',
  },
  '/insights/{chart} chart': {
    kind: 'value',
    valid: 'byChannel.csv',
    malformed: 'nothing.csv',
  },
  '/agenda/{key}/snooze key': { kind: 'agendaKey' },
  '/agenda/{key}/dismiss key': { kind: 'agendaKey' },
  '/agenda/{key}/mark key': { kind: 'agendaKey' },
  '/agenda/{key}/do key': { kind: 'agendaKey' },
  '/agenda/{key}/assignee key': { kind: 'agendaKey' },
  '/public/invitations/{token} token': { kind: 'value', valid: 'x', malformed: 'x'.repeat(201) },
};

/** Which world id a query parameter that is an id names, by the parameter's name. */
const kindOfQueryId: Record<string, keyof World> = {
  categoryId: 'category',
  circleId: 'circle',
  commitmentId: 'commitment',
  contactId: 'contact',
  ownerId: 'user',
  partnerId: 'contact',
  personId: 'contact',
  referralId: 'referral',
  referrerId: 'contact',
  userId: 'user',
};

/** Operations anyone may call, without a session or a token. */
const publicOperations = new Set([
  'GET /health',
  'GET /professions',
  'POST /auth/sign-up',
  'POST /auth/sign-in',
  'POST /auth/sign-out',
  'POST /auth/password-reset',
  'POST /auth/password-reset/confirm',
  'GET /public/survey/{token}',
  'POST /public/survey/{token}',
  'POST /public/intake/{code}',
  'GET /public/invitations/{token}',
  'POST /auth/accept-invitation',
]);

/** Operations that audit each read (exports): compared through the audit log, not read twice. */
const exportOperations = new Set([
  'GET /referrals/export.csv',
  'GET /export',
  'GET /contacts/export.csv',
  'GET /contacts/export.vcf',
]);

/**
 * Bodies the schema alone cannot give a valid sample of (a time that must be in the future);
 * every other body is generated from the operation's schema.
 */
const bodyOverrides: Record<string, unknown> = {
  'POST /agenda/{key}/snooze': { until: '2026-06-20T09:00:00.000Z' },
  // Back to everyone: an id of a person in the body would make the 404 ambiguous.
  'PUT /agenda/{key}/assignee': { userId: null },
};

const now = '2026-06-15T12:00:00.000Z';
const malformedIds = ['bad%20id', 'x'.repeat(65), 'semi%3Bcolon'];

/** The smallest value the schema accepts: required fields only, first enum value, minimums. */
function sampleOf(doc: OpenApiDocument, schema: JsonSchema, at: string): unknown {
  const s = resolve(doc, schema);
  const alternative = s.anyOf?.[0] ?? s.oneOf?.[0];
  if (alternative) return sampleOf(doc, alternative, at);
  if (s.allOf?.[0]) return sampleOf(doc, s.allOf[0], at);
  if (s.enum) return s.enum[0];
  const type = typesOf(s).find((t) => t !== 'null');
  if (type === 'object' || s.properties) {
    const out: Record<string, unknown> = {};
    for (const name of s.required ?? [])
      out[name] = sampleOf(doc, s.properties?.[name] ?? {}, `${at}.${name}`);
    return out;
  }
  if (type === 'array')
    return Array.from({ length: s.minItems ?? 0 }, () => sampleOf(doc, s.items ?? {}, `${at}[]`));
  if (type === 'integer' || type === 'number') return s.minimum ?? 1;
  if (type === 'boolean') return false;
  if (type === 'string') {
    // An id in a body would make the 404 ambiguous: such a body needs an override.
    if (isIdSchema(s)) throw new Error(`${at} is a required id: add a body override`);
    if (s.format === 'date-time') return '2026-01-01T00:00:00.000Z';
    if (s.format === 'date') return '2026-01-01';
    return 'x'.repeat(Math.max(1, s.minLength ?? 1));
  }
  throw new Error(`${at}: no sample for ${JSON.stringify(s)}`);
}

const keyOf = (op: Operation) => `${op.method} ${op.path}`;

/** Path parameters of an operation, each with what it stands for. */
function pathParamsOf(op: Operation) {
  const segments = op.path.split('/');
  return op.parameters
    .filter((p) => p.in === 'path')
    .map((p) => {
      const at = segments.indexOf(`{${p.name}}`);
      const collection = segments[at - 1] ?? '';
      if (isIdSchema(p.schema)) {
        const kind = kindOfCollection[collection];
        if (!kind) throw new Error(`${keyOf(op)}: no world id for /${collection}/{${p.name}}`);
        return { name: p.name, kind, valid: null, malformed: null };
      }
      const other = otherParams[`${op.path} ${p.name}`];
      if (!other) throw new Error(`${keyOf(op)}: declare {${p.name}} in otherParams`);
      if (other.kind === 'agendaKey')
        return { name: p.name, kind: 'agendaKey' as const, valid: null, malformed: null };
      return { name: p.name, kind: null, valid: other.valid, malformed: other.malformed };
    });
}

/** The URL of an operation with the world's ids in place (and required id queries filled). */
function urlOf(op: Operation, w: World, replace: Record<string, string> = {}): string {
  let url = op.path;
  for (const p of pathParamsOf(op)) {
    const value = replace[p.name] ?? (p.kind ? w[p.kind] : p.valid);
    url = url.replace(`{${p.name}}`, value.includes('%') ? value : encodeURIComponent(value));
  }
  return url;
}

describe.each(testTargets)('route guards on %s', (target) => {
  let doc: OpenApiDocument;
  let ops: Operation[];
  let a: SeededPractice;
  let b: SeededPractice;
  let A: World;
  let B: World;
  const clock = fixedClock(now);

  /** Row counts of every practice table, the audit log included. */
  async function counts() {
    const rows = await countRows(ctx.deps);
    const audit = await ctx.deps.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow();
    return { ...rows, audit_log: Number(audit.n) };
  }

  /**
   * Where a row without a GET of its own is read: its collection's list, or its contact's.
   * Any other row is read at its own URL (`/referrals/<id>`…).
   */
  const readVia: Record<string, (w: World) => string> = {
    categories: () => '/categories',
    incentives: () => '/incentives',
    asks: (w) => `/contacts/${w.contact}/asks`,
    interactions: (w) => `/contacts/${w.contact}/interactions`,
    moments: (w) => `/contacts/${w.contact}/moments`,
    members: () => '/members',
    invitations: () => '/invitations',
  };

  /** One side of a hand case: a world, and a session of its practice that reads its rows. */
  type Side = { world: World; reader: Caller };

  /**
   * The resource a write names, read by the practice it belongs to before and after a
   * refusal. A read that reaches no route would compare two 404s whatever the server did.
   */
  async function snapshotOf(url: string, side: Side) {
    const m = url.match(/^\/([a-z-]+)\/([A-Za-z0-9_-]{20,})/);
    if (!m?.[1] || !m[2]) return null;
    const read = readVia[m[1]]?.(side.world) ?? `/${m[1]}/${m[2]}`;
    const res = await side.reader.request('GET', read);
    const body = await res.text();
    expect(body, `${url} is read at ${read}: add it to readVia`).not.toMatch(/no such API route/);
    // A row of the world is there to be read, so a change to it would show.
    if (Object.values(side.world).includes(m[2])) expect(res.status, `${read}: ${body}`).toBe(200);
    return { status: res.status, body };
  }

  /**
   * A hand case: the problem it names, no row written, the resource it names unchanged (read by
   * the practice of `theirs` for `:contact`…, of `own` for `:own.contact`…).
   */
  async function refuse(c: Case, who: Caller, theirs: Side, own: Side = theirs) {
    const url = fillIds(c.url, theirs.world, own.world);
    const owner = c.url.includes(':own.') ? own : theirs;
    const before = await counts();
    const watched = await snapshotOf(url, owner);
    const res = await who.request(
      c.method,
      url,
      fillIds(c.body, theirs.world, own.world),
      c.headers,
    );
    await expectProblem(res, c.status, c.code, c.fields);
    expect(await counts(), `${c.method} ${url}`).toEqual(before);
    expect(await snapshotOf(url, owner), `${c.method} ${url}`).toEqual(watched);
  }

  /** A body that passes the operation's validation ({} for a write that takes none). */
  const bodyOf = (op: Operation): unknown => {
    if (keyOf(op) in bodyOverrides) return bodyOverrides[keyOf(op)];
    if (op.body) return sampleOf(doc, op.body, keyOf(op));
    return op.method === 'GET' || op.method === 'DELETE' ? undefined : {};
  };
  /** Operations with a path parameter that names a row: the ones the walk covers. */
  const idOperations = () => ops.filter((op) => pathParamsOf(op).some((p) => p.kind !== null));

  /** Everything a practice can read (every GET with its ids), to compare before and after. */
  async function everything(who: Caller, w: World): Promise<Record<string, unknown>> {
    const out: Record<string, unknown> = {};
    for (const op of ops) {
      if (op.method !== 'GET' || publicOperations.has(keyOf(op))) continue;
      if (op.parameters.some((p) => p.in === 'query' && (p as { required?: boolean }).required))
        continue;
      if (pathParamsOf(op).some((p) => p.kind === null)) continue;
      // Reading an export writes its own audit entry: the audit log is compared instead.
      if (exportOperations.has(keyOf(op))) continue;
      const url = urlOf(op, w);
      const res = await who.request('GET', url);
      const type = res.headers.get('content-type') ?? '';
      // A PDF carries its creation time: its status is compared, not its bytes.
      const body = type.includes('pdf') ? null : await res.text();
      // B's own token is used by the walk: when it was last used is not "B's data".
      out[url] = { status: res.status, body: body?.replace(/"lastUsedAt":(null|"[^"]+")/g, '') };
    }
    return out;
  }

  const ctx = useTestContext(target, { clock });
  const sideA = (): Side => ({ world: A, reader: a.session });
  beforeAll(async () => {
    doc = await loadOpenApi(ctx);
    ops = operationsOf(doc);
    a = await seedPractice(ctx, 'Alpha Counseling');
    b = await seedPractice(ctx, 'Beta Law');
    A = await buildWorld(a, 'Alpha');
    B = await buildWorld(b, 'Beta');
  });

  it('knows every path parameter of the route table, and the walk covers the routes with ids', () => {
    for (const op of ops) expect(() => pathParamsOf(op), keyOf(op)).not.toThrow();
    for (const op of idOperations()) expect(() => bodyOf(op), keyOf(op)).not.toThrow();
    // Not vacuous: the table is read, and the routes with ids are many.
    expect(idOperations().length).toBeGreaterThan(40);
  });

  it('every route but the public ones refuses a caller without credentials, writing nothing', async () => {
    const anonymous = caller(ctx);
    for (const op of ops) {
      if (publicOperations.has(keyOf(op))) continue;
      const before = await counts();
      // The caller is refused before its body is read: any JSON will do.
      const body = op.method === 'GET' || op.method === 'DELETE' ? undefined : {};
      const res = await anonymous.request(op.method, urlOf(op, A), body);
      expect(res.status, `${keyOf(op)} ${urlOf(op, A)}`).toBe(401);
      await expectProblem(res, 401, 'unauthenticated');
      expect(await counts(), keyOf(op)).toEqual(before);
    }
  });

  describe.each(['session', 'token'] as const)("B with its %s and A's ids", (via) => {
    it('gets 404 on every route that takes an id, and nothing of A or B changes', async () => {
      const as = via === 'session' ? b.session : b.bearer;
      const aBefore = await everything(a.session, A);
      const bBefore = await everything(b.session, B);
      for (const op of idOperations()) {
        const before = await counts();
        const res = await as.request(op.method, urlOf(op, A), bodyOf(op));
        const problem = await expectProblem(res, 404, 'not_found');
        // A route that does not exist is a 404 too: this one must be the route's own answer.
        expect(problem.detail, keyOf(op)).not.toMatch(/no such API route/);
        expect(await counts(), keyOf(op)).toEqual(before);
      }
      const aAfter = await everything(a.session, A);
      for (const url of Object.keys(aBefore)) expect(aAfter[url], url).toEqual(aBefore[url]);
      const bAfter = await everything(b.session, B);
      for (const url of Object.keys(bBefore)) expect(bAfter[url], url).toEqual(bBefore[url]);
    });
  });

  it.each(['session', 'token'] as const)(
    "an id of A's in any query parameter is a 404 or an answer without A's rows (B's %s)",
    async (via) => {
      const as = via === 'session' ? b.session : b.bearer;
      const aIds = Object.values(A).filter((id) => id.length >= 20);
      let walked = 0;
      for (const op of ops) {
        for (const p of op.parameters) {
          if (p.in !== 'query' || !isIdSchema(resolve(doc, p.schema))) continue;
          const kind = kindOfQueryId[p.name];
          expect(kind, `${keyOf(op)} ?${p.name}: add it to kindOfQueryId`).toBeDefined();
          if (!kind) continue;
          const url = `${urlOf(op, B)}?${p.name}=${A[kind]}`;
          const res = await as.request(op.method, url);
          const text = await res.text();
          walked += 1;
          if (res.status === 404) {
            expect(res.headers.get('content-type'), url).toMatch(/^application\/problem\+json/);
            continue;
          }
          expect(res.status, `${url}: ${text}`).toBe(200);
          expect(text, url).not.toMatch(/Alpha/);
          for (const id of aIds) expect(text, `${url} shows ${id}`).not.toContain(id);
        }
      }
      expect(walked).toBeGreaterThan(15);
    },
  );

  it('a malformed path parameter is a 4xx problem+json on every route, never a 5xx, writing nothing', async () => {
    for (const op of ops) {
      for (const p of pathParamsOf(op)) {
        const values = p.malformed === null ? malformedIds : [p.malformed];
        for (const value of values) {
          const before = await counts();
          const res = await a.session.request(
            op.method,
            urlOf(op, A, { [p.name]: value }),
            bodyOf(op),
          );
          const text = await res.text();
          const label = `${keyOf(op)} {${p.name}}=${value.slice(0, 20)}: ${text}`;
          expect(res.status, label).toBeGreaterThanOrEqual(400);
          expect(res.status, label).toBeLessThan(500);
          expect(res.headers.get('content-type'), label).toMatch(/^application\/problem\+json/);
          if (p.kind !== null && p.kind !== 'agendaKey') {
            // An id is checked by its schema: a 400 that names the parameter.
            const problem = JSON.parse(text) as Problem;
            expect(res.status, label).toBe(400);
            expect(
              problem.errors?.map((e) => e.field),
              label,
            ).toContain(p.name);
          }
          expect(await counts(), label).toEqual(before);
        }
      }
    }
  });

  it('an id that does not exist is a 404 on every route that takes one, writing nothing', async () => {
    const missing = '019a8b2c-4d5e-7f00-8a1b-2c3d4e5f6a7b';
    for (const op of idOperations()) {
      const replace: Record<string, string> = {};
      for (const p of pathParamsOf(op))
        if (p.kind !== null)
          replace[p.name] = p.kind === 'agendaKey' ? `respond:${missing}` : missing;
      const before = await counts();
      const res = await a.session.request(op.method, urlOf(op, A, replace), bodyOf(op));
      await expectProblem(res, 404, 'not_found');
      expect(await counts(), keyOf(op)).toEqual(before);
    }
  });

  describe('field refusals (by A, on its own world)', () => {
    let before: Record<string, unknown>;
    beforeAll(async () => {
      before = await everything(a.session, A);
    });
    it.each([
      ...createCases,
      ...updateCases,
      ...actionCases,
      ...givenCases,
      ...queryCases,
      ...categoryCases,
      ...mostWantedCases,
      ...circleCases,
      ...interactionCases,
      ...cadenceCases,
      ...followThroughCases,
      ...introductionCases,
      ...importCases,
      ...teamCases,
    ])('$method $url refuses $name ($status)', (c) => refuse(c, a.session, sideA()));

    it("left all of A's world as it was", async () => {
      const after = await everything(a.session, A);
      for (const url of Object.keys(before)) expect(after[url], url).toEqual(before[url]);
    });
  });

  it('refuses a thank-you and an update when the referrer is unknown (409), writing nothing', async () => {
    const r = await ok<{ id: string; referrer: unknown }>(
      a.session,
      'PATCH',
      `/referrals/${A.referral}`,
      {
        referrer: { unknown: true },
        consentToUpdate: true,
      },
    );
    expect(r.referrer).toBeNull();
    const conflict = (url: string, body: unknown, fields: string[]): Case => ({
      name: url,
      method: 'POST',
      url,
      body,
      status: 409,
      code: 'conflict',
      fields,
    });
    await refuse(
      conflict(`/referrals/${r.id}/thanks`, { kind: 'referral' }, ['kind']),
      a.session,
      sideA(),
    );
    await refuse(conflict(`/referrals/${r.id}/referrer-updates`, {}, []), a.session, sideA());
    await ok(a.session, 'PATCH', `/referrals/${r.id}`, {
      referrer: { contactId: A.contact },
      consentToUpdate: false,
    });
  });

  describe.each(['session', 'token'] as const)('B with its %s, beyond the walk', (via) => {
    const as = () => (via === 'session' ? b.session : b.bearer);
    const aIds = () => Object.values(A).filter((id) => id.length >= 20);

    describe("A's ids in paths and bodies", () => {
      let aBefore: Record<string, unknown>;
      let bBefore: Record<string, unknown>;
      beforeAll(async () => {
        aBefore = await everything(a.session, A);
        bBefore = await everything(b.session, B);
      });

      it.each(foreignIdCases)("$method $url with A's ids is 404 $fields", (c) =>
        refuse(c, as(), sideA(), { world: B, reader: b.session }),
      );

      it("left all of A's and all of B's world as they were", async () => {
        const aAfter = await everything(a.session, A);
        for (const url of Object.keys(aBefore)) expect(aAfter[url], url).toEqual(aBefore[url]);
        const bAfter = await everything(b.session, B);
        for (const url of Object.keys(bBefore)) expect(bAfter[url], url).toEqual(bBefore[url]);
      });
    });

    it("never shows A's rows in lists, filters, the board, the CSV, the ledger or summaries", async () => {
      for (const url of listUrls) {
        const theirs = await as().request('GET', fillIds(url, A, B));
        // B's audit log records the export filters B typed, A's ids among them (the walks
        // above type them): those echoes are B's own input, not A's rows.
        const text = (await theirs.text()).replace(/"filter":\{[^}]*\}/g, '');
        expect(theirs.status, `${url}: ${text}`).toBe(200);
        expect(text, url).not.toMatch(/Alpha/);
        for (const id of aIds()) expect(text, `${url} shows ${id}`).not.toContain(id);
        // A's own answer shows its rows, so B's silence is not vacuous.
        const mine = await (await a.session.request('GET', fillIds(url, A))).text();
        expect(/Alpha/.test(mine) || aIds().some((id) => mine.includes(id)), `A's own ${url}`).toBe(
          true,
        );
      }
      for (const url of foreignFilterUrls) {
        const page = await ok<{ items: unknown[] }>(as(), 'GET', fillIds(url, A, B));
        expect(page.items, url).toEqual([]);
      }
    });

    it("counts only its own rows in the network's summaries", async () => {
      type Counted = {
        items: { id: string; contacts?: number; coverage?: number; members?: number }[];
      };
      const cats = await ok<Counted>(as(), 'GET', '/categories');
      expect(cats.items.find((c) => c.id === B.category)).toMatchObject({
        contacts: 1,
        coverage: 1,
      });
      const list = await ok<{ items: { category: { id: string }; members: { id: string }[] }[] }>(
        as(),
        'GET',
        '/most-wanted',
      );
      expect(list.items.map((i) => i.category.id)).toEqual([B.category]);
      expect(list.items[0]?.members.map((m) => m.id)).toEqual([B.contact]);
      const circles = await ok<Counted>(as(), 'GET', '/circles');
      expect(circles.items.find((c) => c.id === B.circle)?.members).toBe(1);
      const circle = await ok<{
        memberList: { id: string }[];
        mostWantedReach: { categoryId: string }[];
      }>(as(), 'GET', `/circles/${B.circle}`);
      expect(circle.memberList.map((m) => m.id)).toEqual([B.contact]);
      expect(circle.mostWantedReach.map((r) => r.categoryId)).toEqual([B.category]);
      const due = await ok<Counted>(as(), 'GET', '/contacts?touch=due&limit=200');
      expect(due.items.map((c) => c.id)).toEqual([B.contact]);
      const interactions = await ok<Counted>(as(), 'GET', `/contacts/${B.contact}/interactions`);
      expect(interactions.items.map((i) => i.id)).toEqual([B.interaction]);
      const commitments = await ok<Counted>(as(), 'GET', '/commitments');
      expect(commitments.items.map((c) => c.id)).toEqual([B.commitment]);
      const incentives = await ok<Counted>(as(), 'GET', '/incentives');
      expect(incentives.items.map((i) => i.id)).toEqual([B.incentive]);
    });

    it("shows B's own practice, contact, category and circle", async () => {
      expect(await ok(as(), 'GET', '/practice')).toMatchObject({
        id: b.practiceId,
        name: 'Beta Law',
      });
      expect(await ok(as(), 'GET', '/me')).toMatchObject({
        user: { id: b.userId },
        practice: { id: b.practiceId, name: 'Beta Law' },
        role: 'owner',
      });
      const contact = await ok<{ stageHistory: { changedBy: { id: string } | null }[] }>(
        as(),
        'GET',
        `/contacts/${B.contact}`,
      );
      expect(contact).toMatchObject({
        name: 'Beta Partner',
        category: { id: B.category },
        circles: [{ id: B.circle }],
      });
      // Every move of B's contact was made in B (by B's owner, or by B's own referral).
      for (const h of contact.stageHistory)
        expect([b.userId, undefined]).toContain(h.changedBy?.id);
      expect(contact.stageHistory[0]?.changedBy?.id).toBe(b.userId);
    });
  });

  it("B's token was used, and none of A's was revoked or used", async () => {
    type Tokens = { items: { id: string; lastUsedAt: string | null; revokedAt: string | null }[] };
    const mine = await ok<Tokens>(a.session, 'GET', '/tokens');
    expect(mine.items.map((t) => t.id)).toContain(A.token);
    expect(mine.items.every((t) => t.revokedAt === null && t.lastUsedAt === null)).toBe(true);
    const theirs = await ok<Tokens>(b.session, 'GET', '/tokens');
    expect(theirs.items.some((t) => t.lastUsedAt !== null)).toBe(true);
  });

  it("the same requests with B's own ids are not 404 (so the 404s above are not vacuous)", async () => {
    // Deletions last, the contact's after the rest, so that each request still finds its row.
    const rank = (op: Operation) =>
      op.method !== 'DELETE' ? 0 : op.path.startsWith('/contacts/') ? 2 : 1;
    const walk = [...idOperations()].sort((x, y) => rank(x) - rank(y));
    for (const op of walk) {
      const res = await b.session.request(op.method, urlOf(op, B), bodyOf(op));
      const text = await res.text();
      expect(res.status, `${keyOf(op)}: ${text}`).not.toBe(404);
      expect(res.status, `${keyOf(op)}: ${text}`).toBeLessThan(500);
    }
  });
});

/**
 * The API never answers 5xx, whatever it is sent (issue 9). Requests are generated from the
 * API's own OpenAPI document: every operation, with wrong types, empty/huge/unicode/NUL
 * strings, out-of-range numbers and dates, extra fields, malformed JSON, wrong content types
 * and garbage path ids, plus valid bodies with one field corrupted (to get past the schema into
 * the services), against a practice filled with demo data whose real ids are used too.
 *
 * Replay or widen a run: VOUCH_FUZZ_SEED=<n> VOUCH_FUZZ_RUNS=<cases per operation>.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDemoPractice, seedDemoNetwork, switchDemo } from '../demo/demo.service.ts';
import {
  type JsonSchema,
  loadOpenApi,
  type OpenApiDocument,
  type Operation,
  operationsOf,
  resolve,
  typesOf,
} from '../test-support/openapi-testing.ts';
import {
  cookieFrom,
  createTestContext,
  type TestContext,
  testTargets,
} from '../test-support/testing.ts';

const seed = Number(process.env.VOUCH_FUZZ_SEED ?? 20_261_127);
const runsPerOperation = Number(process.env.VOUCH_FUZZ_RUNS ?? 25);

// ---------------------------------------------------------------------------------------------
// Values

const dayPattern = /^\d{4}-\d{2}-\d{2}$/;
const idPattern = '^[A-Za-z0-9_-]+$';

/** Days and instants that are wrong, or right but at or past the edges of time arithmetic. */
const badDates = [
  '9999-12-31',
  '0000-01-01',
  '0001-01-01',
  '1899-12-31',
  '2201-01-01',
  '2026-02-31',
  '2026-13-01',
  '9999-12-31T23:59:59Z',
  '9999-12-31T23:59:59-14:00',
  '0000-01-01T00:00:00+14:00',
  '+275760-09-13T00:00:00Z',
  '2026-01-31T25:00:00Z',
  'yesterday',
];

/** Values that no field wants: wrong types, edges of numbers, hostile and huge strings. */
const badValues: unknown[] = [
  null,
  true,
  0,
  -1,
  1.5,
  -0.000001,
  2 ** 31,
  -(2 ** 31) - 1,
  2 ** 53 + 2,
  1e11,
  1e308,
  -1e308,
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\u202e\ufeff\u200b',
  '😀'.repeat(300),
  'x'.repeat(5_000),
  'x'.repeat(70_000),
  "' or 1=1 --",
  '../../etc/passwd',
  '%00',
  'NaN',
  '1e400',
  '-0',
  ...badDates,
  [],
  [null],
  {},
  { $ne: 1 },
];

/** Request bodies that are not a JSON object, or not JSON at all (sent raw). */
const rawBodies = [
  '',
  '{',
  '{"a":',
  'null',
  '[]',
  '"text"',
  '42',
  '\u0000',
  '{"a":1,"a":2}',
  '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]',
  `{"x":"${'y'.repeat(1024 * 1024)}"}`,
  '\ufeff{}',
  '{"__proto__":{"polluted":1}}',
];

const contentTypes = [
  'application/json',
  'application/json; charset=utf-8',
  'application/merge-patch+json',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/xml',
  '',
];

/** Garbage where an id belongs in a path (most sent encoded, some raw). */
const badPathSegments = [
  '0',
  '-1',
  'null',
  'x'.repeat(300),
  '😀',
  '%00',
  '%',
  '%E0%A4%A',
  '..',
  '%2e%2e',
  'a%2Fb',
  '019a8b2c-4d5e-7f00-8a1b-2c3d4e5f6a7b',
  ' ',
  "1' or '1'='1",
];

const isDateLike = (s: JsonSchema) =>
  s.format === 'date' ||
  s.format === 'date-time' ||
  (typeof s.example === 'string' && /^\d{4}-\d{2}-\d{2}/.test(s.example));

/** The values at and just past a field's documented edges, plus the far ends of the calendar. */
function edgesFor(s: JsonSchema): unknown[] {
  const types = typesOf(s);
  const out: unknown[] = [null];
  if (s.enum) out.push('not-one-of-them');
  if (types.includes('integer') || types.includes('number')) {
    if (typeof s.maximum === 'number') out.push(s.maximum, s.maximum + 1);
    if (typeof s.minimum === 'number') out.push(s.minimum, s.minimum - 1);
    out.push(2 ** 31, '1');
  }
  if (types.includes('string')) {
    if (typeof s.maxLength === 'number')
      out.push('x'.repeat(s.maxLength + 1), 'é'.repeat(s.maxLength));
    out.push('\u0000', 42);
    if (isDateLike(s))
      out.push('9999-12-31', '0000-01-01', '9999-12-31T23:59:59Z', '0000-01-01T00:00:00+14:00');
  }
  if (types.includes('array')) {
    if (typeof s.maxItems === 'number') out.push(Array.from({ length: s.maxItems + 1 }, () => 'x'));
    out.push('x');
  }
  if (types.includes('boolean')) out.push('true', 1);
  if (types.includes('object') || s.properties) out.push([], 'x');
  return out;
}

/** A wrong value for a field: mostly one aimed at its schema, sometimes any bad value. */
function badFor(schema: JsonSchema): fc.Arbitrary<unknown> {
  const aimed = [...edgesFor(schema), ...(isDateLike(schema) ? badDates : [])];
  return fc.oneof(
    { weight: 2, arbitrary: fc.constantFrom(...aimed) },
    { weight: 1, arbitrary: fc.constantFrom(...badValues) },
  );
}

// ---------------------------------------------------------------------------------------------
// Real ids, gathered from the practice's own answers, by collection

type Pool = Map<string, string[]>;

const nouns: [RegExp, string][] = [
  [/given/i, 'referrals-given'],
  [/recipient(?!contact)/i, 'recipients'],
  [/contact|referrer|referred|partner|person/i, 'contacts'],
  [/referral/i, 'referrals'],
  [/categor/i, 'categories'],
  [/circle/i, 'circles'],
  [/commitment/i, 'commitments'],
  [/incentive/i, 'incentives'],
  [/moment/i, 'moments'],
  [/interaction/i, 'interactions'],
  [/^asks?$|askId/i, 'asks'],
  [/message/i, 'messages'],
  [/survey/i, 'surveys'],
  [/feed/i, 'calendar-feeds'],
  [/token/i, 'tokens'],
  [/template/i, 'letter-templates'],
  [/agenda/i, 'agenda'],
  [/owner|user|member/i, 'members'],
];
const nounOf = (name: string): string | undefined => nouns.find(([re]) => re.test(name))?.[1];

/** Adds every id (and item key) in `value` to the pool, under the collection it belongs to. */
function harvest(pool: Pool, value: unknown, noun: string): void {
  if (Array.isArray(value)) {
    for (const v of value) harvest(pool, v, noun);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  const add = (n: string, id: string) => {
    const list = pool.get(n) ?? [];
    if (!list.includes(id)) list.push(id);
    pool.set(n, list);
  };
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'string' && (k === 'id' || k === 'key')) add(noun, v);
    else if (typeof v === 'string' && k.endsWith('Id')) add(nounOf(k) ?? noun, v);
    else harvest(pool, v, k === 'items' || k === 'columns' ? noun : (nounOf(k) ?? noun));
  }
}

const allIds = (pool: Pool) => [...new Set([...pool.values()].flat())];

/** Real ids for a field or path parameter of this name (its collection's first, then any). */
function idsFor(pool: Pool, noun: string | undefined): string[] {
  const own = noun ? (pool.get(noun) ?? []) : [];
  return own.length > 0 ? own : allIds(pool);
}

// ---------------------------------------------------------------------------------------------
// Valid values from a schema (so that one corrupted field is the only thing wrong)

const firstMs = Date.parse('1900-01-01T00:00:00Z');
const lastMs = Date.parse('2200-12-31T23:59:59Z');
const instant = fc.oneof(
  fc.constantFrom('1900-01-01T00:00:00Z', '2200-12-31T23:59:59.999Z', '2026-03-02T09:00:00+01:00'),
  fc.integer({ min: firstMs, max: lastMs }).map((ms) => new Date(ms).toISOString()),
);
const day = fc.oneof(
  fc.constantFrom('1900-01-01', '2200-12-31', '2026-02-28'),
  fc.integer({ min: firstMs, max: lastMs }).map((ms) => new Date(ms).toISOString().slice(0, 10)),
);

const wordish = ['Ann', 'Lee Park', 'USD', 'EUR', 'a@example.com', 'Europe/Berlin', 'referrer'];

function validString(s: JsonSchema, name: string, pool: Pool): fc.Arbitrary<string> {
  if (s.format === 'date-time') return instant;
  if (s.format === 'date' || (typeof s.example === 'string' && dayPattern.test(s.example)))
    return fc.oneof(day, instant);
  if (s.format === 'email' || /email/i.test(name))
    return fc.constantFrom('a@example.com', 'B.c@example.org');
  const min = s.minLength ?? 0;
  const max = Math.max(min, Math.min(s.maxLength ?? 60, 60));
  if (s.pattern) {
    const re = new RegExp(s.pattern);
    const candidates = [
      ...(s.pattern === idPattern ? idsFor(pool, nounOf(name)) : []),
      ...(typeof s.example === 'string' ? [s.example] : []),
      ...wordish,
    ].filter((c) => re.test(c) && c.length >= min);
    if (candidates.length > 0) return fc.constantFrom(...candidates);
    return fc.stringMatching(re).filter((c) => c.length >= min && c.length <= (s.maxLength ?? 1e6));
  }
  return fc.oneof(
    fc.string({ minLength: min, maxLength: max }),
    fc.string({ unit: 'grapheme', minLength: min, maxLength: max }),
    fc.constant('x'.repeat(Math.max(min, s.maxLength ?? 60))),
  );
}

/** Values the schema allows; `minimal` leaves out every optional property. */
function valid(
  doc: OpenApiDocument,
  schema: JsonSchema,
  name: string,
  pool: Pool,
  minimal = false,
  depth = 0,
): fc.Arbitrary<unknown> {
  const s = resolve(doc, schema);
  const types = typesOf(s);
  const orNull = (a: fc.Arbitrary<unknown>) =>
    types.includes('null') && !minimal ? fc.oneof(a, fc.constant(null)) : a;
  const inner = (x: JsonSchema, n: string) => valid(doc, x, n, pool, minimal, depth + 1);
  if (s.enum) return fc.constantFrom(...s.enum);
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((x) => inner(x, name)));
  const type = types.find((t) => t !== 'null');
  if (type === 'boolean') return orNull(fc.boolean());
  if (type === 'integer' || type === 'number') {
    const min = s.minimum ?? -1_000_000;
    const max = s.maximum ?? 1_000_000;
    const any =
      type === 'integer' ? fc.integer({ min, max }) : fc.double({ min, max, noNaN: true });
    return orNull(fc.oneof(fc.constantFrom(min, max), any));
  }
  if (type === 'string') return orNull(validString(s, name, pool));
  if (type === 'array') {
    const maxLength = Math.min(s.maxItems ?? 4, 4);
    return orNull(fc.array(inner(s.items ?? {}, name), { minLength: s.minItems ?? 0, maxLength }));
  }
  if (type === 'object' || s.properties) {
    if (depth > 6) return fc.constant({});
    const required = s.required ?? [];
    const record: Record<string, fc.Arbitrary<unknown>> = {};
    for (const [k, v] of Object.entries(s.properties ?? {}))
      if (!minimal || required.includes(k)) record[k] = inner(v, k);
    return orNull(fc.record(record, { requiredKeys: required.filter((k) => k in record) }));
  }
  return fc.jsonValue();
}

/** Every property path of a body schema (a few levels deep) with its schema. */
function fieldsOf(
  doc: OpenApiDocument,
  schema: JsonSchema,
  at: string[] = [],
  depth = 0,
): [string[], JsonSchema][] {
  const s = resolve(doc, schema);
  if (depth > 3 || !s.properties) return [];
  return Object.entries(s.properties).flatMap(([k, v]) => {
    const path = [...at, k];
    return [
      [path, resolve(doc, v)] as [string[], JsonSchema],
      ...fieldsOf(doc, v, path, depth + 1),
    ];
  });
}

function setAt(target: unknown, path: string[], value: unknown): unknown {
  const root: Record<string, unknown> =
    target !== null && typeof target === 'object' && !Array.isArray(target) ? { ...target } : {};
  const [head, ...rest] = path as [string, ...string[]];
  root[head] = rest.length === 0 ? value : setAt(root[head], rest, value);
  return root;
}

// ---------------------------------------------------------------------------------------------
// Requests

type FuzzRequest = {
  method: string;
  url: string;
  auth: 'cookie' | 'bearer';
  contentType?: string;
  body?: string;
};

/** A request that the API accepted (2xx), or the best guess at one: what the mutations start from. */
type Base = { path: Record<string, string>; body: unknown };

const encode = (v: unknown) => encodeURIComponent(typeof v === 'string' ? v : JSON.stringify(v));
const json = (v: unknown) => ({ contentType: 'application/json', body: JSON.stringify(v) });
const hasBody = (op: Operation) => op.method !== 'GET' && op.method !== 'HEAD';

function urlOf(op: Operation, encodedPath: Record<string, string>, query: string): string {
  let path = op.path;
  for (const [name, value] of Object.entries(encodedPath)) path = path.replace(`{${name}}`, value);
  return `/api/v1${path}${query}`;
}

const encodedPathOf = (base: Base) =>
  Object.fromEntries(Object.entries(base.path).map(([k, v]) => [k, encode(v)]));

/** The collection a path parameter's ids come from: `/referrals/{id}` → referrals. */
function nounOfParam(op: Operation, name: string): string {
  const segments = op.path.split('/');
  const before = segments[segments.indexOf(`{${name}}`) - 1] ?? '';
  return (name === 'id' ? nounOf(before) : nounOf(name)) ?? before;
}

/** One request per input field and edge value: the base, with just that field at its edge. */
function edgeRequests(doc: OpenApiDocument, op: Operation, base: Base): FuzzRequest[] {
  const out: FuzzRequest[] = [];
  const add = (url: string, body: { contentType?: string; body?: string }) =>
    out.push({ method: op.method, url, auth: out.length % 2 ? 'bearer' : 'cookie', ...body });
  const baseBody = hasBody(op) && op.body ? json(base.body) : {};
  for (const p of op.parameters) {
    const schema = resolve(doc, p.schema);
    for (const edge of [...edgesFor(schema), ...(isDateLike(schema) ? badDates.slice(0, 5) : [])]) {
      if (p.in === 'path')
        add(urlOf(op, { ...encodedPathOf(base), [p.name]: encode(edge) }, ''), baseBody);
      else if (p.in === 'query')
        add(urlOf(op, encodedPathOf(base), `?${p.name}=${encode(edge)}`), baseBody);
    }
  }
  if (op.body && hasBody(op))
    for (const [at, schema] of fieldsOf(doc, op.body))
      for (const edge of edgesFor(schema))
        add(urlOf(op, encodedPathOf(base), ''), json(setAt(base.body, at, edge)));
  return out;
}

function pathArb(doc: OpenApiDocument, op: Operation, pool: Pool, base: Base) {
  const params = op.parameters.filter((p) => p.in === 'path');
  const each = params.map((p) => {
    const schema = resolve(doc, p.schema);
    const real = idsFor(pool, nounOfParam(op, p.name));
    return fc.oneof(
      { weight: 3, arbitrary: fc.constant(encode(base.path[p.name] ?? '')) },
      {
        weight: 2,
        arbitrary: real.length > 0 ? fc.constantFrom(...real.map(encode)) : fc.constant('none'),
      },
      { weight: 2, arbitrary: valid(doc, schema, p.name, pool).map(encode) },
      { weight: 2, arbitrary: badFor(schema).map(encode) },
      { weight: 1, arbitrary: fc.constantFrom(...badPathSegments) },
    );
  });
  return fc
    .tuple(...each)
    .map((values) => Object.fromEntries(params.map((p, i) => [p.name, values[i] ?? ''])));
}

function queryArb(doc: OpenApiDocument, op: Operation, pool: Pool): fc.Arbitrary<string> {
  const params = op.parameters.filter((p) => p.in === 'query');
  const each = params.map((p) => {
    const schema = resolve(doc, p.schema);
    const pair = (v: unknown) => `${p.name}=${encode(v)}`;
    return fc.oneof(
      { weight: 4, arbitrary: fc.constant(null) },
      { weight: 3, arbitrary: valid(doc, schema, p.name, pool).map(pair) },
      { weight: 3, arbitrary: badFor(schema).map(pair) },
      { weight: 1, arbitrary: fc.constant(`${p.name}=a&${p.name}=b`) },
    );
  });
  const extra = fc.oneof(
    { weight: 5, arbitrary: fc.constant(null) },
    {
      weight: 1,
      arbitrary: fc.constantFrom('extra=1', '__proto__=x', 'a[b]=c', '=', '&&', '%zz=1'),
    },
  );
  return fc.tuple(fc.tuple(...each), extra).map(([parts, more]) => {
    const q = [...parts, more].filter((x): x is string => x !== null).join('&');
    return q ? `?${q}` : '';
  });
}

function bodyArb(
  doc: OpenApiDocument,
  op: Operation,
  pool: Pool,
  base: Base,
): fc.Arbitrary<{ contentType?: string; body?: string }> {
  const raw = fc.record({
    contentType: fc.constantFrom(...contentTypes),
    body: fc.constantFrom(...rawBodies),
  });
  const wrongType = fc.record({
    contentType: fc.constantFrom(...contentTypes.slice(3)),
    body: fc.constantFrom(
      '{}',
      'a=1&b=2',
      '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--x--',
    ),
  });
  if (!op.body)
    return fc.oneof(
      { weight: 4, arbitrary: fc.constant({}) },
      { weight: 1, arbitrary: fc.jsonValue().map(json) },
      { weight: 1, arbitrary: raw },
    );
  const fields = fieldsOf(doc, op.body);
  const start = fc.oneof(fc.constant(base.body), valid(doc, op.body, 'body', pool));
  const corrupted =
    fields.length === 0
      ? start
      : fc
          .tuple(start, fc.constantFrom(...fields))
          .chain(([v, [at, field]]) => badFor(field).map((bad) => setAt(v, at, bad)));
  const extraField = fc
    .tuple(start, fc.constantFrom('extra', '__proto__', 'id', 'practiceId', ''))
    .map(([v, k]) => ({ ...(v as object), [k]: 1 }));
  return fc.oneof(
    { weight: 2, arbitrary: valid(doc, op.body, 'body', pool).map(json) },
    { weight: 6, arbitrary: corrupted.map(json) },
    { weight: 1, arbitrary: extraField.map(json) },
    { weight: 1, arbitrary: fc.jsonValue().map(json) },
    { weight: 1, arbitrary: fc.constantFrom(...badValues).map(json) },
    { weight: 1, arbitrary: raw },
    { weight: 1, arbitrary: wrongType },
    { weight: 1, arbitrary: fc.constant({}) },
  );
}

function requestArb(
  doc: OpenApiDocument,
  op: Operation,
  pool: Pool,
  base: Base,
): fc.Arbitrary<FuzzRequest> {
  return fc
    .tuple(
      pathArb(doc, op, pool, base),
      queryArb(doc, op, pool),
      bodyArb(doc, op, pool, base),
      fc.constantFrom<FuzzRequest['auth']>('cookie', 'bearer'),
    )
    .map(([path, query, body, auth]) => ({
      method: op.method,
      url: urlOf(op, path, query),
      auth,
      ...(hasBody(op) ? body : {}),
    }));
}

const show = (r: FuzzRequest) =>
  `${r.method} ${r.url.slice(0, 300)} [${r.auth}] ${r.contentType ?? ''} ${(r.body ?? '').slice(0, 300)}`;

// ---------------------------------------------------------------------------------------------

/** Operations that end the caller's own sign-in: the harness signs in again after them. */
const endsOwnSignIn = (op: Operation) =>
  op.path === '/auth/sign-out' || (op.method === 'DELETE' && op.path === '/tokens/{id}');

describe.each(testTargets)('fuzz: no request gets a 5xx (%s)', (target) => {
  let ctx: TestContext;
  let doc: OpenApiDocument;
  const pool: Pool = new Map();
  const owner = { email: `fuzz.owner.${target}@example.com`, password: 'correct horse battery' };
  const auth = { cookie: '', token: '' };
  const statuses = new Map<number, number>();

  async function send(r: FuzzRequest): Promise<Response> {
    const headers: Record<string, string> = {};
    if (r.auth === 'cookie') headers.cookie = auth.cookie;
    else headers.authorization = `Bearer ${auth.token}`;
    if (r.contentType) headers['content-type'] = r.contentType;
    let request: Request;
    try {
      request = new Request(`http://localhost${r.url}`, {
        method: r.method,
        headers,
        body: r.body,
      });
    } catch {
      return new Response(null, { status: 400 }); // not even a valid HTTP request: nothing to serve
    }
    const res = await ctx.app.fetch(request);
    statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
    return res;
  }

  /** Sends a generated request; a 5xx throws, naming the request. */
  async function probe(op: Operation, r: FuzzRequest): Promise<number> {
    const res = await send(r);
    const text = await res.text();
    if (endsOwnSignIn(op) || res.status === 401) await signIn();
    if (res.status >= 500) throw new Error(`${res.status} ${text.slice(0, 300)}\n  ${show(r)}`);
    return res.status;
  }

  async function signIn(): Promise<void> {
    const body = JSON.stringify(owner);
    const res = await send({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      auth: 'cookie',
      ...json(owner),
    });
    expect(res.status, `sign-in ${body}: ${await res.clone().text()}`).toBe(200);
    auth.cookie = cookieFrom(res);
    const token = await send({
      method: 'POST',
      url: '/api/v1/tokens',
      auth: 'cookie',
      ...json({ name: 'fuzz' }),
    });
    auth.token = ((await token.json()) as { token: string }).token;
  }

  /** Real path ids, and a body the API accepts when one of a few generated bodies is. */
  async function baseFor(op: Operation, opSeed: number): Promise<Base> {
    const path: Record<string, string> = {};
    for (const p of op.parameters.filter((x) => x.in === 'path')) {
      const real = idsFor(pool, nounOfParam(op, p.name));
      path[p.name] =
        real[0] ??
        String(fc.sample(valid(doc, p.schema, p.name, pool), { seed: opSeed, numRuns: 1 })[0]);
    }
    if (!op.body || !hasBody(op)) return { path, body: undefined };
    const candidates = fc.sample(
      fc.oneof(valid(doc, op.body, 'body', pool, true), valid(doc, op.body, 'body', pool)),
      { seed: opSeed, numRuns: 30 },
    );
    const url = urlOf(
      op,
      Object.fromEntries(Object.entries(path).map(([k, v]) => [k, encode(v)])),
      '',
    );
    for (const body of candidates) {
      const status = await probe(op, { method: op.method, url, auth: 'bearer', ...json(body) });
      if (status < 300) return { path, body };
    }
    return { path, body: candidates[0] };
  }

  beforeAll(async () => {
    const started = performance.now();
    ctx = await createTestContext(target);
    doc = await loadOpenApi(ctx);
    const up = await ctx.app.request('/api/v1/auth/sign-up', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ practiceName: 'Fuzz Practice', name: 'Fuzz Owner', ...owner }),
    });
    expect(up.status, await up.clone().text()).toBe(201);
    await signIn();
    // The owner's own practice filled with the demo network (through the services), and a
    // small demo practice of theirs, so that POST /demo meets one (409) instead of building one.
    const who = (await up.json()) as { user: { id: string }; practice: { id: string } };
    const actor = {
      userId: who.user.id,
      practiceId: who.practice.id,
      role: 'owner',
      via: 'session',
    } as const;
    await seedDemoNetwork(ctx.deps, actor);
    await createDemoPractice(ctx.deps, actor, 12);
    await switchDemo(ctx.deps, actor, false);
    // Real ids: every list answer, then the lists under a few contacts.
    for (const op of operationsOf(doc)) {
      if (op.method !== 'GET' || op.path.includes('{')) continue;
      const res = await send({ method: 'GET', url: `/api/v1${op.path}`, auth: 'bearer' });
      if (res.headers.get('content-type')?.includes('json'))
        harvest(pool, await res.json(), op.path.split('/')[1] ?? '');
    }
    for (const contact of (pool.get('contacts') ?? []).slice(0, 5))
      for (const list of ['asks', 'moments', 'interactions', 'commitments']) {
        const res = await send({
          method: 'GET',
          url: `/api/v1/contacts/${contact}/${list}`,
          auth: 'bearer',
        });
        if (res.status === 200) harvest(pool, await res.json(), list);
      }
    statuses.clear();
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    console.info(
      `fuzz ${target}: practice with demo data and ${allIds(pool).length} ids in ${seconds} s`,
    );
  }, 120_000); // demo data and sign-up on a busy PostgreSQL
  afterAll(() => ctx?.close());

  it(`every operation: edge values of each field, then ${runsPerOperation} generated requests (seed ${seed})`, {
    timeout: 900_000,
  }, async () => {
    const ops = operationsOf(doc);
    expect(ops.length).toBeGreaterThan(90);
    expect(allIds(pool).length).toBeGreaterThan(20);
    // Deletes last, so that the other operations meet the real rows first.
    const ordered = [
      ...ops.filter((o) => o.method !== 'DELETE'),
      ...ops.filter((o) => o.method === 'DELETE'),
    ];
    const failures: string[] = [];
    const started = performance.now();
    for (const [i, op] of ordered.entries()) {
      const opSeed = seed + i;
      const name = `${op.method} ${op.path} (seed ${opSeed})`;
      const opStarted = performance.now();
      try {
        const base = await baseFor(op, opSeed);
        // fast-check counts the examples within numRuns: they come first, then the generated.
        const examples = edgeRequests(doc, op, base).map((r): [FuzzRequest] => [r]);
        const result = await fc.check(
          fc.asyncProperty(requestArb(doc, op, pool, base), async (r) => {
            await probe(op, r);
          }),
          {
            seed: opSeed,
            numRuns: examples.length + runsPerOperation,
            examples,
            endOnFailure: true,
          },
        );
        const error = result.errorInstance;
        if (result.failed)
          failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      } catch (error) {
        failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
      }
      const ms = performance.now() - opStarted;
      if (ms > 2000) console.info(`fuzz ${target}: ${name} took ${(ms / 1000).toFixed(1)} s`);
    }
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const sent = [...statuses.values()].reduce((a, b) => a + b, 0);
    const byStatus = [...statuses].sort(([a], [b]) => a - b).map(([k, n]) => `${k}×${n}`);
    console.info(
      `fuzz ${target}: ${sent} requests, ${ops.length} operations, ${seconds} s: ${byStatus.join(' ')}`,
    );
    expect(failures).toEqual([]);
  });
});

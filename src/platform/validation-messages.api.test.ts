/**
 * What a 400 says about a field (issue 11 points 3 and 4). Driven by the API's own OpenAPI
 * document, so a new field is covered without an entry here: every JSON body field of every
 * operation, sent with the wrong type, is answered with what it must be ("must be text", "must
 * be a whole number from 1 to 20", "must be a list of …", "must be true or false", "must be one
 * of: …") — never "is required."; every required field left out is answered "is required.".
 * Numbers out of range are refused with the range named (never clamped), on both databases.
 */
import { describe, expect, it } from 'vitest';
import type { Problem } from '../platform/errors.ts';
import { ok } from '../test-support/api-expect.ts';
import {
  type JsonSchema,
  loadOpenApi,
  type OpenApiDocument,
  type Operation,
  operationsOf,
  resolve,
  typesOf,
} from '../test-support/openapi-testing.ts';
import { usePractices, useTestContext } from '../test-support/suite.ts';
import { type Caller, testTargets } from '../test-support/testing.ts';

// ---------------------------------------------------------------------------------------------
// The kind each documented field wants, and a value of another kind

/** 10,000 and up with separators, as the messages write them. */
const written = (n: number) => (Math.abs(n) >= 10_000 ? n.toLocaleString('en-US') : String(n));

/** The words a message must contain for this field, and a value of a wrong type for it. */
function wrongTypeFor(s: JsonSchema): { value: unknown; words: RegExp } | null {
  if (s.enum) return { value: 12_345, words: /must be one of: / };
  const alternatives = s.anyOf ?? s.oneOf;
  if (alternatives)
    return {
      value: { not: 'this' },
      words:
        /must be (text|an email address|a timestamp|a whole number|a number|one of|true or false|a list|"|empty text)/,
    };
  const type = typesOf(s).find((t) => t !== 'null');
  switch (type) {
    case 'string':
      return { value: 42, words: /must be (text|an email address|a timestamp)/ };
    case 'integer':
    case 'number': {
      const noun = type === 'integer' ? 'a whole number' : 'a number';
      const range =
        typeof s.minimum === 'number' && typeof s.maximum === 'number'
          ? ` from ${written(s.minimum)} to ${written(s.maximum)}`
          : '';
      return { value: '5', words: new RegExp(`must be ${noun}${range}, not the text "5"`) };
    }
    case 'boolean':
      return { value: 'yes', words: /must be true or false, not the text "yes"/ };
    case 'array':
      return { value: 'x', words: /must be a list( of .+)?, not the text "x"/ };
    case 'object':
      return { value: 'x', words: /must be an object/ };
    default:
      return null;
  }
}

type Field = { path: string[]; schema: JsonSchema; required: boolean };

/** Every property of a body (objects within objects too), whether its parent requires it. */
function fieldsOf(doc: OpenApiDocument, schema: JsonSchema, at: string[] = []): Field[] {
  const s = resolve(doc, schema);
  if (at.length > 3 || !s.properties) return [];
  return Object.entries(s.properties).flatMap(([name, prop]) => {
    const path = [...at, name];
    const resolved = resolve(doc, prop);
    return [
      { path, schema: resolved, required: (s.required ?? []).includes(name) },
      ...fieldsOf(doc, resolved, path),
    ];
  });
}

/** A body with `value` at `path` (undefined: left out), its parents made as objects. */
function bodyWith(path: string[], value: unknown): Record<string, unknown> {
  const [head, ...rest] = path as [string, ...string[]];
  if (rest.length === 0) return value === undefined ? {} : { [head]: value };
  return { [head]: bodyWith(rest, value) };
}

/** A path value that passes the parameter's schema, so that the body is what is judged. */
function pathValue(doc: OpenApiDocument, op: Operation, name: string): string {
  const p = op.parameters.find((x) => x.in === 'path' && x.name === name);
  const s = p ? resolve(doc, p.schema) : {};
  if (s.enum) return String(s.enum[0]);
  if (typeof s.minimum === 'number') return String(s.minimum);
  const candidates = [s.example, '019a8b2c-4d5e-7f00-8a1b-2c3d4e5f6a7b', 'respond:x:1'];
  const fits = (c: unknown): c is string =>
    typeof c === 'string' && (!s.pattern || new RegExp(s.pattern).test(c));
  return candidates.find(fits) ?? 'x';
}

function urlOf(doc: OpenApiDocument, op: Operation): string {
  return op.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(pathValue(doc, op, name)),
  );
}

async function problemOf(res: Response): Promise<Problem | null> {
  if (res.status !== 400) return null;
  return (await res.json()) as Problem;
}

const bodyOperations = (doc: OpenApiDocument) =>
  operationsOf(doc).filter((op) => op.body && op.method !== 'GET');

// ---------------------------------------------------------------------------------------------

describe('the message for each field sent wrong (OpenAPI-driven)', () => {
  const ctx = useTestContext('sqlite');
  const [a] = usePractices(ctx, ['Messages Practice']);

  /** The message naming `field` in the answer, or what came instead. */
  async function messageFor(who: Caller, op: Operation, url: string, body: unknown, field: string) {
    const res = await who.request(op.method, url, body);
    const status = res.status;
    const problem = await problemOf(res);
    const error = problem?.errors?.find((e) => e.field === field);
    return error?.message ?? `(no error for ${field}: ${status} ${JSON.stringify(problem)})`;
  }

  it('a wrong type says what the field must be, never "is required."', async () => {
    const doc = await loadOpenApi(ctx);
    const wrong: string[] = [];
    let checked = 0;
    for (const op of bodyOperations(doc)) {
      const url = urlOf(doc, op);
      for (const field of fieldsOf(doc, op.body ?? {})) {
        const bad = wrongTypeFor(field.schema);
        if (!bad) continue;
        const name = field.path.join('.');
        const message = await messageFor(a.session, op, url, bodyWith(field.path, bad.value), name);
        checked += 1;
        if (message === 'is required.' || !bad.words.test(message))
          wrong.push(`${op.method} ${op.path} ${name} = ${JSON.stringify(bad.value)}: ${message}`);
      }
    }
    expect(checked).toBeGreaterThan(150);
    expect(wrong).toEqual([]);
  });

  it('a required field left out "is required."', async () => {
    const doc = await loadOpenApi(ctx);
    const wrong: string[] = [];
    let checked = 0;
    for (const op of bodyOperations(doc)) {
      const url = urlOf(doc, op);
      for (const field of fieldsOf(doc, op.body ?? {})) {
        if (!field.required) continue;
        const name = field.path.join('.');
        const message = await messageFor(a.session, op, url, bodyWith(field.path, undefined), name);
        checked += 1;
        if (message !== 'is required.') wrong.push(`${op.method} ${op.path} ${name}: ${message}`);
      }
    }
    expect(checked).toBeGreaterThan(30);
    expect(wrong).toEqual([]);
  });

  it('a number in a query or path is described with its range', async () => {
    const doc = await loadOpenApi(ctx);
    const wrong: string[] = [];
    let checked = 0;
    for (const op of operationsOf(doc)) {
      for (const p of op.parameters) {
        const s = resolve(doc, p.schema);
        if (!typesOf(s).includes('integer') || p.in === 'header' || p.in === 'cookie') continue;
        const sent = 'abc';
        const path = op.path.replace(/\{(\w+)\}/g, (_, name: string) =>
          name === p.name ? sent : encodeURIComponent(pathValue(doc, op, name)),
        );
        const url = p.in === 'query' ? `${path}?${p.name}=${sent}` : path;
        const res = await a.session.request(op.method, url, op.method === 'GET' ? undefined : {});
        const message =
          (await problemOf(res))?.errors?.find((e) => e.field === p.name)?.message ?? '';
        checked += 1;
        const range = `from ${written(s.minimum ?? Number.NaN)} to ${written(s.maximum ?? Number.NaN)}`;
        if (message !== `must be a whole number ${range}, not "abc".`)
          wrong.push(`${op.method} ${op.path} ${p.in}:${p.name}: ${message}`);
      }
    }
    expect(checked).toBeGreaterThan(8);
    expect(wrong).toEqual([]);
  });

  it('the examples from the issue', async () => {
    const says = async (body: unknown) => {
      const res = await a.session.request('POST', '/contacts', body);
      expect(res.status).toBe(400);
      return (await res.json()) as Problem;
    };
    expect((await says({ name: 123 })).detail).toBe('name: must be text, not 123.');
    expect((await says({ name: 'Lee', roles: 'client' })).errors).toEqual([
      {
        field: 'roles',
        message:
          'must be a list of values from: client, former_client, prospect, colleague, partner, friend, not the text "client".',
      },
    ]);
    expect((await says({})).detail).toMatch(/^name: is required[.:]/);
    expect((await says({ name: null })).detail).toBe('name: must be text, not null.');
    const lee = await ok<{ id: string }>(a.session, 'POST', '/contacts', { name: 'Lee' });
    for (const [promisedCount, sent] of [
      ['5', 'the text "5"'],
      [2.5, '2.5'],
      [0, '0'],
    ] as const) {
      const res = await a.session.request('POST', `/contacts/${lee.id}/commitments`, {
        promisedCount,
      });
      const problem = (await problemOf(res)) as Problem;
      expect(problem.errors).toContainEqual({
        field: 'promisedCount',
        message: `must be a whole number from 1 to 20, not ${sent}.`,
      });
    }
  });
});

describe.each(testTargets)('numbers out of range are refused, never clamped (%s)', (target) => {
  const ctx = useTestContext(target);
  const [a] = usePractices(ctx, ['Range Practice']);

  async function refused(res: Response, field: string, message: string) {
    const text = await res.text();
    expect(res.status, text).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect((JSON.parse(text) as Problem).errors).toContainEqual({ field, message });
  }

  it('a goal of 0 clients is refused with the range; nothing is saved', async () => {
    await refused(
      await a.session.request('PUT', '/goals/2026', { targetClients: 0 }),
      'targetClients',
      'must be a whole number from 1 to 10,000, not 0.',
    );
    await refused(
      await a.session.request('PUT', '/goals/2026', { targetClients: 10_001 }),
      'targetClients',
      'must be a whole number from 1 to 10,000, not 10001.',
    );
    expect((await a.session.request('GET', '/goals/2026')).status).toBe(404);
  });

  it('a keep-in-touch cadence of −5 days is refused with the range; the contact keeps its own', async () => {
    await refused(
      await a.session.request('POST', '/contacts', { name: 'Ann', keepInTouchDays: -5 }),
      'keepInTouchDays',
      'must be a whole number from 1 to 730, not -5.',
    );
    const ann = await ok<{ id: string; keepInTouchDays: number | null }>(
      a.session,
      'POST',
      '/contacts',
      { name: 'Ann', keepInTouchDays: 30 },
    );
    await refused(
      await a.session.request('PATCH', `/contacts/${ann.id}`, { keepInTouchDays: -5 }),
      'keepInTouchDays',
      'must be a whole number from 1 to 730, not -5.',
    );
    const after = await ok<{ keepInTouchDays: number | null }>(
      a.session,
      'GET',
      `/contacts/${ann.id}`,
    );
    expect(after.keepInTouchDays).toBe(30);
  });

  it('the practice cadences and other settings name their range; nothing is changed', async () => {
    const before = await ok<{ values: Record<string, unknown> }>(
      a.session,
      'GET',
      '/practice/settings',
    );
    await refused(
      await a.session.request('PATCH', '/practice/settings', {
        keepInTouchTrustsDays: -5,
        askWindowDays: 3,
      }),
      'keepInTouchTrustsDays',
      'must be a whole number from 0 to 730, not -5.',
    );
    const after = await ok<{ values: Record<string, unknown> }>(
      a.session,
      'GET',
      '/practice/settings',
    );
    expect(after.values).toEqual(before.values);
  });

  it('other bounded inputs: a category target, a moment score, page sizes, items per kind', async () => {
    const lee = await ok<{ id: string }>(a.session, 'POST', '/contacts', { name: 'Lee' });
    await refused(
      await a.session.request('POST', `/contacts/${lee.id}/moments`, {
        kind: 'praise',
        score: 11,
      }),
      'score',
      'must be a whole number from 0 to 10, not 11.',
    );
    const dentists = await ok<{ id: string }>(a.session, 'POST', '/categories', {
      name: 'Dentists',
    });
    await refused(
      await a.session.request('PATCH', `/categories/${dentists.id}`, {
        name: 'Dentists',
        target: 0,
      }),
      'target',
      'must be a whole number from 1 to 100, not 0.',
    );
    await refused(
      await a.session.request('GET', '/contacts?limit=0'),
      'limit',
      'must be a whole number from 1 to 200, not "0".',
    );
    await refused(
      await a.session.request('GET', '/referrals?limit=201'),
      'limit',
      'must be a whole number from 1 to 200, not "201".',
    );
    await refused(
      await a.session.request('GET', '/agenda?perKind=0'),
      'perKind',
      'must be a whole number from 1 to 500, not "0".',
    );
  });
});

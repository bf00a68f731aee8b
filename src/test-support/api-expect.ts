/**
 * Assertions the API tests share: a call that must succeed, and a problem+json answer that must
 * name its fields. (Vitest-only; kept apart from testing.ts, which the benchmark also loads.)
 */
import { expect } from 'vitest';
import type { ErrorCode, Problem } from '../platform/errors.ts';
import type { Caller } from './testing.ts';

/** A successful call's body (fails the test with the answer otherwise). */
export async function ok<T>(who: Caller, method: string, url: string, body?: unknown): Promise<T> {
  const res = await who.json<T>(method, url, body);
  expect(res.status, `${method} ${url}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
  return res.body;
}

/** A problem+json answer with this status and code, naming each of `fields` with a message. */
export async function expectProblem(
  res: Response,
  status: number,
  code: ErrorCode,
  fields: readonly string[] = [],
): Promise<Problem> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = JSON.parse(text) as Problem;
  expect(body).toMatchObject({ type: expect.any(String), title: expect.any(String), status, code });
  expect(body.detail).toMatch(/\S/);
  for (const field of fields) {
    const error = body.errors?.find((e) => e.field === field);
    expect(error, `an error naming "${field}" in ${text}`).toBeDefined();
    expect(error?.message).toMatch(/\S/);
  }
  return body;
}

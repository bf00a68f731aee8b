import { expect } from 'vitest';
import type { ErrorCode, Problem } from '../platform/errors.ts';
import type { Caller } from '../platform/testing.ts';

/** A successful call's body (fails the test with the answer otherwise). */
export async function ok<T>(who: Caller, method: string, url: string, body?: unknown): Promise<T> {
  const res = await who.json<T>(method, url, body);
  expect(res.status, `${method} ${url}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
  return res.body;
}

/** A problem+json answer with this status and code, naming each field. */
export async function expectProblem(
  res: Response,
  status: number,
  code: ErrorCode,
  fields: string[] = [],
): Promise<Problem> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = JSON.parse(text) as Problem;
  expect(body).toMatchObject({ status, code });
  for (const field of fields)
    expect(
      body.errors?.map((e) => e.field),
      `"${field}" in ${text}`,
    ).toContain(field);
  return body;
}

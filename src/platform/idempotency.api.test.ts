/**
 * Idempotency-Key on POST (issue 9 §2), on both databases: a replay returns the first answer
 * and changes nothing; another request under the same key is a 422; concurrent first requests
 * run once; bad keys are a 400 naming the header; keys expire after a day.
 */
import { describe, expect, it } from 'vitest';
import { expectProblem, ok } from '../test-support/api-expect.ts';
import { usePractices, useTestContext } from '../test-support/suite.ts';
import { countRows, seedPractice, testTargets } from '../test-support/testing.ts';
import { fixedClock } from './clock.ts';
import type { ErrorCode } from './errors.ts';

type Json = Record<string, unknown> & { id: string };

describe.each(testTargets)('Idempotency-Key on %s', (target) => {
  const clock = fixedClock('2026-03-02T10:00:00.000Z');

  const post = (url: string, body: unknown, key: string, who = a?.bearer) =>
    who.request('POST', url, body, { 'idempotency-key': key });
  /** The answer kept for a replay under `key` (null where it must not be kept). */
  const keptAnswer = async (key: string) =>
    (
      await ctx.deps.db
        .selectFrom('idempotency_key')
        .select('response_body')
        .where('key', '=', key)
        .executeTakeFirstOrThrow()
    ).response_body;
  /** A POST under `key` refused with `status` and `code`, naming the header. */
  const refusedKey = async (status: number, code: ErrorCode, ...call: Parameters<typeof post>) =>
    expectProblem(await post(...call), status, code, ['Idempotency-Key']);

  const ctx = useTestContext(target, { clock });
  const [a] = usePractices(ctx, ['Keyed Practice']);

  it('a replay with the same key and body returns the first answer and changes nothing', async () => {
    const first = await post('/contacts', { name: 'Ada' }, 'create-ada-1');
    expect(first.status).toBe(201);
    const body = await first.text();
    const before = await countRows(ctx.deps);
    const again = await post('/contacts', { name: 'Ada' }, 'create-ada-1');
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(again.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await again.text()).toBe(body);
    expect(await countRows(ctx.deps)).toEqual(before);
    // The session and the API token are the same user: one key space.
    const viaSession = await post('/contacts', { name: 'Ada' }, 'create-ada-1', a.session);
    expect(await viaSession.text()).toBe(body);
  });

  it('the same key with another body or path is a 422 naming the header', async () => {
    await ok(a.bearer, 'POST', '/contacts', { name: 'Warm-up' });
    const first = await post('/contacts', { name: 'Bea' }, 'create-bea');
    expect(first.status).toBe(201);
    const before = await countRows(ctx.deps);
    await refusedKey(422, 'unprocessable', '/contacts', { name: 'Someone Else' }, 'create-bea');
    await refusedKey(422, 'unprocessable', '/categories', { name: 'Bea' }, 'create-bea');
    expect(await countRows(ctx.deps)).toEqual(before);
  });

  it('a key that is empty, too long or oddly written is a 400 naming the header', async () => {
    const before = await countRows(ctx.deps);
    for (const key of ['', 'x'.repeat(256), 'has space', 'ünïcode', 'semi;colon'])
      await refusedKey(400, 'validation', '/contacts', { name: 'Cy' }, key);
    expect(await countRows(ctx.deps)).toEqual(before);
  });

  it('ten concurrent first requests with one key create one contact', async () => {
    const before = await countRows(ctx.deps);
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => post('/contacts', { name: 'Dee' }, 'create-dee')),
    );
    const created = answers.filter((r) => r.status === 201);
    expect(created.length).toBeGreaterThanOrEqual(1);
    for (const res of answers.filter((r) => r.status !== 201)) {
      expect(res.headers.get('retry-after')).toBe('1');
      await expectProblem(res, 409, 'conflict', ['Idempotency-Key']);
    }
    const ids = new Set(await Promise.all(created.map(async (r) => ((await r.json()) as Json).id)));
    expect(ids.size).toBe(1);
    expect((await countRows(ctx.deps)).contact).toBe((before.contact ?? 0) + 1);
  });

  it('keys belong to a user: another practice may use the same key', async () => {
    const b = await seedPractice(ctx, 'Other Practice');
    const mine = await post('/contacts', { name: 'Eve' }, 'shared-key');
    const theirs = await post('/contacts', { name: 'Eve' }, 'shared-key', b.bearer);
    expect(mine.status).toBe(201);
    expect(theirs.status).toBe(201);
    expect(((await theirs.json()) as Json).id).not.toBe(((await mine.json()) as Json).id);
  });

  it('an error answer is replayed too; a key expires after a day', async () => {
    const bad = { name: 'Fay', stage: 'nonsense' };
    const first = await post('/contacts', bad, 'create-fay');
    expect(first.status).toBe(400);
    const again = await post('/contacts', bad, 'create-fay');
    expect(again.status).toBe(400);
    expect(again.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(await again.text()).toBe(await first.text());
    // A refusal thrown inside the service is an answer like any other.
    const missing = await post(
      '/contacts/01a00000-0000-7000-8000-000000000000/commitments',
      { promisedCount: 1 },
      'k-404',
    );
    expect(missing.status).toBe(404);
    const missingAgain = await post(
      '/contacts/01a00000-0000-7000-8000-000000000000/commitments',
      { promisedCount: 1 },
      'k-404',
    );
    expect(missingAgain.status).toBe(404);
    expect(missingAgain.headers.get('idempotent-replayed')).toBe('true');
    const ok1 = await post('/contacts', { name: 'Gus' }, 'create-gus');
    clock.set('2026-03-03T10:00:01.000Z');
    const later = await post('/contacts', { name: 'Gus' }, 'create-gus');
    expect(later.status).toBe(201);
    expect(later.headers.get('idempotent-replayed')).toBeNull();
    expect(((await later.json()) as Json).id).not.toBe(((await ok1.json()) as Json).id);
  });

  it('a claim whose request never answered (its server died) is freed after five minutes', async () => {
    clock.set('2026-03-05T10:00:00.000Z');
    const first = await post('/contacts', { name: 'Hal' }, 'create-hal');
    expect(first.status).toBe(201);
    // As if the server had died between running the request and keeping its answer.
    await ctx.deps.db
      .updateTable('idempotency_key')
      .set({ status: null, response_body: null })
      .where('key', '=', 'create-hal')
      .execute();
    await refusedKey(409, 'conflict', '/contacts', { name: 'Hal' }, 'create-hal');
    clock.set('2026-03-05T10:05:01.000Z');
    const retried = await post('/contacts', { name: 'Hal' }, 'create-hal');
    expect(retried.status).toBe(201);
    expect(retried.headers.get('idempotent-replayed')).toBeNull();
  });

  it('a new API token is never kept: its replay is a 409, and no second token is made', async () => {
    const first = await post('/tokens', { name: 'ci' }, 'token-ci');
    expect(first.status).toBe(201);
    expect(await keptAnswer('token-ci')).toBeNull();
    const before = await countRows(ctx.deps);
    await refusedKey(409, 'conflict', '/tokens', { name: 'ci' }, 'token-ci');
    expect(await countRows(ctx.deps)).toEqual(before);
  });

  it('a 204 answer is replayed as a 204 without a body', async () => {
    const lee = await ok<Json>(a.bearer, 'POST', '/contacts', { name: 'Lee Sender' });
    await ok(a.bearer, 'POST', '/referrals', {
      referred: { name: 'Pat Waiting' },
      referrer: { contactId: lee.id },
      channel: 'phone',
    });
    const agenda = await ok<{ items: { key: string }[] }>(a.bearer, 'GET', '/agenda');
    const key = encodeURIComponent(agenda.items[0]?.key ?? '');
    const dismiss = () =>
      post(`/agenda/${key}/dismiss`, { reason: 'Handled by phone' }, 'dismiss-first');
    const first = await dismiss();
    expect(first.status, await first.clone().text()).toBe(204);
    const again = await dismiss();
    expect(again.status).toBe(204);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(await again.text()).toBe('');
  });

  it("a rotated calendar feed's new address is never kept", async () => {
    const feed = await ok<Json>(a.bearer, 'POST', '/calendar-feeds', {});
    const first = await post(`/calendar-feeds/${feed.id}/rotate`, {}, 'rotate-phone');
    expect(first.status).toBe(200);
    expect(await keptAnswer('rotate-phone')).toBeNull();
  });

  it('keeps the request only as a keyed digest: a password in the body cannot be guessed at', async () => {
    const body = { currentPassword: 'correct horse battery', newPassword: 'x' };
    await post('/auth/password', body, 'pw-digest', a.session);
    const row = await ctx.deps.db
      .selectFrom('idempotency_key')
      .select('request_hash')
      .where('key', '=', 'pw-digest')
      .executeTakeFirstOrThrow();
    const { createHash } = await import('node:crypto');
    const plain = createHash('sha256')
      .update(`POST /api/v1/auth/password\n${JSON.stringify(body)}`)
      .digest('hex');
    expect(row.request_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row.request_hash).not.toBe(plain);
  });

  it('expired answers go for every practice, not only the one that posts next', async () => {
    const quiet = await seedPractice(ctx, 'Quiet Practice');
    clock.set('2026-03-10T10:00:00.000Z');
    await post('/contacts', { name: 'Quinn' }, 'quiet-1', quiet.bearer);
    clock.set('2026-03-12T10:00:00.000Z');
    await post('/contacts', { name: 'Noor' }, 'busy-1');
    const left = await ctx.deps.db
      .selectFrom('idempotency_key')
      .select('key')
      .where('practice_id', '=', quiet.practiceId)
      .execute();
    expect(left).toEqual([]);
    clock.set('2026-03-02T10:00:00.000Z');
  });

  it('an erasure forgets the kept answers (they may name the person); a replay is then a 409', async () => {
    const zed = await post('/contacts', { name: 'Zed Erased' }, 'create-zed');
    const { id } = (await zed.json()) as Json;
    await ok(a.bearer, 'DELETE', `/contacts/${id}`);
    const kept = await ctx.deps.db
      .selectFrom('idempotency_key')
      .select('response_body')
      .where('practice_id', '=', a.practiceId)
      .where('response_body', 'is not', null)
      .execute();
    expect(kept).toEqual([]);
    const before = await countRows(ctx.deps);
    await refusedKey(409, 'conflict', '/contacts', { name: 'Zed Erased' }, 'create-zed');
    expect(await countRows(ctx.deps)).toEqual(before);
  });

  it('the OpenAPI document describes the header on signed-in POSTs', async () => {
    const doc = (await (await a.bearer.request('GET', '/openapi.json')).json()) as {
      components: { parameters: Record<string, { name: string; in: string }> };
      paths: Record<string, Record<string, { parameters?: { $ref?: string }[] }>>;
    };
    expect(doc.components.parameters.IdempotencyKey).toMatchObject({
      name: 'Idempotency-Key',
      in: 'header',
    });
    const ref = { $ref: '#/components/parameters/IdempotencyKey' };
    expect(doc.paths['/contacts']?.post?.parameters).toContainEqual(ref);
    expect(doc.paths['/contacts/{id}/commitments']?.post?.parameters).toContainEqual(ref);
    expect(doc.paths['/messages']?.post?.parameters).toContainEqual(ref);
  });
});

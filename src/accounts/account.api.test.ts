import { describe, expect, it } from 'vitest';
import { useTestContext } from '../test-support/suite.ts';
import { caller, cookieFrom, createTestContext, testTargets } from '../test-support/testing.ts';

type Session = {
  user: { id: string; email: string };
  practice: { id: string; name: string; isSetUp: boolean };
  role: string;
};

describe.each(testTargets)('accounts on %s', (target) => {
  const email = 'jane@example.com';
  const password = 'a long enough pass';

  const ctx = useTestContext(target);

  it('signs up: creates the practice and its owner, and signs in with a session cookie', async () => {
    const res = await caller(ctx).request('POST', '/auth/sign-up', {
      practiceName: 'Clear Path Coaching',
      name: 'Jane Morgan',
      email,
      password,
    });
    expect(res.status).toBe(201);
    const body = (await res.json()) as Session;
    expect(body.role).toBe('owner');
    expect(body.practice).toMatchObject({ name: 'Clear Path Coaching', isSetUp: false });
    const cookie = cookieFrom(res);
    expect(cookie).toMatch(/vouch\.session_token=/);
    const me = await caller(ctx, { cookie }).json<Session>('GET', '/me');
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe(email);
  });

  it('stores the password as an argon2id hash, never in clear', async () => {
    const row = await ctx.deps.db
      .selectFrom('auth_account')
      .select('password')
      .where('provider_id', '=', 'credential')
      .executeTakeFirstOrThrow();
    expect(row.password).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row.password).not.toContain(password);
  });

  it('signs in with the right password, refuses a wrong one with 401', async () => {
    const wrong = await caller(ctx).json<{ code: string }>('POST', '/auth/sign-in', {
      email,
      password: 'not the password',
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.code).toBe('unauthenticated');
    const right = await caller(ctx).request('POST', '/auth/sign-in', {
      email: 'JANE@example.com',
      password,
    });
    expect(right.status).toBe(200);
    expect(cookieFrom(right)).toMatch(/vouch\.session_token=/);
  });

  it('records sign-ins in the audit log', async () => {
    const rows = await ctx.deps.db
      .selectFrom('audit_log')
      .select('action')
      .where('action', '=', 'account.signed_in')
      .execute();
    expect(rows.length).toBeGreaterThanOrEqual(1);
  });

  it('keeps the session across a restart, and ends it on sign-out', async () => {
    const res = await caller(ctx).request('POST', '/auth/sign-in', { email, password });
    const cookie = cookieFrom(res);
    await ctx.restart();
    const me = await caller(ctx, { cookie }).request('GET', '/me');
    expect(me.status).toBe(200);
    const out = await caller(ctx, { cookie }).request('POST', '/auth/sign-out');
    expect(out.status).toBe(204);
    expect((await caller(ctx, { cookie }).request('GET', '/me')).status).toBe(401);
  });

  it('creates an API token shown once, lists it without the secret, and revokes it', async () => {
    const res = await caller(ctx).request('POST', '/auth/sign-in', { email, password });
    const session = caller(ctx, { cookie: cookieFrom(res) });
    const created = await session.json<{ id: string; token: string; prefix: string }>(
      'POST',
      '/tokens',
      { name: 'Zapier' },
    );
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^vch_/);
    expect(created.body.token.startsWith(created.body.prefix)).toBe(true);
    const bearer = caller(ctx, { token: created.body.token });
    const me = await bearer.json<Session>('GET', '/me');
    expect(me.body.user.email).toBe(email);
    const list = await session.json<{ items: Record<string, unknown>[] }>('GET', '/tokens');
    expect(list.body.items).toHaveLength(1);
    expect(JSON.stringify(list.body)).not.toContain(created.body.token);
    expect(list.body.items[0]?.lastUsedAt).not.toBeNull();
    const stored = await ctx.deps.db
      .selectFrom('api_token')
      .select('token_hash')
      .executeTakeFirstOrThrow();
    expect(stored.token_hash).not.toContain(created.body.token);
    expect((await session.request('DELETE', `/tokens/${created.body.id}`)).status).toBe(204);
    expect((await bearer.request('GET', '/me')).status).toBe(401);
  });

  it('adds a member with the CLI use case, who sees the same practice as a member', async () => {
    const { createUser } = await import('./account.service.ts');
    const owner = await caller(ctx).json<Session>('POST', '/auth/sign-in', { email, password });
    await createUser(ctx.deps, {
      name: 'Sam Member',
      email: 'sam@example.com',
      password: 'member password',
      practiceId: owner.body.practice.id,
      role: 'member',
    });
    const res = await caller(ctx).request('POST', '/auth/sign-in', {
      email: 'sam@example.com',
      password: 'member password',
    });
    const me = await caller(ctx, { cookie: cookieFrom(res) }).json<Session>('GET', '/me');
    expect(me.body.role).toBe('member');
    expect(me.body.practice.id).toBe(owner.body.practice.id);
    const members = await caller(ctx, { cookie: cookieFrom(res) }).json<{
      items: { email: string; role: string }[];
    }>('GET', '/members');
    expect(members.body.items.map((m) => [m.email, m.role])).toEqual([
      ['jane@example.com', 'owner'],
      ['sam@example.com', 'member'],
    ]);
  });
});

describe('sign-in rate limit', () => {
  it('answers 429 problem+json after too many attempts from one address', async () => {
    const ctx = await createTestContext('sqlite', { rateLimit: true });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        const res = await caller(ctx).request('POST', '/auth/sign-in', {
          email: 'x@example.com',
          password: 'wrong password',
        });
        statuses.push(res.status);
        if (res.status === 429)
          expect(res.headers.get('content-type')).toBe('application/problem+json');
      }
      expect(statuses).toContain(429);
      expect(statuses[0]).toBe(401);
    } finally {
      await ctx.close();
    }
  });
});

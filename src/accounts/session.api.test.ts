import { describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { dayMs as day } from '../platform/calendar.ts';
import { fixedClock } from '../platform/clock.ts';
import { openDeps } from '../platform/deps.ts';
import { AppError } from '../platform/errors.ts';
import { expectProblem } from '../test-support/api-expect.ts';
import { useTestContext } from '../test-support/suite.ts';
import {
  caller,
  cookieFrom,
  seedPractice,
  type TestContext,
  testTargets,
} from '../test-support/testing.ts';
import { signIn } from './account.service.ts';

const password = 'correct horse battery';

async function auditActions(ctx: TestContext, userId: string): Promise<string[]> {
  const rows = await ctx.deps.db
    .selectFrom('audit_log')
    .select(['action', 'detail'])
    .where('user_id', '=', userId)
    .orderBy('id')
    .execute();
  return rows.map((r) => r.action);
}

async function emailOf(ctx: TestContext, userId: string): Promise<string> {
  const row = await ctx.deps.db
    .selectFrom('auth_user')
    .select('email')
    .where('id', '=', userId)
    .executeTakeFirstOrThrow();
  return row.email;
}

describe.each(testTargets)('sessions on %s', (target) => {
  const clock = fixedClock(new Date());

  const ctx = useTestContext(target, { clock });

  it('ends a session after its absolute lifetime, however actively it is used', async () => {
    clock.set(new Date());
    const a = await seedPractice(ctx, 'Lifetime');
    expect(ctx.deps.config.session).toEqual({ idleDays: 7, maxDays: 30 });
    clock.set(new Date(Date.now() + 29 * day));
    expect((await a.session.request('GET', '/me')).status).toBe(200);
    clock.set(new Date(Date.now() + 30 * day + 60_000));
    await expectProblem(await a.session.request('GET', '/me'), 401, 'unauthenticated');
    const left = await ctx.deps.db
      .selectFrom('auth_session')
      .select('id')
      .where('user_id', '=', a.userId)
      .execute();
    expect(left).toEqual([]);
    // API tokens are not sessions: they stay until revoked.
    expect((await a.bearer.request('GET', '/me')).status).toBe(200);
    clock.set(new Date());
  });

  it('signs out everywhere: every session of the user ends, API tokens stay', async () => {
    const a = await seedPractice(ctx, 'Everywhere');
    const email = await emailOf(ctx, a.userId);
    const other = caller(ctx, {
      cookie: cookieFrom(await caller(ctx).request('POST', '/auth/sign-in', { email, password })),
    });
    expect((await other.request('GET', '/me')).status).toBe(200);
    const res = await a.session.request('POST', '/auth/sign-out-everywhere');
    expect(res.status).toBe(204);
    expect(res.headers.getSetCookie().join(';')).toMatch(/vouch\.session_token=;/);
    expect((await a.session.request('GET', '/me')).status).toBe(401);
    expect((await other.request('GET', '/me')).status).toBe(401);
    expect((await a.bearer.request('GET', '/me')).status).toBe(200);
    expect(await auditActions(ctx, a.userId)).toContain('account.sessions_revoked');
  });

  it('changes the password with the current one, ending the other sessions only', async () => {
    const a = await seedPractice(ctx, 'Password');
    const email = await emailOf(ctx, a.userId);
    const other = caller(ctx, {
      cookie: cookieFrom(await caller(ctx).request('POST', '/auth/sign-in', { email, password })),
    });
    const wrong = await a.session.request('POST', '/auth/password', {
      currentPassword: 'not my password',
      newPassword: 'a brand new passphrase',
    });
    await expectProblem(wrong, 400, 'validation', ['currentPassword']);
    const weak = await a.session.request('POST', '/auth/password', {
      currentPassword: password,
      newPassword: 'password1',
    });
    await expectProblem(weak, 400, 'validation', ['newPassword']);
    expect((await other.request('GET', '/me')).status).toBe(200);

    const changed = await a.session.request('POST', '/auth/password', {
      currentPassword: password,
      newPassword: 'a brand new passphrase',
    });
    expect(changed.status).toBe(204);
    expect((await a.session.request('GET', '/me')).status).toBe(200);
    expect((await other.request('GET', '/me')).status).toBe(401);
    const old = await caller(ctx).request('POST', '/auth/sign-in', { email, password });
    expect(old.status).toBe(401);
    const fresh = await caller(ctx).request('POST', '/auth/sign-in', {
      email,
      password: 'a brand new passphrase',
    });
    expect(fresh.status).toBe(200);
    const actions = await auditActions(ctx, a.userId);
    expect(actions).toContain('account.password_changed');
    expect(actions).toContain('account.sign_in_failed');
  });

  it('asks for a caller and names bad fields on the new routes', async () => {
    const anonymous = caller(ctx);
    await expectProblem(
      await anonymous.request('POST', '/auth/sign-out-everywhere'),
      401,
      'unauthenticated',
    );
    await expectProblem(
      await anonymous.request('POST', '/auth/password', {
        currentPassword: password,
        newPassword: 'a brand new passphrase',
      }),
      401,
      'unauthenticated',
    );
    const a = await seedPractice(ctx, 'Fields');
    await expectProblem(
      await a.session.request('POST', '/auth/password', { newPassword: 'short', extra: 1 }),
      400,
      'validation',
      ['currentPassword', 'newPassword', 'extra'],
    );
  });

  it('audits sign-out and failed sign-ins with ids only', async () => {
    const a = await seedPractice(ctx, 'Audited');
    const email = await emailOf(ctx, a.userId);
    await caller(ctx).request('POST', '/auth/sign-in', { email, password: 'wrong password!' });
    expect((await a.session.request('POST', '/auth/sign-out')).status).toBe(204);
    const rows = await ctx.deps.db
      .selectFrom('audit_log')
      .select(['action', 'detail', 'practice_id'])
      .where('user_id', '=', a.userId)
      .execute();
    const actions = rows.map((r) => r.action);
    expect(actions).toContain('account.sign_in_failed');
    expect(actions).toContain('account.signed_out');
    expect(rows.every((r) => r.practice_id === a.practiceId)).toBe(true);
    expect(JSON.stringify(rows)).not.toContain(email);
  });
});

describe.each(testTargets)('sign-up and passwords on %s', (target) => {
  const ctx = useTestContext(target);

  const signUp = (email: string, pw: string, name = 'Jane Morgan') =>
    caller(ctx).request('POST', '/auth/sign-up', {
      practiceName: 'Clear Path',
      name,
      email,
      password: pw,
    });

  it('refuses common passwords and the email, saying why', async () => {
    for (const weak of ['password', '12345678', 'qwertyuiop', 'iloveyou1']) {
      const problem = await expectProblem(
        await signUp('new@example.com', weak),
        400,
        'validation',
        ['password'],
      );
      expect(problem.errors?.[0]?.message).toMatch(/common or too easy to guess/);
    }
    const own = await expectProblem(
      await signUp('jane.morgan@example.com', 'jane.morgan@example.com'),
      400,
      'validation',
      ['password'],
    );
    expect(own.errors?.[0]?.message).toMatch(/email address/);
    await expectProblem(
      await signUp('jane.morgan@example.com', 'jane.morgan!!'),
      400,
      'validation',
      ['password'],
    );
    const { createUser } = await import('./account.service.ts');
    await expect(
      createUser(ctx.deps, {
        name: 'Cli User',
        email: 'cli@example.com',
        password: 'password123',
        practiceName: 'Cli Practice',
      }),
    ).rejects.toMatchObject({ code: 'validation', errors: [{ field: 'password' }] });
  });

  it('never tells whether an email already has an account', async () => {
    const first = await signUp('taken@example.com', 'first long passphrase');
    expect(first.status).toBe(201);
    const firstBody = (await first.json()) as { user: { id: string } };

    const wrongPassword = await signUp('taken@example.com', 'another long passphrase');
    const problem = await expectProblem(wrongPassword, 422, 'unprocessable');
    expect(problem.detail).not.toMatch(/exist/i);
    expect(problem.errors).toBeUndefined();

    // The account's own password signs in to it: the same 201 and shape as a new account.
    const again = await signUp('TAKEN@example.com', 'first long passphrase', 'Someone Else');
    expect(again.status).toBe(201);
    const body = (await again.json()) as { user: { id: string }; practice: { id: string } };
    expect(body.user.id).toBe(firstBody.user.id);
    expect(cookieFrom(again)).toMatch(/vouch\.session_token=/);
    const users = await ctx.deps.db
      .selectFrom('auth_user')
      .select('id')
      .where('email', '=', 'taken@example.com')
      .execute();
    expect(users).toHaveLength(1);
  });
});

describe.each(testTargets)('sign-in throttling on %s', (target) => {
  const clock = fixedClock(new Date());

  const ctx = useTestContext(target, { clock, rateLimit: true });

  /** One sign-in attempt from its own address: the answer's status and message. */
  async function attempt(email: string, pw: string, n: number) {
    try {
      await signIn(ctx.deps, { email, password: pw }, `203.0.113.${n}`);
      return { status: 200, detail: '', retryAfter: undefined as number | undefined };
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      return { status: error.status, detail: error.message, retryAfter: error.retryAfterSeconds };
    }
  }

  it('locks one account after five failures from thirty addresses, known or unknown alike', async () => {
    const a = await seedPractice(ctx, 'Throttled');
    const email = await emailOf(ctx, a.userId);
    const known: Awaited<ReturnType<typeof attempt>>[] = [];
    const unknown: Awaited<ReturnType<typeof attempt>>[] = [];
    for (let n = 1; n <= 30; n++) {
      known.push(await attempt(email, `wrong guess ${n}`, n));
      unknown.push(await attempt('nobody@example.com', `wrong guess ${n}`, n + 100));
    }
    expect(known.map((r) => r.status)).toEqual([...Array(5).fill(401), ...Array(25).fill(429)]);
    expect(unknown.map((r) => r.status)).toEqual(known.map((r) => r.status));
    expect(unknown[29]?.detail).toBe(known[29]?.detail);
    expect(known[29]?.retryAfter).toBeGreaterThan(0);
    // Locked: even the right password waits; the HTTP answer is 429 with Retry-After.
    expect((await attempt(email, password, 99)).status).toBe(429);
    const res = await caller(ctx).request('POST', '/auth/sign-in', { email, password });
    await expectProblem(res, 429, 'rate_limited');
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(60);

    clock.set(new Date(clock.now().getTime() + 16 * 60_000));
    expect((await attempt(email, password, 200)).status).toBe(200);
    // A success also drops counters older than the longest window (here, the unknown email's).
    clock.set(new Date(clock.now().getTime() + 2 * 60 * 60_000));
    expect((await attempt(email, password, 201)).status).toBe(200);
    const rows = await ctx.deps.db
      .selectFrom('auth_throttle')
      .select(['key', 'window_started_at'])
      .execute();
    const fresh = new Date(clock.now().getTime() - 60 * 60_000).toISOString();
    expect(rows.filter((r) => r.window_started_at < fresh)).toEqual([]);
    // The counters keep digests, never an email somebody tried.
    expect(rows.filter((r) => r.key.includes('@'))).toEqual([]);
    clock.set(new Date());
  });

  it('sweeps ended counters when a new one starts, so guesses at many emails do not pile up', async () => {
    for (let n = 1; n <= 20; n++) await attempt(`guess${n}@example.com`, 'wrong guess', 160 + n);
    // better-auth's per-address counters use the system clock: plant one last used 2 h ago.
    await ctx.deps.db
      .insertInto('auth_rate_limit')
      .values({
        id: 'old-counter',
        key: '192.0.2.9/sign-in/email',
        count: 3,
        last_request: Date.now() - 2 * 60 * 60_000,
      })
      .execute();
    clock.set(new Date(clock.now().getTime() + 2 * 60 * 60_000));
    await attempt('later@example.com', 'wrong guess', 190);
    const rows = await ctx.deps.db
      .selectFrom('auth_throttle')
      .select('window_started_at')
      .execute();
    const fresh = new Date(clock.now().getTime() - 60 * 60_000).toISOString();
    expect(rows.filter((r) => r.window_started_at < fresh)).toEqual([]);
    const left = await ctx.deps.db.selectFrom('auth_rate_limit').select('id').execute();
    expect(left.map((r) => r.id)).not.toContain('old-counter');
    clock.set(new Date());
  });

  it('shares the counts between two servers on one database', async () => {
    const second = await openDeps(ctx.deps.config, { clock, rateLimit: true, migrate: false });
    try {
      const apps = [ctx.app, createApp(second)];
      const a = await seedPractice(ctx, 'Shared');
      const email = await emailOf(ctx, a.userId);
      // Per account: five failures in all, spread over both servers, lock it on both.
      const statuses: number[] = [];
      for (let n = 0; n < 6; n++) {
        const deps = n % 2 === 0 ? ctx.deps : second;
        try {
          await signIn(deps, { email, password: 'wrong guess' }, `198.51.100.${n}`);
          statuses.push(200);
        } catch (error) {
          statuses.push(error instanceof AppError ? error.status : 500);
        }
      }
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
      // Per address (better-auth's limit, in the database): alternate servers, one address.
      const perAddress: number[] = [];
      for (let n = 0; n < 6; n++) {
        const app = apps[n % 2];
        const res = await app?.request('/api/v1/auth/sign-in', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email: `guess${n}@example.com`, password: 'wrong guess' }),
        });
        perAddress.push(res?.status ?? 0);
      }
      expect(perAddress.slice(0, 3)).toEqual([401, 401, 401]);
      expect(perAddress.slice(3)).toContain(429);
      // Kept in the database (an in-process store would be shared here too, but not between hosts).
      const counters = await second.db.selectFrom('auth_rate_limit').select('key').execute();
      expect(counters.length).toBeGreaterThan(0);
    } finally {
      await second.close();
    }
  });
});

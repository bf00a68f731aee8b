/**
 * Test support: a fresh real database per test file (SQLite file, or a new PostgreSQL
 * database when DATABASE_URL_TEST is set), the app in-process, and fixtures built through
 * the public API and services — never raw inserts that skip the rules.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createUser } from '../accounts/account.service.ts';
import { createApp } from '../app.ts';
import { erasedTables } from '../contacts/erasure.service.ts';
import { type Clock, systemClock } from '../platform/clock.ts';
import { loadConfig } from '../platform/config.ts';
import { type Deps, openDeps } from '../platform/deps.ts';

export type TestTarget = 'sqlite' | 'postgres';

/** SQLite always; PostgreSQL too when DATABASE_URL_TEST points at a server. */
export const testTargets: TestTarget[] = process.env.DATABASE_URL_TEST
  ? ['sqlite', 'postgres']
  : ['sqlite'];

export type TestContext = {
  deps: Deps;
  app: ReturnType<typeof createApp>;
  target: TestTarget;
  /** A second app on the same database, as after a restart. */
  restart: () => Promise<TestContext>;
  close: () => Promise<void>;
};

/**
 * A fresh PostgreSQL database on the server of `adminUrl` (for a test file, or the benchmark),
 * and how to drop it.
 */
export async function createPostgresDatabase(
  adminUrl: string,
  prefix = 'vouch_test',
): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

/** The secret every test server and CLI child process shares. */
const testSecret = 'test-secret-test-secret-test-secret-0123';

/**
 * The environment that points a `vouch …` child process at this test's database (with PATH and
 * HOME, and nothing else of the test runner's own environment).
 */
export function cliEnv(ctx: TestContext): NodeJS.ProcessEnv {
  const db = ctx.deps.config.database;
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    VOUCH_DATA_DIR: ctx.deps.config.dataDir,
    DATABASE_URL: db.dialect === 'sqlite' ? `file:${db.file}` : db.url,
    VOUCH_SECRET: testSecret,
    VOUCH_LOG: 'silent',
  };
}

export async function createTestContext(
  target: TestTarget,
  options: { clock?: Clock; rateLimit?: boolean; env?: Record<string, string> } = {},
): Promise<TestContext> {
  const dir = mkdtempSync(path.join(tmpdir(), 'vouch-test-'));
  const pgDb =
    target === 'postgres'
      ? await createPostgresDatabase(process.env.DATABASE_URL_TEST ?? '')
      : null;
  const env = {
    VOUCH_DATA_DIR: dir,
    VOUCH_SECRET: testSecret,
    VOUCH_LOG: 'silent',
    DATABASE_URL: pgDb ? pgDb.url : `file:${path.join(dir, 'vouch.db')}`,
    ...options.env,
  };
  const open = async (): Promise<TestContext> => {
    const deps = await openDeps(loadConfig(env), {
      clock: options.clock ?? systemClock,
      rateLimit: options.rateLimit ?? false,
    });
    const ctx: TestContext = {
      deps,
      app: createApp(deps),
      target,
      restart: async () => {
        await deps.close();
        return open();
      },
      close: async () => {
        await deps.close();
        await pgDb?.drop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
    return ctx;
  };
  return open();
}

export type Caller = {
  /** Sends a request as this caller; `body` is sent as JSON unless it is a string. */
  request: (
    method: string,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) => Promise<Response>;
  json: <T = Record<string, unknown>>(
    method: string,
    url: string,
    body?: unknown,
  ) => Promise<{ status: number; body: T }>;
};

export function caller(ctx: TestContext, auth: { cookie?: string; token?: string } = {}): Caller {
  const request = (
    method: string,
    url: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const h: Record<string, string> = { ...headers };
    if (auth.cookie) h.cookie = auth.cookie;
    if (auth.token) h.authorization = `Bearer ${auth.token}`;
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === 'string' ? body : JSON.stringify(body);
      h['content-type'] ??= 'application/json';
    }
    return Promise.resolve(ctx.app.request(`/api/v1${url}`, { method, headers: h, body: payload }));
  };
  return {
    request,
    json: async <T>(method: string, url: string, body?: unknown) => {
      const res = await request(method, url, body);
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
    },
  };
}

/** The cookie header a browser would send back after this response. */
export function cookieFrom(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');
}

export type SeededPractice = {
  practiceId: string;
  userId: string;
  email: string;
  cookie: string;
  token: string;
  session: Caller;
  bearer: Caller;
};

let seq = 0;

/** Signs up a practice through the API and creates an API token for it. */
export async function seedPractice(ctx: TestContext, name = 'Practice'): Promise<SeededPractice> {
  seq += 1;
  const email = `owner${seq}.${randomBytes(3).toString('hex')}@example.com`;
  const res = await caller(ctx).request('POST', '/auth/sign-up', {
    practiceName: name,
    name: `${name} Owner`,
    email,
    password: 'correct horse battery',
  });
  if (res.status !== 201) throw new Error(`sign-up failed: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { user: { id: string }; practice: { id: string } };
  const cookie = cookieFrom(res);
  const session = caller(ctx, { cookie });
  const created = await session.json<{ token: string }>('POST', '/tokens', { name: 'tests' });
  return {
    practiceId: body.practice.id,
    userId: body.user.id,
    email,
    cookie,
    token: created.body.token,
    session,
    bearer: caller(ctx, { token: created.body.token }),
  };
}

/** Adds a member to a practice through the use case the CLI calls, and signs them in. */
export async function seedMember(
  ctx: TestContext,
  practiceId: string,
  name = 'Member',
): Promise<{ email: string; userId: string; session: Caller }> {
  seq += 1;
  const email = `member${seq}.${randomBytes(3).toString('hex')}@example.com`;
  const password = 'a long member password';
  const { userId } = await createUser(ctx.deps, {
    name,
    email,
    password,
    practiceId,
    role: 'member',
  });
  const res = await caller(ctx).request('POST', '/auth/sign-in', { email, password });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  return { email, userId, session: caller(ctx, { cookie: cookieFrom(res) }) };
}

/** Row counts of every practice-data table: a failed write must leave them unchanged. */
export async function countRows(deps: Deps): Promise<Record<string, number>> {
  // The audit log is left out: reads are audited too (an export), so it does not measure writes.
  const tables = [
    'auth_user',
    'auth_session',
    'practice',
    'practice_member',
    'api_token',
    'category',
    'circle',
    'letter_template',
    'smtp_settings',
    'goal',
    'celebration',
    'celebration_seen',
    'survey',
    'calendar_feed',
    'invitation',
    'agenda_undo',
    'import_batch',
    'import_chunk',
    'import_problem',
    'webhook_endpoint',
    'webhook_event',
    'webhook_delivery',
    ...erasedTables.filter((table) => table !== 'audit_log'),
  ] as const;
  const out: Record<string, number> = {};
  for (const table of tables) {
    const row = await deps.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<string | number>().as('n'))
      .executeTakeFirstOrThrow();
    out[table] = Number(row.n);
  }
  return out;
}

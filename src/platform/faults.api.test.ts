/**
 * Working under faults (issue 9 §7): a database held by another process, a full disk, PostgreSQL's
 * timeouts, and a too-large body, each against the real thing.
 */
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import net from 'node:net';
import { serve } from '@hono/node-server';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { expectProblem, ok } from '../test-support/api-expect.ts';
import { usePractices, useTestContext } from '../test-support/suite.ts';
import {
  caller,
  countRows,
  createTestContext,
  type TestContext,
  type TestTarget,
  testTargets,
} from '../test-support/testing.ts';
import { openDatabase } from './db.ts';
import { databaseFault, databaseFaultError, foreignKeyError } from './errors.ts';

// The bounded wait in these tests; a read must not wait for it at all.
const waitMs = 1000;

type Token = { id: string; lastUsedAt: string | null };

/** Another process holding the write lock (SQLite), or locks on contacts, sessions and tokens. */
async function holdLocks(ctx: TestContext): Promise<() => Promise<void>> {
  const target = ctx.deps.config.database;
  if (target.dialect === 'sqlite') {
    const other = new SqliteDatabase(target.file);
    other.exec('begin immediate');
    return async () => {
      other.exec('rollback');
      other.close();
    };
  }
  const other = new pg.Client({ connectionString: target.url });
  await other.connect();
  await other.query('begin');
  await other.query('lock table contact, auth_session in share mode');
  await other.query('select id from api_token for update');
  return async () => {
    await other.query('rollback');
    await other.end();
  };
}

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const start = performance.now();
  const result = await work();
  return { result, ms: performance.now() - start };
}

describe.each(testTargets)('a database held by another process, on %s', (target: TestTarget) => {
  const ctx = useTestContext(target, {
    env: { VOUCH_DB_BUSY_MS: String(waitMs), VOUCH_PG_LOCK_TIMEOUT_MS: String(waitMs) },
  });
  const [p] = usePractices(ctx, ['Practice']);
  afterEach(() => vi.restoreAllMocks());

  it('keeps answering reads through a token at once, and a write gets 503 with Retry-After within the bounded wait', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const before = await countRows(ctx.deps);
    const release = await holdLocks(ctx);
    try {
      // The token has never been used, so this read is due to record its last use.
      const read = await timed(() => p.bearer.request('GET', '/contacts'));
      expect(read.result.status).toBe(200);
      expect(read.ms).toBeLessThan(waitMs);
      expect((await p.session.request('GET', '/contacts')).status).toBe(200);
      // Signing in writes a session: it cannot proceed either, and says so.
      const signIn = await caller(ctx).request('POST', '/auth/sign-in', {
        email: p.email,
        password: 'correct horse battery',
      });
      await expectProblem(signIn, 503, 'unavailable');
      expect(signIn.headers.get('retry-after')).toBe('2');

      const write = await timed(() => p.bearer.request('POST', '/contacts', { name: 'Ada' }));
      await expectProblem(write.result, 503, 'unavailable');
      expect(write.result.headers.get('retry-after')).toBe('2');
      expect(write.ms).toBeLessThan(waitMs + 2000);

      // The skipped bookkeeping is not pretended: the token still shows no use.
      const tokens = await ok<{ items: Token[] }>(p.session, 'GET', '/tokens');
      expect(tokens.items[0]?.lastUsedAt).toBeNull();
    } finally {
      await release();
    }
    expect(await countRows(ctx.deps)).toEqual(before);

    await ok(p.bearer, 'POST', '/contacts', { name: 'Ada' });
    const tokens = await ok<{ items: Token[] }>(p.session, 'GET', '/tokens');
    expect(tokens.items[0]?.lastUsedAt).not.toBeNull();
  });
});

describe.runIf(testTargets.includes('sqlite'))('a full disk, on sqlite', () => {
  const ctx = useTestContext('sqlite');
  const [p] = usePractices(ctx, ['Practice']);

  beforeAll(async () => {
    await ok(p.bearer, 'POST', '/contacts', { name: 'Grace' });
  });
  afterEach(() => vi.restoreAllMocks());

  it('answers 507 "the disk is full", logs the real cause, and keeps serving reads', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    // max_page_count caps this connection's file at its current size: a real SQLITE_FULL.
    const { rows } = await sql<{ page_count: number }>`pragma page_count`.execute(ctx.deps.db);
    await sql.raw(`pragma max_page_count = ${Number(rows[0]?.page_count)}`).execute(ctx.deps.db);
    const notes = 'n'.repeat(20_000);
    let full: Response | undefined;
    // Free pages inside the file may take a few rows before it is full.
    for (let i = 0; i < 20 && !full; i++) {
      const before = await countRows(ctx.deps);
      const res = await p.bearer.request('POST', '/contacts', { name: `Full ${i}`, notes });
      if (res.status !== 201) {
        full = res;
        expect(await countRows(ctx.deps)).toEqual(before);
      }
    }
    if (!full) throw new Error('the database never filled up');
    const problem = await expectProblem(full, 507, 'insufficient_storage');
    expect(problem.title).toBe('The disk is full');

    const log = logged.mock.calls.flat().map((x) => (x instanceof Error ? x.stack : String(x)));
    expect(logged.mock.calls.flat().some((x) => databaseFault(x) === 'full')).toBe(true);
    expect(log.join('\n')).not.toMatch(/cannot rollback/);

    const list = await ok<{ items: unknown[] }>(p.bearer, 'GET', '/contacts');
    expect(list.items.length).toBeGreaterThan(0);

    await sql.raw('pragma max_page_count = 1073741823').execute(ctx.deps.db);
    await ok(p.bearer, 'POST', '/contacts', { name: 'After', notes });
  });
});

describe.runIf(testTargets.includes('postgres'))('PostgreSQL timeouts', () => {
  it('sets statement_timeout and lock_timeout on every connection; a timeout is a 503', async () => {
    const url = process.env.DATABASE_URL_TEST ?? '';
    const { db, close } = openDatabase(
      { dialect: 'postgres', url },
      { waits: { sqliteBusyMs: 0, pgStatementTimeoutMs: 200, pgLockTimeoutMs: 150 } },
    );
    try {
      const settings = await Promise.all(
        [1, 2].map(() =>
          db.connection().execute(async (conn) => {
            const s = await sql<{ statement_timeout: string }>`show statement_timeout`.execute(
              conn,
            );
            const l = await sql<{ lock_timeout: string }>`show lock_timeout`.execute(conn);
            return [s.rows[0]?.statement_timeout, l.rows[0]?.lock_timeout];
          }),
        ),
      );
      expect(settings).toEqual([
        ['200ms', '150ms'],
        ['200ms', '150ms'],
      ]);
      const error = await sql`select pg_sleep(3)`.execute(db).then(
        () => null,
        (e: unknown) => e,
      );
      expect((error as { code?: string }).code).toBe('57014');
      const answer = databaseFaultError(error);
      expect(answer?.status).toBe(503);
      expect(answer?.retryAfterSeconds).toBeGreaterThan(0);
    } finally {
      await close();
    }
  });
});

describe.runIf(testTargets.includes('postgres'))('migrating on PostgreSQL', () => {
  it('waits for another server migrating longer than a statement may run', async () => {
    const ctx = await createTestContext('postgres', {
      env: { VOUCH_PG_STATEMENT_TIMEOUT_MS: '200', VOUCH_PG_LOCK_TIMEOUT_MS: '200' },
    });
    const target = ctx.deps.config.database;
    const other = new pg.Client({
      connectionString: target.dialect === 'postgres' ? target.url : '',
    });
    await other.connect();
    let restarted: TestContext | undefined;
    try {
      // Kysely's migration lock (an advisory lock), held as another server's migration would.
      await other.query('select pg_advisory_lock(3853314791062309107)');
      const released = new Promise((resolve) => setTimeout(resolve, 800)).then(() =>
        other.query('select pg_advisory_unlock(3853314791062309107)'),
      );
      restarted = await ctx.restart().finally(() => released);
      expect(await restarted.deps.db.selectFrom('practice').selectAll().execute()).toEqual([]);
    } finally {
      await other.end();
      // After a failed restart the first context's pool is already closed; its database is not.
      await (restarted ?? ctx).close().catch(() => undefined);
    }
  });
});

describe.each(testTargets)('a foreign key broken by a concurrent change, on %s', (target) => {
  const ctx = useTestContext(target);
  const [p] = usePractices(ctx, ['Practice']);

  it("is a 409 by the driver's own code, never a 500; other constraints are not", async () => {
    const row = {
      practice_id: p.practiceId,
      id: 'moment-of-no-one',
      contact_id: 'erased-meanwhile',
      kind: 'milestone' as const,
      score: null,
      occurred_at: '2026-01-05T10:00:00.000Z',
      note: null,
      created_by: null,
      created_at: '2026-01-05T10:00:00.000Z',
    };
    const error = await ctx.deps.db
      .insertInto('moment')
      .values(row)
      .execute()
      .then(
        () => null,
        (e: unknown) => e,
      );
    const answer = foreignKeyError(error);
    expect(answer?.status).toBe(409);
    expect(answer?.code).toBe('conflict');
    expect(foreignKeyError({ code: '23505' })).toBeNull();
  });
});

describe('driver codes the tests cannot provoke', () => {
  it.each([
    ['53100', 'full'],
    ['55P03', 'busy'],
    ['40P01', 'busy'],
    ['SQLITE_BUSY_SNAPSHOT', 'busy'],
    ['SQLITE_LOCKED', 'busy'],
    ['23505', null],
    ['SQLITE_CONSTRAINT_UNIQUE', null],
  ])('%s is %s', (code, kind) => {
    expect(databaseFault({ code })).toBe(kind);
    expect(databaseFault(new Error('wrapped', { cause: { code } }))).toBe(kind);
  });
});

describe.runIf(testTargets.includes('sqlite'))('a too-large body over a real socket', () => {
  let ctx: TestContext;
  let server: ReturnType<typeof serve>;
  let port: number;

  beforeAll(async () => {
    ctx = await createTestContext('sqlite');
    server = serve({ fetch: ctx.app.fetch, port: 0, hostname: '127.0.0.1' });
    await once(server, 'listening');
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await ctx?.close();
  });

  /** Sends a raw request; resolves with everything the server sent once it closes the socket. */
  function send(head: string, body: Buffer): Promise<{ reply: string; closed: boolean }> {
    return new Promise((resolve, reject) => {
      const socket = net.connect(port, '127.0.0.1');
      let reply = '';
      const timer = setTimeout(() => {
        socket.destroy();
        resolve({ reply, closed: false });
      }, 3000);
      socket.on('data', (chunk) => {
        reply += chunk.toString('latin1');
      });
      socket.on('error', () => {}); // the server may reset while the body is still being written
      socket.on('close', () => {
        clearTimeout(timer);
        resolve({ reply, closed: true });
      });
      socket.on('connect', () => {
        socket.write(head);
        socket.write(body, (error) => error && reject(error));
      });
    });
  }

  const twoMegabytes = Buffer.alloc(2 * 1024 * 1024, 'a');
  const head = (framing: string) =>
    `POST /api/v1/contacts HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n` +
    `Connection: keep-alive\r\n${framing}\r\n\r\n`;
  const chunked = Buffer.concat([
    Buffer.from(`${twoMegabytes.length.toString(16)}\r\n`),
    twoMegabytes,
    Buffer.from('\r\n0\r\n\r\n'),
  ]);

  it.each([
    ['a Content-Length', head(`Content-Length: ${twoMegabytes.length}`), twoMegabytes],
    ['a chunked body', head('Transfer-Encoding: chunked'), chunked],
  ])('answers 413 with Connection: close and closes the socket (%s)', async (_, h, body) => {
    const { reply, closed } = await send(h, body);
    const [headers] = reply.split('\r\n\r\n');
    expect(headers).toMatch(/^HTTP\/1\.1 413 /);
    expect(headers).toMatch(/\r\nconnection: close/i);
    expect(headers).not.toMatch(/keep-alive/i);
    expect(closed).toBe(true);
  });
});

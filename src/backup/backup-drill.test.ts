/**
 * The backup drill (issue 13 §12): a real server keeps taking writes while `vouch backup` runs;
 * the backup, restored into a fresh data directory with `vouch restore`, passes its integrity
 * check, holds every write acknowledged before the backup began, and a server started on it
 * serves the practice. Then the refusals: no restore under a running server, and a file that is
 * not a database leaves the current one untouched.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteFile } from '../platform/db.ts';

const root = path.resolve(import.meta.dirname, '../..');
const secret = 'drill-secret-drill-secret-drill-secret-01';

/** The environment of a `vouch` child on the SQLite database of `dataDir`. */
const envOf = (dataDir: string): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  VOUCH_DATA_DIR: dataDir,
  VOUCH_SECRET: secret,
  VOUCH_LOG: 'silent',
});

function vouch(dataDir: string, ...args: string[]) {
  return promisify(execFile)(process.execPath, ['src/cli.ts', ...args], {
    cwd: root,
    env: envOf(dataDir),
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

type Server = { url: string; stop: () => Promise<void> };

/** `vouch serve` as its own process on `dataDir`, once it answers /health. */
async function startServer(dataDir: string): Promise<Server> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    ['src/cli.ts', 'serve', '--port', String(port)],
    {
      cwd: root,
      env: envOf(dataDir),
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${port}/api/v1`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error('the server did not start');
    if (
      await fetch(`${url}/health`).then(
        (r) => r.ok,
        () => false,
      )
    )
      break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

describe('the backup drill (SQLite)', () => {
  const source = mkdtempSync(path.join(tmpdir(), 'vouch-drill-source-'));
  const target = mkdtempSync(path.join(tmpdir(), 'vouch-drill-target-'));
  const backupFile = path.join(source, 'backup.db');
  const servers: Server[] = [];
  let token = '';
  afterAll(async () => {
    for (const s of servers) await s.stop().catch(() => undefined);
    rmSync(source, { recursive: true, force: true });
    rmSync(target, { recursive: true, force: true });
  });

  const api = (server: Server, method: string, url: string, body?: unknown) =>
    fetch(`${server.url}${url}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });

  /** Every contact id the server lists for the practice. */
  async function listedIds(server: Server): Promise<Set<string>> {
    const ids = new Set<string>();
    let cursor: string | null = null;
    do {
      const query: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const res = await api(server, 'GET', `/contacts?limit=200&sort=-createdAt${query}`);
      expect(res.status).toBe(200);
      const page = (await res.json()) as { items: { id: string }[]; nextCursor: string | null };
      for (const c of page.items) ids.add(c.id);
      cursor = page.nextCursor;
    } while (cursor);
    return ids;
  }

  it('restores every write acknowledged before the backup began, from a server that kept writing', async () => {
    const server = await startServer(source);
    servers.push(server);
    const signUp = await fetch(`${server.url}/auth/sign-up`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        practiceName: 'Drill Practice',
        name: 'Drill Owner',
        email: 'drill@example.com',
        password: 'correct horse battery',
      }),
    });
    expect(signUp.status).toBe(201);
    const cookie = signUp.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const created = await fetch(`${server.url}/tokens`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'drill' }),
    });
    token = ((await created.json()) as { token: string }).token;

    // Four writers, each creating contacts one after the other until told to stop.
    const acknowledged: string[] = [];
    let isStopping = false;
    const writer = async (w: number) => {
      for (let i = 0; !isStopping; i++) {
        const res = await api(server, 'POST', '/contacts', { name: `Writer ${w} Number ${i}` });
        expect(res.status).toBe(201);
        acknowledged.push(((await res.json()) as { id: string }).id);
      }
    };
    const writers = [1, 2, 3, 4].map(writer);
    while (acknowledged.length < 40) await new Promise((r) => setTimeout(r, 10));

    const beforeBackup = [...acknowledged];
    const backup = await vouch(source, 'backup', backupFile);
    const duringBackup = acknowledged.length - beforeBackup.length;
    isStopping = true;
    await Promise.all(writers);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toMatch(/integrity ok; 1 practice, \d+ contacts/);
    // Not vacuous: the server took writes while the backup ran.
    expect(duringBackup).toBeGreaterThan(0);

    const restore = await vouch(target, 'restore', backupFile);
    expect(restore.code, restore.stderr).toBe(0);
    const restored = openSqliteFile(path.join(target, 'vouch.db'), { readonly: true });
    try {
      expect(restored.pragma('integrity_check', { simple: true })).toBe('ok');
      const ids = new Set(restored.prepare('select id from contact').pluck().all() as string[]);
      for (const id of beforeBackup) expect(ids.has(id), id).toBe(true);
    } finally {
      restored.close();
    }

    const again = await startServer(target);
    servers.push(again);
    const served = await listedIds(again);
    for (const id of beforeBackup) expect(served.has(id), id).toBe(true);
    const practice = await api(again, 'GET', '/practice');
    expect(await practice.json()).toMatchObject({ name: 'Drill Practice' });
  });

  it('refuses to restore under a running server, and changes nothing', async () => {
    const running = servers[1];
    if (!running) throw new Error('the drill above starts this server');
    const before = await listedIds(running);
    const refused = await vouch(target, 'restore', backupFile);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/in use .*stop it, then restore/);
    expect(await listedIds(running)).toEqual(before);
    expect(readdirSync(target).filter((f) => f.includes('restor'))).toEqual([]);
  });

  it('refuses a file that is not a database (exit 2), leaving the current one untouched', async () => {
    await servers[1]?.stop();
    servers.splice(1, 1);
    const current = path.join(target, 'vouch.db');
    const hash = sha256(current);
    const bad = path.join(source, 'not-a-backup.db');
    writeFileSync(bad, 'name,email\nAnn,ann@example.com\n');
    for (const file of [bad, path.join(source, 'missing.db')]) {
      const run = await vouch(target, 'restore', file);
      expect(run.code, file).toBe(2);
      expect(run.stderr).toMatch(/not a SQLite database|no file/);
    }
    expect(sha256(current)).toBe(hash);
    expect(readdirSync(target).filter((f) => f.includes('restor'))).toEqual([]);
  });
});

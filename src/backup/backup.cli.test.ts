import { execFile } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase, openSqliteFile } from '../platform/db.ts';
import { migrateUpTo } from '../platform/migrations/index.ts';
import { ok } from '../test-support/api-expect.ts';
import { usePractices, useTestContext } from '../test-support/suite.ts';
import { cliEnv } from '../test-support/testing.ts';
import { hasTool } from './backup.service.ts';

const cli = path.resolve(import.meta.dirname, '../cli.ts');

function vouch(env: NodeJS.ProcessEnv, ...args: string[]) {
  return promisify(execFile)(process.execPath, [cli, ...args], { env }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

/** A fresh data directory of its own (SQLite), with the test's secret. */
const freshEnv = (env: NodeJS.ProcessEnv, dataDir: string): NodeJS.ProcessEnv => ({
  ...env,
  VOUCH_DATA_DIR: dataDir,
  DATABASE_URL: `file:${path.join(dataDir, 'vouch.db')}`,
});

type Page = { items: { name: string }[] };

describe('vouch backup and vouch restore (CLI, SQLite)', () => {
  const ctx = useTestContext('sqlite');
  const [a] = usePractices(ctx, ['Backup Practice']);
  const dir = mkdtempSync(path.join(tmpdir(), 'vouch-backup-cli-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const file = path.join(dir, 'backup.db');

  it('writes one verified file, and keeps an existing one unless --force', async () => {
    await ok(a.session, 'POST', '/contacts', { name: 'Sarah Chen' });
    const run = await vouch(cliEnv(ctx), 'backup', file);
    expect(run.code, run.stderr).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(run.stdout).toMatch(
      new RegExp(
        `^Backup written to ${file} \\(\\d+\\.\\d MB\\): integrity ok; 1 practice, 1 contact\\.`,
      ),
    );
    expect(run.stdout).toContain('Keep VOUCH_SECRET');
    // One self-contained file: no WAL beside it, no partial left.
    expect(readdirSync(dir)).toEqual(['backup.db']);
    const copy = openSqliteFile(file, { readonly: true });
    expect(copy.pragma('journal_mode', { simple: true })).toBe('delete');
    expect(copy.prepare('select name from contact').pluck().all()).toEqual(['Sarah Chen']);
    copy.close();

    const before = readFileSync(file);
    await ok(a.session, 'POST', '/contacts', { name: 'Tom Ruiz' });
    const again = await vouch(cliEnv(ctx), 'backup', file);
    expect(again).toMatchObject({ code: 2, stderr: expect.stringMatching(/exists.*--force/) });
    expect(readFileSync(file).equals(before)).toBe(true);
    const forced = await vouch(cliEnv(ctx), 'backup', file, '--force');
    expect(forced.stdout).toMatch(/1 practice, 2 contacts/);
    expect((await vouch(cliEnv(ctx), 'backup')).code).toBe(2);
    const nowhere = await vouch(cliEnv(ctx), 'backup', path.join(dir, 'no/such/dir.db'));
    expect(nowhere).toMatchObject({ code: 2, stderr: expect.stringMatching(/no directory/) });
  });

  it('restores into a fresh data directory, and keeps the old database aside on the next restore', async () => {
    // A data directory that does not exist yet, as on a new machine.
    const fresh = path.join(mkdtempSync(path.join(dir, 'fresh-')), 'data');
    const env = freshEnv(cliEnv(ctx), fresh);
    const first = await vouch(env, 'restore', file);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain('1 practice, 2 contacts');
    const second = await vouch(env, 'restore', file);
    expect(second.code, second.stderr).toBe(0);
    const aside = readdirSync(fresh).filter((f) => f.startsWith('vouch.db.before-restore-'));
    expect(aside).toHaveLength(1);
    expect(second.stdout).toContain(
      `The database as it was is now ${path.join(fresh, aside[0] ?? '')}`,
    );
    const restored = openSqliteFile(path.join(fresh, 'vouch.db'), { readonly: true });
    expect(restored.prepare('select count(*) from contact').pluck().get()).toBe(2);
    restored.close();
  });

  it('refuses while this test holds the database open (exit 1), and bad files (exit 2)', async () => {
    const own = ctx.deps.config.database;
    if (own.dialect !== 'sqlite') throw new Error('sqlite only');
    const busy = await vouch(cliEnv(ctx), 'restore', file);
    expect(busy).toMatchObject({ code: 1, stderr: expect.stringMatching(/is in use/) });
    const page = await ok<Page>(a.session, 'GET', '/contacts');
    expect(page.items).toHaveLength(2);

    const other = path.join(dir, 'other.sqlite');
    const foreign = openSqliteFile(other);
    foreign.exec('create table note (text)');
    foreign.close();
    const empty = path.join(dir, 'empty.db');
    writeFileSync(empty, '');
    for (const [bad, why] of [
      [other, /not a Vouch one/],
      [empty, /not a SQLite database/],
      [path.join(dir, 'nowhere.db'), /no file/],
      [dir, /no file/],
    ] as const) {
      const run = await vouch(
        freshEnv(cliEnv(ctx), mkdtempSync(path.join(dir, 'bad-'))),
        'restore',
        bad,
      );
      expect(run.code, bad).toBe(2);
      expect(run.stderr, bad).toMatch(why);
    }
  });

  it('migrates a backup of an older release to the current schema', async () => {
    const old = path.join(dir, 'old-release.db');
    const handle = openDatabase({ dialect: 'sqlite', file: old });
    await migrateUpTo(handle.db, 'sqlite', '0020-referral-kit');
    await handle.close();
    const fresh = mkdtempSync(path.join(dir, 'old-'));
    const run = await vouch(freshEnv(cliEnv(ctx), fresh), 'restore', old);
    expect(run.code, run.stderr).toBe(0);
    // Every migration after the backup's, in order, the first of them 0021.
    expect(run.stdout).toMatch(/Migrated to the current schema: 0021-introductions(, [\w-]+)*\./);
    expect(existsSync(path.join(fresh, 'vouch.db'))).toBe(true);
  });
});

const pgUrl = process.env.DATABASE_URL_TEST;
const hasPgTools = hasTool('pg_dump') && hasTool('pg_restore');

describe.skipIf(!pgUrl || !hasPgTools)('vouch backup and vouch restore (CLI, PostgreSQL)', () => {
  const ctx = useTestContext('postgres');
  const [a] = usePractices(ctx, ['Pg Backup Practice']);
  const dir = mkdtempSync(path.join(tmpdir(), 'vouch-backup-pg-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('dumps with pg_dump, refuses to restore under other sessions, restores with pg_restore', async () => {
    await ok(a.session, 'POST', '/contacts', { name: 'Before Backup' });
    const file = path.join(dir, 'vouch.dump');
    const backup = await vouch(cliEnv(ctx), 'backup', file);
    expect(backup.code, backup.stderr).toBe(0);
    expect(backup.stdout).toContain('pg_dump custom format');
    const again = await vouch(cliEnv(ctx), 'backup', file);
    expect(again).toMatchObject({ code: 2, stderr: expect.stringMatching(/exists.*--force/) });
    const nowhere = await vouch(cliEnv(ctx), 'backup', path.join(dir, 'no/such/dir.dump'));
    expect(nowhere).toMatchObject({ code: 2, stderr: expect.stringMatching(/no directory/) });
    await ok(a.session, 'POST', '/contacts', { name: 'After Backup' });

    // The test's own pool is a session on the database, as a server's would be.
    const busy = await vouch(cliEnv(ctx), 'restore', file);
    expect(busy).toMatchObject({ code: 1, stderr: expect.stringMatching(/other session/) });
    const notADump = path.join(dir, 'not.dump');
    writeFileSync(notADump, 'hello');
    expect((await vouch(cliEnv(ctx), 'restore', notADump)).code).toBe(2);

    await ctx.deps.db.destroy();
    // A data directory that does not exist yet: the dump of the database as it was makes it.
    const dataDir = path.join(dir, 'new/data');
    const restore = await vouch({ ...cliEnv(ctx), VOUCH_DATA_DIR: dataDir }, 'restore', file);
    expect(restore.code, restore.stderr).toBe(0);
    const aside = readdirSync(dataDir);
    expect(aside).toEqual([expect.stringMatching(/^postgres-before-restore-.*\.dump$/)]);
    expect(restore.stdout).toContain(
      `The database as it was is in ${path.join(dataDir, aside[0] ?? '')}.`,
    );
    await ctx.restart();
    const page = await ok<Page>(a.session, 'GET', '/contacts');
    expect(page.items.map((c) => c.name)).toEqual(['Before Backup']);
  });
});

/**
 * Backup and restore (issue 13 §11, PRODUCT.md §8). SQLite: the online backup API, checked
 * with `integrity_check`; a restore refuses while anything holds the database, keeps the old
 * file aside and migrates the restored one. PostgreSQL: pg_dump / pg_restore, when on PATH.
 */
import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import path from 'node:path';
import { toTimestamp } from '../platform/clock.ts';
import type { Config } from '../platform/config.ts';
import { openDatabase } from '../platform/db.ts';
import { AppError } from '../platform/errors.ts';
import { migrateToLatest } from '../platform/migrations/index.ts';
import {
  copyOnline,
  countOtherSessions,
  holdExclusive,
  settleAndCheck,
  sqliteHeader,
} from './backup.repository.ts';

/** A bad FILE or bad usage: nothing was done (the CLI exits with 2). */
const badFile = (message: string) =>
  new AppError('validation', message, [{ field: 'FILE', message }]);

export type BackupReport = { file: string; bytes: number; practices: number; contacts: number };

/** A time for file names: 2026-06-15T12-00-00-000Z. */
const fileStamp = (at: Date) => toTimestamp(at).replace(/[:.]/g, '-');

function sqliteFileOf(config: Config): string {
  if (config.database.dialect !== 'sqlite') throw new Error('Not a SQLite configuration.');
  if (config.database.file === ':memory:')
    throw badFile('The database is in memory (DATABASE_URL=file::memory:): nothing to back up.');
  return config.database.file;
}

/**
 * `vouch backup FILE` on SQLite: an online copy, made one self-contained file (no -wal), then
 * verified. It is written beside FILE and renamed into place only once verified, so FILE is a
 * good backup or untouched. Whether FILE may be written is the CLI's check (`checkOutputFile`).
 */
export async function backupSqlite(config: Config, file: string): Promise<BackupReport> {
  const source = sqliteFileOf(config);
  if (!existsSync(source)) throw badFile(`There is no database at ${source} to back up.`);
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  try {
    await copyOnline(source, partial);
    // The whole database: readable by its owner alone.
    chmodSync(partial, 0o600);
    const check = settleAndCheck(partial);
    if (check.integrity !== 'ok')
      throw new Error(
        `The copy failed its integrity check (${check.integrity}); FILE was not written.`,
      );
    renameSync(partial, file);
    return {
      file,
      bytes: statSync(file).size,
      practices: check.practices,
      contacts: check.contacts,
    };
  } finally {
    rmSync(partial, { force: true });
    rmSync(`${partial}-journal`, { force: true });
  }
}

/** Whether `file` starts as every SQLite 3 database does. */
function hasSqliteHeader(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const head = Buffer.alloc(sqliteHeader.length);
    const read = readSync(fd, head, 0, head.length, 0);
    return read === head.length && head.toString('latin1') === sqliteHeader;
  } finally {
    closeSync(fd);
  }
}

export type RestoreReport = {
  target: string;
  /** Where the database that was there went; null when there was none. */
  keptAside: string | null;
  practices: number;
  contacts: number;
  /** Migrations applied to bring the backup to the current schema. */
  migrated: string[];
};

/**
 * `vouch restore FILE` on SQLite. FILE is copied beside the database and checked there (a
 * SQLite file, integrity ok, Vouch's migration table): a bad FILE changes nothing. Then the
 * current database is taken exclusively, which fails while a server (or any other process)
 * has it open; while held, it is moved aside as `vouch.db.before-restore-<time>` and the copy
 * renamed into its place (one rename: nothing ever opens half a file). Last, migrations bring
 * the restored database to the current schema.
 */
export async function restoreSqlite(
  config: Config,
  file: string,
  now: Date,
): Promise<RestoreReport> {
  const target = sqliteFileOf(config);
  if (!existsSync(file) || !statSync(file).isFile()) throw badFile(`There is no file ${file}.`);
  if (!hasSqliteHeader(file)) throw badFile(`${file} is not a SQLite database (a Vouch backup).`);
  const stamp = fileStamp(now);
  const incoming = `${target}.restoring-${stamp}`;
  mkdirSync(path.dirname(target), { recursive: true });
  try {
    copyFileSync(file, incoming);
    let check: ReturnType<typeof settleAndCheck>;
    try {
      check = settleAndCheck(incoming);
    } catch (error) {
      throw badFile(`${file} cannot be read as a SQLite database: ${(error as Error).message}`);
    }
    if (check.integrity !== 'ok')
      throw badFile(`${file} fails its integrity check: ${check.integrity}`);
    if (!check.isVouch) throw badFile(`${file} is a SQLite database, but not a Vouch one.`);
    let keptAside: string | null = null;
    if (existsSync(target)) {
      const hold = holdExclusive(target);
      if (!hold)
        throw new AppError(
          'conflict',
          `${target} is in use (a running server, worker or other vouch command): stop it, then restore.`,
        );
      try {
        keptAside = `${target}.before-restore-${stamp}`;
        renameSync(target, keptAside);
        for (const suffix of ['-wal', '-shm'])
          if (existsSync(target + suffix)) renameSync(target + suffix, keptAside + suffix);
        renameSync(incoming, target);
      } finally {
        hold.release();
      }
    } else renameSync(incoming, target);
    const migrated = await migrate(config);
    return { target, keptAside, practices: check.practices, contacts: check.contacts, migrated };
  } finally {
    rmSync(incoming, { force: true });
    rmSync(`${incoming}-journal`, { force: true });
  }
}

/**
 * Brings the restored database to the current schema, as every start does (and without the
 * request timeouts on PostgreSQL, as there); answers the migrations it applied.
 */
async function migrate(config: Config): Promise<string[]> {
  const waits = { ...config.databaseWaits, pgStatementTimeoutMs: 0, pgLockTimeoutMs: 0 };
  const { db, dialect, close } = openDatabase(config.database, { waits });
  try {
    return await migrateToLatest(db, dialect);
  } finally {
    await close();
  }
}

// -------------------------------------------------------------------------------------------
// PostgreSQL: pg_dump and pg_restore

/** Whether a PostgreSQL client tool runs from PATH. */
export const hasTool = (tool: string): boolean =>
  !spawnSync(tool, ['--version'], { stdio: 'ignore' }).error;

/**
 * The connection for pg_dump/pg_restore: the URL without its password, which goes in
 * PGPASSWORD instead (a command line is visible to every user of the machine).
 */
function pgConnection(url: string): { dbname: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return {
    dbname: parsed.toString(),
    env: { ...process.env, ...(password ? { PGPASSWORD: password } : {}) },
  };
}

/** Runs a PostgreSQL tool; its own messages go to our stderr. Rejects on a non-zero exit. */
function runTool(
  tool: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  output: 'inherit' | 'ignore' = 'inherit',
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(tool, args, { env, stdio: ['ignore', output, output] });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${tool} failed (exit ${code}).`)),
    );
  });
}

/** What to run by hand when the tools are not on PATH. */
export function postgresInstructions(kind: 'backup' | 'restore'): string {
  return kind === 'backup'
    ? 'pg_dump is not on PATH. Install the PostgreSQL client tools, or run where they are:\n' +
        '  pg_dump --format=custom --file=FILE "$DATABASE_URL"\n' +
        'then keep FILE (and VOUCH_SECRET) somewhere safe.'
    : 'pg_restore is not on PATH. Install the PostgreSQL client tools, or run where they are,\n' +
        'with every Vouch server stopped:\n' +
        '  pg_restore --clean --if-exists --no-owner --single-transaction --dbname="$DATABASE_URL" FILE\n' +
        'then `vouch db:migrate`.';
}

function postgresUrlOf(config: Config): string {
  if (config.database.dialect !== 'postgres') throw new Error('Not a PostgreSQL configuration.');
  return config.database.url;
}

/** `vouch backup FILE` on PostgreSQL: pg_dump's custom format (what pg_restore reads). */
export async function backupPostgres(
  config: Config,
  file: string,
): Promise<{ file: string; bytes: number }> {
  const { dbname, env } = pgConnection(postgresUrlOf(config));
  const partial = `${file}.partial`;
  try {
    await runTool('pg_dump', ['--format=custom', `--file=${partial}`, `--dbname=${dbname}`], env);
    chmodSync(partial, 0o600);
    renameSync(partial, file);
  } finally {
    rmSync(partial, { force: true });
  }
  return { file, bytes: statSync(file).size };
}

/**
 * `vouch restore FILE` on PostgreSQL: checks FILE (`pg_restore --list`), refuses while other
 * sessions use the database, dumps the current database aside into the data directory (made
 * when missing), then restores FILE in one transaction (all or nothing) and migrates it.
 */
export async function restorePostgres(
  config: Config,
  file: string,
  now: Date,
): Promise<{ keptAside: string; migrated: string[] }> {
  const { dbname, env } = pgConnection(postgresUrlOf(config));
  if (!existsSync(file) || !statSync(file).isFile()) throw badFile(`There is no file ${file}.`);
  try {
    await runTool('pg_restore', ['--list', file], env, 'ignore');
  } catch {
    throw badFile(`${file} is not a pg_dump archive (pg_dump --format=custom).`);
  }
  const { db, close } = openDatabase(config.database);
  try {
    const others = await countOtherSessions(db);
    if (others > 0)
      throw new AppError(
        'conflict',
        `${others} other session(s) use the database (a running server or worker): stop them, then restore.`,
      );
  } finally {
    await close();
  }
  const keptAside = path.join(config.dataDir, `postgres-before-restore-${fileStamp(now)}.dump`);
  // With VOUCH_SECRET and DATABASE_URL given, nothing else makes the data directory.
  mkdirSync(config.dataDir, { recursive: true });
  await backupPostgres(config, keptAside);
  await runTool(
    'pg_restore',
    ['--clean', '--if-exists', '--no-owner', '--single-transaction', `--dbname=${dbname}`, file],
    env,
  );
  return { keptAside, migrated: await migrate(config) };
}

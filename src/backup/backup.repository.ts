/**
 * The SQL of backup and restore: SQLite files through their raw connection (the online backup
 * API, integrity checks, an exclusive lock), and PostgreSQL's view of who is connected.
 */
import { sql } from 'kysely';
import { type Db, openSqliteFile, type SqliteFile } from '../platform/db.ts';

/** The first 16 bytes of every SQLite 3 database file. */
export const sqliteHeader = 'SQLite format 3\u0000';

/**
 * Copies the live database `source` to `target` with SQLite's online backup API. All pages are
 * copied in one step, inside one read transaction: a consistent snapshot of every commit made
 * before it began, while a server keeps writing (WAL readers do not block writers). Stepping
 * page by page instead would restart from the first page at every write of the server.
 */
export async function copyOnline(source: string, target: string): Promise<void> {
  const db = openSqliteFile(source, { readonly: true, fileMustExist: true });
  try {
    await db.backup(target, { progress: () => 0x7fffffff });
  } finally {
    db.close();
  }
}

export type FileCheck = {
  /** `ok`, or the first problems `PRAGMA integrity_check` found. */
  integrity: string;
  /** Whether the file has Vouch's migration table: it is a Vouch database. */
  isVouch: boolean;
  practices: number;
  contacts: number;
};

const countOf = (db: SqliteFile, table: string): number =>
  Number(db.prepare(`select count(*) from ${table}`).pluck().get());

const hasTable = (db: SqliteFile, table: string): boolean =>
  db.prepare("select 1 from sqlite_schema where type = 'table' and name = ?").get(table) !==
  undefined;

/**
 * Makes a copy one self-contained file (rollback journal, not WAL: no -wal or -shm beside it),
 * then checks it: `integrity_check`, the migration table, and what it holds. Throws when the
 * file is not a SQLite database.
 */
export function settleAndCheck(file: string): FileCheck {
  const db = openSqliteFile(file, { fileMustExist: true });
  try {
    db.pragma('journal_mode = DELETE');
    const integrity = (
      db.pragma('integrity_check', { simple: false }) as { integrity_check: string }[]
    )
      .slice(0, 5)
      .map((r) => r.integrity_check)
      .join('; ');
    const isVouch = hasTable(db, 'vouch_migration');
    return {
      integrity,
      isVouch,
      practices: isVouch && hasTable(db, 'practice') ? countOf(db, 'practice') : 0,
      contacts: isVouch && hasTable(db, 'contact') ? countOf(db, 'contact') : 0,
    };
  } finally {
    db.close();
  }
}

/** An exclusive hold on a SQLite database: no other connection can open a transaction on it. */
export type ExclusiveHold = { release: () => void };

/**
 * Takes the database for this process alone, or answers null when another connection has it
 * open (a running server keeps a WAL connection, which holds a shared lock for its whole life;
 * the kernel drops it when that process ends, even by a crash, so nothing goes stale). The
 * hold checkpoints the WAL into the file and leaves it in rollback-journal mode, so the file
 * alone is the whole database while it is moved.
 */
export function holdExclusive(file: string): ExclusiveHold | null {
  const db = openSqliteFile(file, { fileMustExist: true, timeout: 0 });
  try {
    db.pragma('locking_mode = EXCLUSIVE');
    db.exec('begin exclusive');
    db.exec('commit');
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.pragma('journal_mode = DELETE');
    return { release: () => db.close() };
  } catch (error) {
    db.close();
    if ((error as { code?: string }).code?.startsWith('SQLITE_BUSY')) return null;
    throw error;
  }
}

/** Other sessions on this PostgreSQL database (a server's pool, a worker, a psql). */
export async function countOtherSessions(db: Db): Promise<number> {
  const { rows } = await sql<{ n: string | number }>`
    select count(*) as n from pg_stat_activity
    where datname = current_database() and pid <> pg_backend_pid()
      and backend_type = 'client backend'`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

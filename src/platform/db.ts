import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  type CompiledQuery,
  Kysely,
  type LogEvent,
  PostgresAdapter,
  PostgresDialect,
  SqliteDialect,
  type SqliteDatabase as SqliteDialectDatabase,
  SqliteDriver,
  sql,
  type Transaction,
} from 'kysely';
import pg from 'pg';
import { type DatabaseTarget, type DatabaseWaits, defaultDatabaseWaits } from './config.ts';
import { databaseFault } from './errors.ts';
import type { Database } from './schema.ts';

export type Db = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Either the database or a transaction on it: repositories accept both. */
export type Queryable = Db | Tx;

/**
 * Runs `work` in a transaction: a new one, or, when `db` is already a transaction, that one
 * (so a use case run inside a larger write, like the demo data, commits or rolls back with it).
 */
export function inTransaction<T>(db: Db, work: (trx: Tx) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db as Tx) : db.transaction().execute(work);
}
/**
 * A transaction whose loss costs nothing but doing it again (an import's batch, which records
 * its own progress in it): its commit does not wait for the disk. SQLite (WAL):
 * `synchronous = NORMAL` for this commit alone, which stays consistent and can be lost only to
 * a power cut, and the next FULL commit makes durable; PostgreSQL: `synchronous_commit = off`
 * for this transaction. Every other write still waits for the disk.
 */
export function inRedoableTransaction<T>(db: Db, work: (trx: Tx) => Promise<T>): Promise<T> {
  if (isPostgres(db))
    return db.transaction().execute(async (trx) => {
      await sql`set local synchronous_commit = off`.execute(trx);
      return work(trx);
    });
  // One connection throughout, so that no other write commits while the setting is lowered.
  return db.connection().execute(async (conn) => {
    await sql`pragma synchronous = NORMAL`.execute(conn);
    try {
      return await conn.transaction().execute(work);
    } finally {
      await sql`pragma synchronous = FULL`.execute(conn);
    }
  });
}
/** WAL pages between two checkpoints while SQLite takes a bulk load (its default is 1,000). */
export const bulkCheckpointPages = 10_000;

/**
 * Runs `work`, many batches of writes (an import), with SQLite copying its WAL into the database
 * every 10,000 pages (some 40 MB) instead of every 1,000: each checkpoint writes its pages and
 * syncs the file, and the index pages a bulk load writes again and again are then copied once
 * rather than every few batches (the commits of a 100,000-row import: 2.7-3.5 s -> 1.9-2.1 s).
 * The previous interval comes back after; the next commit then checkpoints what is left.
 * PostgreSQL: nothing to change.
 */
export async function withBulkWrites<T>(db: Db, work: () => Promise<T>): Promise<T> {
  if (isPostgres(db)) return work();
  const { rows } = await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(db);
  const previous = Number(rows[0]?.wal_autocheckpoint ?? 1000);
  await sql.raw(`pragma wal_autocheckpoint = ${bulkCheckpointPages}`).execute(db);
  try {
    return await work();
  } finally {
    await sql.raw(`pragma wal_autocheckpoint = ${previous}`).execute(db);
  }
}
/**
 * Whether `db` talks to PostgreSQL: row locks (`FOR NO KEY UPDATE`) exist only there, and only
 * there are they needed, since SQLite runs one write transaction at a time.
 */
export function isPostgres(db: Queryable): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
export type Dialect = 'sqlite' | 'postgres';

export type DatabaseHandle = {
  db: Db;
  dialect: Dialect;
  close: () => Promise<void>;
};

/** Sees every query as it runs (the benchmark records the app's query sets with it). */
export type QueryObserver = (
  sql: string,
  parameters: readonly unknown[],
  durationMs: number,
) => void;

export type OpenDatabaseOptions = { waits?: DatabaseWaits; onQuery?: QueryObserver };

/** The one place that picks SQLite or PostgreSQL. */
export function openDatabase(
  target: DatabaseTarget,
  { waits = defaultDatabaseWaits, onQuery }: OpenDatabaseOptions = {},
): DatabaseHandle {
  const log = onQuery
    ? (event: LogEvent) => {
        if (event.level === 'query')
          onQuery(event.query.sql, event.query.parameters, event.queryDurationMillis);
      }
    : undefined;
  if (target.dialect === 'postgres') {
    // Set on every connection, so that a lock held elsewhere cannot hang a request forever.
    const pool = new pg.Pool({
      connectionString: target.url,
      max: 10,
      statement_timeout: waits.pgStatementTimeoutMs,
      lock_timeout: waits.pgLockTimeoutMs,
    });
    // An idle client that loses its server must not crash the process.
    pool.on('error', () => {});
    const db = new Kysely<Database>({
      dialect: new PostgresDialect({ pool }),
      ...(log ? { log } : {}),
    });
    return { db, dialect: 'postgres', close: () => db.destroy() };
  }
  if (target.file !== ':memory:') mkdirSync(path.dirname(target.file), { recursive: true });
  const sqlite = new SqliteDatabase(target.file);
  sqlite.pragma('journal_mode = WAL');
  // FULL: an acknowledged write survives power loss, not only a crash of the process.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  // better-sqlite3 waits synchronously: the whole process stalls for as long as a write waits.
  sqlite.pragma(`busy_timeout = ${waits.sqliteBusyMs}`);
  // Erasure (PRODUCT.md §8): deleted content is overwritten with zeros, not left in free space.
  sqlite.pragma('secure_delete = ON');
  // Keep the planner's statistics fresh, as SQLite recommends for long-lived connections;
  // without them it picks a poor index for the board and the lists on large practices.
  sqlite.pragma('optimize = 0x10002');
  requireMedian(sqlite);
  const statements = withStatementCache(sqlite);
  const db = new Kysely<Database>({
    dialect: new RollbackAwareSqliteDialect(sqlite, statements),
    ...(log ? { log } : {}),
  });
  sqliteStatements.set(db.getExecutor().adapter, statements);
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

/**
 * After SQLITE_FULL (or an I/O error) SQLite has already rolled the transaction back itself;
 * Kysely's rollback would then fail with "no transaction is active" and hide the real cause.
 */
class RollbackAwareSqliteDialect extends SqliteDialect {
  readonly #sqlite: SqliteDatabase.Database;
  readonly #database: SqliteDialectDatabase;

  constructor(sqlite: SqliteDatabase.Database, database: SqliteDialectDatabase) {
    super({ database });
    this.#sqlite = sqlite;
    this.#database = database;
  }

  override createDriver(): SqliteDriver {
    const sqlite = this.#sqlite;
    return new (class extends SqliteDriver {
      override async rollbackTransaction(
        connection: Parameters<SqliteDriver['rollbackTransaction']>[0],
      ): Promise<void> {
        if (sqlite.inTransaction) await super.rollbackTransaction(connection);
      }
    })({ database: this.#database });
  }
}

/**
 * Runs a bookkeeping write (such as a token's last use) that must never fail or stall the
 * request around it: it does not wait for a lock held elsewhere, and a failure is only logged.
 * Returns whether the write happened.
 */
export async function writeBestEffort(
  db: Db,
  dialect: Dialect,
  work: (db: Queryable) => Promise<unknown>,
): Promise<boolean> {
  try {
    if (dialect === 'postgres') {
      await db.transaction().execute(async (trx) => {
        await sql`set local lock_timeout = '50ms'`.execute(trx);
        await work(trx);
      });
    } else {
      // One connection: hold it so no other query runs while the busy timeout is off.
      await db.connection().execute(async (conn) => {
        const { rows } = await sql<{ timeout: number }>`pragma busy_timeout`.execute(conn);
        const restore = Number(rows[0]?.timeout ?? defaultDatabaseWaits.sqliteBusyMs);
        await sql`pragma busy_timeout = 0`.execute(conn);
        try {
          await work(conn);
        } finally {
          await sql.raw(`pragma busy_timeout = ${restore}`).execute(conn);
        }
      });
    }
    return true;
  } catch (error) {
    if (databaseFault(error) !== 'busy')
      console.error('[vouch] a bookkeeping write failed (the request went on):', error);
    return false;
  }
}

/**
 * Insights take medians with SQLite's `median()` (its percentile extension). better-sqlite3
 * compiles it in (SQLITE_ENABLE_PERCENTILE); a build without it is refused here, at start, with
 * the reason, rather than on a practitioner's first look at Insights.
 */
function requireMedian(sqlite: SqliteDatabase.Database): void {
  try {
    sqlite.prepare('select median(1)').get();
  } catch {
    const version = String(sqlite.prepare('select sqlite_version()').pluck().get());
    sqlite.close();
    throw new Error(
      `This SQLite (${version}) lacks median(): Vouch needs the better-sqlite3 of ` +
        'package-lock.json (npm ci).',
    );
  }
}

/**
 * Kysely prepares every statement anew; on SQLite that was a fifth of a write's CPU time.
 * This keeps the most recent prepared statements by SQL text (a bounded map, oldest out).
 * A statement still busy iterating is never handed out twice.
 */
function withStatementCache(sqlite: SqliteDatabase.Database, size = 500): SqliteDialectDatabase {
  const cache = new Map<string, SqliteDatabase.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(text: string) {
      const cached = cache.get(text);
      if (cached && !cached.busy) {
        cache.delete(text);
        cache.set(text, cached);
        return cached;
      }
      const statement = sqlite.prepare(text);
      cache.set(text, statement);
      if (cache.size > size) cache.delete(cache.keys().next().value as string);
      return statement;
    },
  };
}

/** The statements of each SQLite connection, by its Kysely adapter (its transactions share it). */
const sqliteStatements = new WeakMap<object, SqliteDialectDatabase>();

/**
 * SQLite: runs one statement (compiled by Kysely from its first row) once for each row of
 * parameters, on the connection and in the transaction of `db`; answers how many rows each run
 * changed. Many single-row runs of one prepared statement are SQLite's fastest way to insert
 * (a multi-row VALUES list was a third slower, and Kysely's building of it a tenth of an
 * import's time).
 */
export function runEachRow(
  db: Queryable,
  statement: CompiledQuery,
  rows: readonly (readonly unknown[])[],
): number[] {
  const statements = sqliteStatements.get(db.getExecutor().adapter);
  if (!statements) throw new Error('runEachRow runs on SQLite only');
  const prepared = statements.prepare(statement.sql) as SqliteDatabase.Statement;
  return rows.map((row) => prepared.run(row).changes);
}

/**
 * After an erasure has committed: SQLite copies the WAL (which still holds the old pages) into
 * the zeroed database and truncates it; PostgreSQL vacuums the tables the erasure touched, so
 * dead rows are pruned now rather than whenever autovacuum gets there. Best effort: a busy
 * reader or a failed vacuum leaves the work to the next checkpoint or autovacuum, and the
 * erasure itself already stands, so nothing here fails the request.
 */
export async function reclaimErasedSpace(
  db: Db,
  dialect: Dialect,
  tables: readonly (keyof Database)[],
): Promise<void> {
  if (db.isTransaction) return;
  try {
    if (dialect === 'sqlite') await sql`pragma wal_checkpoint(TRUNCATE)`.execute(db);
    else await sql`vacuum ${sql.join(tables.map((t) => sql.table(t)))}`.execute(db);
  } catch {
    // see above: left to the next checkpoint or autovacuum
  }
}

/** A raw connection to a SQLite file (better-sqlite3's own API), outside the app's Kysely. */
export type SqliteFile = SqliteDatabase.Database;

/**
 * Opens a SQLite file as it is, without the app's pragmas or migrations: for the backup and
 * restore commands (the online backup API, an exclusive lock, checks of a backup file).
 */
export function openSqliteFile(file: string, options: SqliteDatabase.Options = {}): SqliteFile {
  return new SqliteDatabase(file, options);
}

export async function isDatabaseReachable(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}

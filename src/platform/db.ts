import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SqliteDatabase from 'better-sqlite3';
import {
  Kysely,
  type LogEvent,
  PostgresAdapter,
  PostgresDialect,
  SqliteDialect,
  type SqliteDatabase as SqliteDialectDatabase,
  sql,
  type Transaction,
} from 'kysely';
import pg from 'pg';
import type { DatabaseTarget } from './config.ts';
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
  /** The driver, for the few places that must hand it to a library (better-auth). */
  close: () => Promise<void>;
};

/** The one place that picks SQLite or PostgreSQL. */
/** Sees every query as it runs (the benchmark records the app's query sets with it). */
export type QueryObserver = (
  sql: string,
  parameters: readonly unknown[],
  durationMs: number,
) => void;

export function openDatabase(target: DatabaseTarget, onQuery?: QueryObserver): DatabaseHandle {
  const log = onQuery
    ? (event: LogEvent) => {
        if (event.level === 'query')
          onQuery(event.query.sql, event.query.parameters, event.queryDurationMillis);
      }
    : undefined;
  if (target.dialect === 'postgres') {
    const pool = new pg.Pool({ connectionString: target.url, max: 10 });
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
  sqlite.pragma('busy_timeout = 5000');
  // Keep the planner's statistics fresh, as SQLite recommends for long-lived connections;
  // without them it picks a poor index for the board and the lists on large practices.
  sqlite.pragma('optimize = 0x10002');
  requireMedian(sqlite);
  const db = new Kysely<Database>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
    ...(log ? { log } : {}),
  });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
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

export async function isDatabaseReachable(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}

/**
 * A SQLite connection of its own on a worker thread, behind an ordinary Kysely: its queries
 * return promises that the thread settles, so that long writes (an import's batches, their
 * commits and checkpoints) never hold the server's event loop, while the main thread goes on
 * with its own work. The thread is plain JavaScript (sqlite-thread.worker.js): a few MB, where
 * a thread loading the app's TypeScript costs some 75 MB of a server's 200 MB.
 */
import { Worker } from 'node:worker_threads';
import {
  CompiledQuery,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  Kysely,
  type QueryResult,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
} from 'kysely';
import type { DatabaseWaits } from './config.ts';
import { type DatabaseHandle, sqlitePragmas } from './db.ts';
import type { Database } from './schema.ts';

type Reply = {
  id: number;
  rows: unknown[];
  changes?: number;
  lastInsertRowid?: bigint;
  error?: { message: string; code?: string };
};

/** What the thread's SQLite raised, with its code (SQLITE_BUSY, SQLITE_CONSTRAINT_UNIQUE…). */
export class SqliteThreadError extends Error {
  readonly code: string | undefined;
  constructor(message: string, code: string | undefined) {
    super(message);
    this.name = 'SqliteThreadError';
    this.code = code;
  }
}

type Pending = { resolve: (reply: Reply) => void; reject: (error: Error) => void };

class ThreadConnection implements DatabaseConnection {
  readonly #worker: Worker;
  readonly #pending = new Map<number, Pending>();
  #next = 0;
  #failure: Error | null = null;

  constructor(worker: Worker) {
    this.#worker = worker;
    worker.on('message', (reply: Reply) => {
      const waiting = this.#pending.get(reply.id);
      if (!waiting) return;
      this.#pending.delete(reply.id);
      if (reply.error) waiting.reject(new SqliteThreadError(reply.error.message, reply.error.code));
      else waiting.resolve(reply);
    });
    const fail = (error: Error) => {
      this.#failure = error;
      for (const waiting of this.#pending.values()) waiting.reject(error);
      this.#pending.clear();
    };
    worker.on('error', fail);
    worker.on('exit', () => fail(new Error('the SQLite thread has ended')));
  }

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    if (this.#failure) throw this.#failure;
    const id = this.#next++;
    const reply = await new Promise<Reply>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      this.#worker.postMessage({ id, sql: query.sql, parameters: query.parameters });
    });
    return {
      rows: reply.rows as R[],
      ...(reply.changes === undefined ? {} : { numAffectedRows: BigInt(reply.changes) }),
      ...(reply.lastInsertRowid === undefined ? {} : { insertId: reply.lastInsertRowid }),
    };
  }

  // biome-ignore lint/correctness/useYield: streaming is not offered on this connection.
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('The SQLite thread does not stream results.');
  }
}

/** One connection, lent to one user at a time (a transaction holds it to its end). */
class ThreadDriver implements Driver {
  readonly #file: string;
  readonly #waits: DatabaseWaits;
  #worker: Worker | null = null;
  #connection: ThreadConnection | null = null;
  #queue: Promise<void> = Promise.resolve();
  #release: (() => void) | null = null;

  constructor(file: string, waits: DatabaseWaits) {
    this.#file = file;
    this.#waits = waits;
  }

  async init(): Promise<void> {
    const worker = new Worker(new URL('./sqlite-thread.worker.js', import.meta.url), {
      workerData: { file: this.#file, pragmas: sqlitePragmas(this.#waits) },
    });
    this.#worker = worker;
    await new Promise<void>((resolve, reject) => {
      const onError = (error: Error) => reject(error);
      worker.once('error', onError);
      worker.once('message', () => {
        worker.off('error', onError);
        resolve();
      });
    });
    this.#connection = new ThreadConnection(worker);
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.#queue;
    let release = () => {};
    this.#queue = new Promise<void>((resolve) => {
      release = resolve;
    });
    await previous;
    this.#release = release;
    if (!this.#connection) throw new Error('The SQLite thread is not open.');
    return this.#connection;
  }

  async releaseConnection(): Promise<void> {
    const release = this.#release;
    this.#release = null;
    release?.();
  }

  async beginTransaction(connection: DatabaseConnection): Promise<void> {
    // IMMEDIATE: the write lock from the start, so that a transaction that reads before it writes
    // never finds, at its first write, that the server's connection wrote meanwhile.
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }

  async commitTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    // After SQLITE_FULL or an I/O error SQLite has rolled back already: nothing to undo.
    await connection.executeQuery(CompiledQuery.raw('rollback')).catch(() => {});
  }

  async destroy(): Promise<void> {
    const worker = this.#worker;
    this.#worker = null;
    if (!worker) return;
    const ended = new Promise((resolve) => worker.once('exit', resolve));
    worker.postMessage({ close: true });
    await ended;
  }
}

/** Opens a SQLite file (not `:memory:`: a thread cannot share it) on a thread of its own. */
export function openSqliteThread(file: string, waits: DatabaseWaits): DatabaseHandle {
  const dialect: Dialect = {
    createDriver: () => new ThreadDriver(file, waits),
    createQueryCompiler: () => new SqliteQueryCompiler(),
    createAdapter: () => new SqliteAdapter(),
    createIntrospector: (db) => new SqliteIntrospector(db),
  };
  const db = new Kysely<Database>({ dialect });
  return { db, dialect: 'sqlite', close: () => db.destroy() };
}

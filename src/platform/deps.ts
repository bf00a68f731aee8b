import { type Auth, createAuth } from './auth.ts';
import { type Clock, systemClock } from './clock.ts';
import type { Config } from './config.ts';
import { type Db, type Dialect, openDatabase, type QueryObserver } from './db.ts';
import { migrateToLatest } from './migrations/index.ts';

/** What services need, passed explicitly (STYLE.md habit 1). */
export type Deps = {
  db: Db;
  dialect: Dialect;
  clock: Clock;
  config: Config;
  auth: Auth;
};

export type OpenOptions = {
  clock?: Clock;
  rateLimit?: boolean;
  migrate?: boolean;
  onQuery?: QueryObserver;
};

/**
 * On PostgreSQL, migrations run on connections without the request timeouts: they may wait for
 * another server's migration, or build an index on a large table, for longer than a request may.
 */
async function migrate(config: Config, db: Db, dialect: Dialect): Promise<void> {
  if (config.database.dialect !== 'postgres') {
    await migrateToLatest(db, dialect);
    return;
  }
  const unbounded = openDatabase(config.database, {
    waits: { ...config.databaseWaits, pgStatementTimeoutMs: 0, pgLockTimeoutMs: 0 },
  });
  try {
    await migrateToLatest(unbounded.db, dialect);
  } finally {
    await unbounded.close();
  }
}

/** Opens the database, brings it to the latest migration and wires accounts. */
export async function openDeps(
  config: Config,
  options: OpenOptions = {},
): Promise<Deps & { close: () => Promise<void> }> {
  const { db, dialect, close } = openDatabase(config.database, {
    waits: config.databaseWaits,
    onQuery: options.onQuery,
  });
  try {
    if (options.migrate !== false) await migrate(config, db, dialect);
  } catch (error) {
    await close();
    throw error;
  }
  const clock =
    options.clock ??
    (config.clockOffsetMs === 0
      ? systemClock
      : { now: () => new Date(Date.now() + config.clockOffsetMs) });
  const auth = createAuth(db, dialect, config, { rateLimit: options.rateLimit ?? true, clock });
  return { db, dialect, clock, config, auth, close };
}

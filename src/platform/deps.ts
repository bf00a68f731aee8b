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

/** Opens the database, brings it to the latest migration and wires accounts. */
export async function openDeps(
  config: Config,
  options: OpenOptions = {},
): Promise<Deps & { close: () => Promise<void> }> {
  const { db, dialect, close } = openDatabase(config.database, options.onQuery);
  try {
    if (options.migrate !== false) await migrateToLatest(db, dialect);
  } catch (error) {
    await close();
    throw error;
  }
  const auth = createAuth(db, dialect, config, { rateLimit: options.rateLimit ?? true });
  const clock =
    options.clock ??
    (config.clockOffsetMs === 0
      ? systemClock
      : { now: () => new Date(Date.now() + config.clockOffsetMs) });
  return { db, dialect, clock, config, auth, close };
}

import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { Dialect } from '../db.ts';

/**
 * Rate limits kept in the database, so that several servers on one PostgreSQL share them:
 * `auth_rate_limit` is better-auth's per-address counter (its `lastRequest` is epoch
 * milliseconds; a double holds them exactly and reads back as a JS number on both drivers);
 * `auth_throttle` is ours, fixed-window counters keyed by account or address.
 */
export function security(dialect: Dialect): Migration {
  const millis = dialect === 'postgres' ? 'double precision' : 'real';
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('auth_rate_limit')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('key', 'text', (c) => c.notNull().unique())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addColumn('last_request', sql.raw(millis), (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('auth_throttle')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('hits', 'integer', (c) => c.notNull())
        .addColumn('window_started_at', 'text', (c) => c.notNull())
        .execute();
      // Ended windows are swept by their start time.
      await db.schema
        .createIndex('auth_throttle_by_start')
        .on('auth_throttle')
        .column('window_started_at')
        .execute();
    },
  };
}

import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { dayMs } from './calendar.ts';

/** How long a request waits on a database someone else holds before it answers 503. */
export type DatabaseWaits = Readonly<{
  /** SQLite: how long a write waits for another process's write lock. */
  sqliteBusyMs: number;
  /** PostgreSQL: the longest a statement may run, and may wait for a lock (0: no limit). */
  pgStatementTimeoutMs: number;
  pgLockTimeoutMs: number;
}>;

export const defaultDatabaseWaits: DatabaseWaits = Object.freeze({
  sqliteBusyMs: 2000,
  pgStatementTimeoutMs: 15_000,
  pgLockTimeoutMs: 5000,
});

/** The only place that reads the environment (STYLE.md: config parsed once, frozen, passed in). */
const ZEnv = z.object({
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  VOUCH_DATA_DIR: z.string().min(1).default('./data'),
  DATABASE_URL: z.string().min(1).optional(),
  VOUCH_SECRET: z.string().min(32, 'VOUCH_SECRET must be at least 32 characters').optional(),
  VOUCH_BASE_URL: z.string().url().optional(),
  VOUCH_LOG: z.enum(['silent', 'info', 'debug']).default('info'),
  // Shifts the app's clock, to rehearse "two weeks from now" in a demo or an end-to-end test.
  VOUCH_CLOCK_OFFSET_DAYS: z.coerce.number().min(-3650).max(3650).default(0),
  // Bounded waits on a database another process holds (issue 9 §7); 0 turns a PostgreSQL limit off.
  VOUCH_DB_BUSY_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(60_000)
    .default(defaultDatabaseWaits.sqliteBusyMs),
  VOUCH_PG_STATEMENT_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(3_600_000)
    .default(defaultDatabaseWaits.pgStatementTimeoutMs),
  VOUCH_PG_LOCK_TIMEOUT_MS: z.coerce
    .number()
    .int()
    .min(0)
    .max(3_600_000)
    .default(defaultDatabaseWaits.pgLockTimeoutMs),
  // A session ends after this many days without use, and after the maximum however much it is used.
  VOUCH_SESSION_IDLE_DAYS: z.coerce.number().min(1).max(365).default(7),
  VOUCH_SESSION_MAX_DAYS: z.coerce.number().min(1).max(365).default(30),
  // The public intake page's spam limits (§3.9): forms per client address in 10 minutes (a
  // clinic behind one shared address may need more), and per referral link in an hour.
  VOUCH_INTAKE_PER_ADDRESS: z.coerce.number().int().min(1).max(1_000_000_000).default(10),
  VOUCH_INTAKE_PER_LINK: z.coerce.number().int().min(1).max(1_000_000_000).default(30),
  // The largest file an import takes (issue 13), in megabytes: beyond it, a 413 naming `file`.
  VOUCH_IMPORT_MAX_MB: z.coerce.number().min(0.001).max(10_000).default(50),
  // Webhooks may call http:// and private, loopback or link-local addresses (a receiver on this
  // machine or the office network; the tests' local receiver). Off: https and public addresses only.
  VOUCH_WEBHOOKS_ALLOW_PRIVATE: z.enum(['0', '1']).default('0'),
});

export type DatabaseTarget =
  | { dialect: 'sqlite'; file: string }
  | { dialect: 'postgres'; url: string };

export type Config = Readonly<{
  port: number;
  host: string;
  dataDir: string;
  database: DatabaseTarget;
  databaseWaits: DatabaseWaits;
  secret: string;
  baseUrl: string;
  log: 'silent' | 'info' | 'debug';
  clockOffsetMs: number;
  session: Readonly<{ idleDays: number; maxDays: number }>;
  /** Intake forms allowed per client address per 10 minutes, and per link per hour. */
  intakeLimits: Readonly<{ perAddress: number; perLink: number }>;
  /** The largest import file, in bytes (VOUCH_IMPORT_MAX_MB). */
  importMaxBytes: number;
  /** Webhooks may go to http:// and private addresses (VOUCH_WEBHOOKS_ALLOW_PRIVATE=1). */
  webhooksAllowPrivate: boolean;
}>;

/** A page of this server by its path, under the public base URL (a trailing slash or not). */
export const urlAt = (baseUrl: string, path: string): string =>
  `${baseUrl.replace(/\/+$/, '')}${path}`;

/** Turns DATABASE_URL (file:…, sqlite:…, postgres://…) or the data dir into a database target. */
export function parseDatabaseTarget(url: string | undefined, dataDir: string): DatabaseTarget {
  if (!url) return { dialect: 'sqlite', file: path.resolve(dataDir, 'vouch.db') };
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    return { dialect: 'postgres', url };
  }
  if (url.startsWith('file:') || url.startsWith('sqlite:')) {
    const file = url.replace(/^(file|sqlite):(\/\/)?/, '');
    if (file === '') throw new Error('DATABASE_URL=file: needs a path, like file:./data/vouch.db');
    return { dialect: 'sqlite', file: file === ':memory:' ? file : path.resolve(file) };
  }
  throw new Error(
    'DATABASE_URL must start with postgres://, postgresql:// or file: (for example file:./data/vouch.db)',
  );
}

/** Reads the secret from the environment, or keeps a generated one in the data directory. */
function resolveSecret(fromEnv: string | undefined, dataDir: string): string {
  if (fromEnv) return fromEnv;
  const file = path.resolve(dataDir, 'secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

export function loadConfig(
  env: Record<string, string | undefined> = process.env,
  overrides: Partial<Pick<Config, 'port'>> = {},
): Config {
  // An empty variable (FOO=) means "not set", as in most shells' habits.
  const present = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v !== ''),
  );
  const parsed = ZEnv.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const e = parsed.data;
  const port = overrides.port ?? e.PORT;
  const dataDir = path.resolve(e.VOUCH_DATA_DIR);
  return Object.freeze({
    port,
    host: e.HOST,
    dataDir,
    database: parseDatabaseTarget(e.DATABASE_URL, dataDir),
    databaseWaits: Object.freeze({
      sqliteBusyMs: e.VOUCH_DB_BUSY_MS,
      pgStatementTimeoutMs: e.VOUCH_PG_STATEMENT_TIMEOUT_MS,
      pgLockTimeoutMs: e.VOUCH_PG_LOCK_TIMEOUT_MS,
    }),
    secret: resolveSecret(e.VOUCH_SECRET, dataDir),
    baseUrl: e.VOUCH_BASE_URL ?? `http://localhost:${port}`,
    log: e.VOUCH_LOG,
    clockOffsetMs: Math.round(e.VOUCH_CLOCK_OFFSET_DAYS * dayMs),
    // The idle limit can never outlast the absolute one.
    session: Object.freeze({
      idleDays: Math.min(e.VOUCH_SESSION_IDLE_DAYS, e.VOUCH_SESSION_MAX_DAYS),
      maxDays: e.VOUCH_SESSION_MAX_DAYS,
    }),
    intakeLimits: Object.freeze({
      perAddress: e.VOUCH_INTAKE_PER_ADDRESS,
      perLink: e.VOUCH_INTAKE_PER_LINK,
    }),
    importMaxBytes: Math.round(e.VOUCH_IMPORT_MAX_MB * 1024 * 1024),
    webhooksAllowPrivate: e.VOUCH_WEBHOOKS_ALLOW_PRIVATE === '1',
  });
}

import { hash, verify } from '@node-rs/argon2';
import { betterAuth } from 'better-auth';
import { dayMs } from './calendar.ts';
import type { Config } from './config.ts';
import type { Db, Dialect } from './db.ts';
import { newId } from './ids.ts';

/** OWASP's argon2id parameters: 19 MiB of memory, 2 iterations, 1 lane. */
const argon2Options = { memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export const passwordLimits = { min: 8, max: 128 } as const;

export const hashPassword = (password: string): Promise<string> => hash(password, argon2Options);
export const verifyPassword = (stored: string, password: string): Promise<boolean> =>
  verify(stored, password);

/** better-auth counts in seconds. */
const day = dayMs / 1000;

export type AuthOptions = { rateLimit: boolean };

/**
 * better-auth owns users, passwords and sessions (stored in the database, so a restart keeps
 * everyone signed in). Its tables are our snake_case auth_* tables, built by our migrations.
 */
export function createAuth(db: Db, dialect: Dialect, config: Config, options: AuthOptions) {
  return betterAuth({
    appName: 'Vouch',
    baseURL: config.baseUrl,
    basePath: '/api/auth',
    secret: config.secret,
    telemetry: { enabled: false },
    logger: { disabled: config.log === 'silent', level: 'error' },
    database: { db, type: dialect },
    user: {
      modelName: 'auth_user',
      fields: { emailVerified: 'email_verified', createdAt: 'created_at', updatedAt: 'updated_at' },
    },
    session: {
      modelName: 'auth_session',
      fields: {
        userId: 'user_id',
        expiresAt: 'expires_at',
        ipAddress: 'ip_address',
        userAgent: 'user_agent',
        createdAt: 'created_at',
        updatedAt: 'updated_at',
      },
      // Idle expiry slides with use; the absolute lifetime is enforced in resolveActor.
      expiresIn: day * config.session.idleDays,
      updateAge: Math.min(day, (day * config.session.idleDays) / 2),
    },
    account: {
      modelName: 'auth_account',
      fields: {
        userId: 'user_id',
        accountId: 'account_id',
        providerId: 'provider_id',
        accessToken: 'access_token',
        refreshToken: 'refresh_token',
        idToken: 'id_token',
        accessTokenExpiresAt: 'access_token_expires_at',
        refreshTokenExpiresAt: 'refresh_token_expires_at',
        createdAt: 'created_at',
        updatedAt: 'updated_at',
      },
    },
    verification: {
      modelName: 'auth_verification',
      fields: { expiresAt: 'expires_at', createdAt: 'created_at', updatedAt: 'updated_at' },
    },
    emailAndPassword: {
      enabled: true,
      minPasswordLength: passwordLimits.min,
      maxPasswordLength: passwordLimits.max,
      autoSignIn: true,
      password: {
        hash: hashPassword,
        verify: ({ hash: stored, password }) => verifyPassword(stored, password),
      },
    },
    // Per address, in the database: several servers on one PostgreSQL share the counts.
    rateLimit: {
      enabled: options.rateLimit,
      window: 60,
      max: 100,
      storage: 'database',
      modelName: 'auth_rate_limit',
      fields: { lastRequest: 'last_request' },
    },
    advanced: {
      cookiePrefix: 'vouch',
      database: { generateId: () => newId() },
      ipAddress: { ipAddressHeaders: ['x-vouch-client-ip'] },
    },
  });
}

export type Auth = ReturnType<typeof createAuth>;

import { AsyncLocalStorage } from 'node:async_hooks';
import { createHash } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { betterAuth } from 'better-auth';
import { dayMs, hourMs } from './calendar.ts';
import type { Clock } from './clock.ts';
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

export type AuthOptions = { rateLimit: boolean; clock: Clock };

/** A password-reset link works once, within this time. */
export const resetLinkLifetimeMs = hourMs;

/**
 * How better-auth stores a verification identifier (`reset-password:<token>`): its kind, then a
 * SHA-256 digest of the whole, so a copy of the database holds no usable link.
 */
export function storedIdentifierOf(identifier: string): string {
  const kind = identifier.slice(0, identifier.indexOf(':') + 1);
  return `${kind}${createHash('sha256').update(identifier, 'utf8').digest('hex')}`;
}

/** The stored identifier of a password-reset token. */
export const resetIdentifierOf = (token: string): string =>
  storedIdentifierOf(`reset-password:${token}`);

export type IssuedResetLink = { userId: string; token: string };

/** The reset links better-auth issues while `captureResetLink` runs (see `sendResetPassword`). */
const issuedLinks = new AsyncLocalStorage<IssuedResetLink[]>();

/**
 * Runs `issue` (better-auth's requestPasswordReset) and answers the link it issued, if any: none
 * for an unknown email. The caller sends it, through the practice's outbox.
 */
export async function captureResetLink(
  issue: () => Promise<unknown>,
): Promise<IssuedResetLink | undefined> {
  const issued: IssuedResetLink[] = [];
  await issuedLinks.run(issued, issue);
  return issued[0];
}

/**
 * better-auth owns users, passwords and sessions (stored in the database, so a restart keeps
 * everyone signed in). Its tables are our snake_case auth_* tables, built by our migrations.
 */
export function createAuth(db: Db, dialect: Dialect, config: Config, options: AuthOptions) {
  const { clock } = options;
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
      storeIdentifier: { hash: async (identifier: string) => storedIdentifierOf(identifier) },
      // Its sweep compares with the wall clock; expiry is the app clock's (accounts sweeps).
      disableCleanup: true,
    },
    databaseHooks: {
      verification: {
        create: {
          // Each kind's lifetime counted from the app's clock, so that tests can move past it.
          before: async (verification) => {
            const lifetimeMs = verification.expiresAt.getTime() - verification.createdAt.getTime();
            return {
              data: { ...verification, expiresAt: new Date(clock.now().getTime() + lifetimeMs) },
            };
          },
        },
      },
    },
    emailAndPassword: {
      enabled: true,
      minPasswordLength: passwordLimits.min,
      maxPasswordLength: passwordLimits.max,
      autoSignIn: true,
      resetPasswordTokenExpiresIn: resetLinkLifetimeMs / 1000,
      // The link is not mailed here: accounts captures it and queues it in the practice's outbox.
      sendResetPassword: async ({ user, token }) => {
        issuedLinks.getStore()?.push({ userId: user.id, token });
      },
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

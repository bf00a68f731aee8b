import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig, parseDatabaseTarget } from './config.ts';
import { limits } from './fields.ts';

describe('database target', () => {
  it('defaults to vouch.db in the data directory', () => {
    expect(parseDatabaseTarget(undefined, '/var/vouch')).toEqual({
      dialect: 'sqlite',
      file: '/var/vouch/vouch.db',
    });
  });
  it('reads file: and postgres URLs', () => {
    expect(parseDatabaseTarget('file:./x/y.db', '/d')).toEqual({
      dialect: 'sqlite',
      file: path.resolve('./x/y.db'),
    });
    expect(parseDatabaseTarget('postgres://u@h:5432/db', '/d')).toEqual({
      dialect: 'postgres',
      url: 'postgres://u@h:5432/db',
    });
  });
  it('explains an unknown scheme', () => {
    expect(() => parseDatabaseTarget('mysql://x', '/d')).toThrow(/postgres:\/\/.*file:/);
  });
});

describe('database waits', () => {
  const base = { VOUCH_DATA_DIR: '/tmp/vouch-config-test', VOUCH_SECRET: 'x'.repeat(32) };
  it('are bounded by default', () => {
    expect(loadConfig(base).databaseWaits).toEqual({
      sqliteBusyMs: 2000,
      pgStatementTimeoutMs: 15_000,
      pgLockTimeoutMs: 5000,
    });
  });
  it('are configurable, and a nonsense value is refused by name', () => {
    const env = { ...base, VOUCH_DB_BUSY_MS: '250', VOUCH_PG_LOCK_TIMEOUT_MS: '0' };
    expect(loadConfig(env).databaseWaits).toMatchObject({ sqliteBusyMs: 250, pgLockTimeoutMs: 0 });
    expect(() => loadConfig({ ...base, VOUCH_PG_STATEMENT_TIMEOUT_MS: 'soon' })).toThrow(
      /VOUCH_PG_STATEMENT_TIMEOUT_MS/,
    );
  });
});

describe('validation limits', () => {
  it('are those of the foundation issue', () => {
    expect(limits.name).toBe(200);
    expect(limits.notes).toBe(20_000);
    expect(limits.valueProposition).toBe(280);
  });
});

describe('intake limits', () => {
  const base = { VOUCH_DATA_DIR: '/tmp/vouch-config-test', VOUCH_SECRET: 'x'.repeat(32) };
  it('are 10 per address and 30 per link unless the operator says otherwise', () => {
    expect(loadConfig(base).intakeLimits).toEqual({ perAddress: 10, perLink: 30 });
    expect(
      loadConfig({ ...base, VOUCH_INTAKE_PER_ADDRESS: '200', VOUCH_INTAKE_PER_LINK: '500' })
        .intakeLimits,
    ).toEqual({ perAddress: 200, perLink: 500 });
  });
  it('refuse what is not a positive count', () => {
    expect(() => loadConfig({ ...base, VOUCH_INTAKE_PER_LINK: '0' })).toThrow(
      /VOUCH_INTAKE_PER_LINK/,
    );
  });
});

describe('import size limit', () => {
  const base = { VOUCH_DATA_DIR: '/tmp/vouch-config-test', VOUCH_SECRET: 'x'.repeat(32) };
  it('is 50 MB unless the operator says otherwise (fractions allowed, for tests)', () => {
    expect(loadConfig(base).importMaxBytes).toBe(50 * 1024 * 1024);
    expect(loadConfig({ ...base, VOUCH_IMPORT_MAX_MB: '200' }).importMaxBytes).toBe(
      200 * 1024 * 1024,
    );
    expect(loadConfig({ ...base, VOUCH_IMPORT_MAX_MB: '0.01' }).importMaxBytes).toBe(10_486);
  });
  it('refuses what is not a positive size', () => {
    expect(() => loadConfig({ ...base, VOUCH_IMPORT_MAX_MB: '0' })).toThrow(/VOUCH_IMPORT_MAX_MB/);
    expect(() => loadConfig({ ...base, VOUCH_IMPORT_MAX_MB: 'lots' })).toThrow(
      /VOUCH_IMPORT_MAX_MB/,
    );
  });
});

describe('webhooks to private addresses', () => {
  const base = { VOUCH_DATA_DIR: '/tmp/vouch-config-test', VOUCH_SECRET: 'x'.repeat(32) };
  it('are off unless the operator sets VOUCH_WEBHOOKS_ALLOW_PRIVATE=1', () => {
    expect(loadConfig(base).webhooksAllowPrivate).toBe(false);
    expect(loadConfig({ ...base, VOUCH_WEBHOOKS_ALLOW_PRIVATE: '0' }).webhooksAllowPrivate).toBe(
      false,
    );
    expect(loadConfig({ ...base, VOUCH_WEBHOOKS_ALLOW_PRIVATE: '1' }).webhooksAllowPrivate).toBe(
      true,
    );
    expect(() => loadConfig({ ...base, VOUCH_WEBHOOKS_ALLOW_PRIVATE: 'yes' })).toThrow(
      /VOUCH_WEBHOOKS_ALLOW_PRIVATE/,
    );
  });
});

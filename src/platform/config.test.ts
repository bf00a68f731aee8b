import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDatabaseTarget } from './config.ts';
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

describe('validation limits', () => {
  it('are those of the foundation issue', () => {
    expect(limits.name).toBe(200);
    expect(limits.notes).toBe(20_000);
    expect(limits.valueProposition).toBe(280);
  });
});

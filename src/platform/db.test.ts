import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import {
  bulkCheckpointPages,
  type DatabaseHandle,
  inTransaction,
  openDatabase,
  runEachRow,
  withBulkWrites,
} from './db.ts';

describe('runEachRow (SQLite)', () => {
  let handle: DatabaseHandle | null = null;
  afterEach(async () => {
    await handle?.close();
    handle = null;
  });

  it('runs one compiled statement per row, in the transaction, and answers what each changed', async () => {
    handle = openDatabase({ dialect: 'sqlite', file: ':memory:' });
    const { db } = handle;
    await sql`create table circle_note (id text primary key, body text not null)`.execute(db);
    const insert = (trx: typeof db) =>
      sql`insert into circle_note (id, body) values (${'a'}, ${'first'}) on conflict (id) do nothing`.compile(
        trx,
      );
    const changes = await inTransaction(db, async (trx) =>
      runEachRow(trx, insert(trx), [
        ['a', 'first'],
        ['b', 'second'],
        ['a', 'again'],
      ]),
    );
    expect(changes).toEqual([1, 1, 0]);
    const { rows } = await sql<{
      id: string;
      body: string;
    }>`select id, body from circle_note order by id`.execute(db);
    expect(rows).toEqual([
      { id: 'a', body: 'first' },
      { id: 'b', body: 'second' },
    ]);

    // A failure rolls the whole transaction back, the rows run before it with it.
    await expect(
      inTransaction(db, async (trx) => {
        runEachRow(trx, insert(trx), [['c', 'third']]);
        runEachRow(trx, insert(trx), [['d', null]]);
      }),
    ).rejects.toThrow(/NOT NULL/);
    const after = await sql<{ n: number }>`select count(*) as n from circle_note`.execute(db);
    expect(after.rows[0]?.n).toBe(2);
  });

  it('checkpoints the WAL less often while a bulk load runs, and as before after it, even a failed one', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'vouch-db-'));
    handle = openDatabase({ dialect: 'sqlite', file: path.join(dir, 'bulk.db') });
    const { db } = handle;
    const interval = async () =>
      (await sql<{ wal_autocheckpoint: number }>`pragma wal_autocheckpoint`.execute(db)).rows[0]
        ?.wal_autocheckpoint;
    const before = await interval();
    expect(await withBulkWrites(db, interval)).toBe(bulkCheckpointPages);
    expect(await interval()).toBe(before);
    await expect(
      withBulkWrites(db, async () => {
        throw new Error('a batch failed');
      }),
    ).rejects.toThrow('a batch failed');
    expect(await interval()).toBe(before);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Generated, type Kysely, sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultDatabaseWaits } from './config.ts';
import { type DatabaseHandle, inRedoableTransaction, openDatabase } from './db.ts';
import { openSqliteThread, SqliteThreadError } from './sqlite-thread.ts';

type Note = { id: Generated<number>; body: string };
/** A table of the test's own, through the app's Kysely type. */
const notes = (db: object) => db as Kysely<{ note: Note }>;

describe('a SQLite connection on a thread', () => {
  let dir: string;
  let server: DatabaseHandle;
  let thread: DatabaseHandle;

  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'vouch-thread-'));
    const file = path.join(dir, 'vouch.db');
    server = openDatabase({ dialect: 'sqlite', file });
    await sql`create table note (id integer primary key, body text not null unique)`.execute(
      server.db,
    );
    thread = openSqliteThread(file, defaultDatabaseWaits);
  });

  afterEach(async () => {
    await thread.close();
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs queries and answers rows, counts and ids', async () => {
    const db = notes(thread.db);
    const made = await db.insertInto('note').values({ id: 7, body: 'first' }).executeTakeFirst();
    expect(made.insertId).toBe(7n);
    const returned = await db
      .insertInto('note')
      .values([{ body: 'second' }, { body: 'third' }])
      .returning(['id', 'body'])
      .execute();
    expect(returned.map((r) => r.body)).toEqual(['second', 'third']);
    const changed = await db
      .updateTable('note')
      .set({ body: 'FIRST' })
      .where('id', '=', 7)
      .execute();
    expect(changed[0]?.numUpdatedRows).toBe(1n);
    // The server's own connection sees what the thread committed (WAL).
    expect(
      (await notes(server.db).selectFrom('note').select('body').orderBy('id').execute()).map(
        (r) => r.body,
      ),
    ).toEqual(['FIRST', 'second', 'third']);
  });

  it("commits a transaction whole or not at all, and names SQLite's error", async () => {
    const db = notes(thread.db);
    const failed = db.transaction().execute(async (trx) => {
      await trx.insertInto('note').values({ body: 'kept?' }).execute();
      await trx.insertInto('note').values({ body: 'kept?' }).execute();
    });
    await expect(failed).rejects.toBeInstanceOf(SqliteThreadError);
    await expect(failed).rejects.toMatchObject({ code: 'SQLITE_CONSTRAINT_UNIQUE' });
    expect(await db.selectFrom('note').selectAll().execute()).toEqual([]);
    // The connection is usable after the rollback.
    await inRedoableTransaction(thread.db, async (trx) => {
      await notes(trx).insertInto('note').values({ body: 'after' }).execute();
    });
    expect(await db.selectFrom('note').select('body').execute()).toEqual([{ body: 'after' }]);
  });

  it('lends its one connection to one transaction at a time', async () => {
    const db = notes(thread.db);
    const writer = (name: string) =>
      db.transaction().execute(async (trx) => {
        for (let i = 0; i < 5; i++) {
          await trx
            .insertInto('note')
            .values({ body: `${name}${i}` })
            .execute();
          // Another transaction would start here if the connection were shared.
          await new Promise((r) => setTimeout(r, 1));
        }
      });
    await Promise.all([writer('a'), writer('b'), db.selectFrom('note').selectAll().execute()]);
    const bodies = (await db.selectFrom('note').select('body').orderBy('id').execute()).map(
      (r) => r.body,
    );
    const first = bodies[0]?.[0];
    // Each transaction's rows together: one ran after the other.
    expect(bodies).toEqual(
      [0, 1, 2, 3, 4]
        .map((i) => `${first}${i}`)
        .concat([0, 1, 2, 3, 4].map((i) => `${first === 'a' ? 'b' : 'a'}${i}`)),
    );
  });
});

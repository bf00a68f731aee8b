import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { Dialect } from '../db.ts';

/**
 * Erasure (PRODUCT.md §8): a referral whose referred person was erased stays as an anonymous
 * row, so the referrer's counts, the goal and insights still hold; its `referred_id` becomes
 * null. PostgreSQL drops the NOT NULL; SQLite cannot, so the table is rebuilt the way SQLite
 * documents (foreign keys off, copy, drop, rename, indexes again), from its own stored DDL so
 * columns added by earlier migrations come along.
 */
export function erasure(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      if (dialect === 'postgres') {
        await sql`alter table referral alter column referred_id drop not null`.execute(db);
        return;
      }
      await rebuildSqliteReferral(db);
    },
  };
}

async function rebuildSqliteReferral(db: Kysely<unknown>): Promise<void> {
  const schema = await sql<{ type: string; sql: string }>`
    select type, sql from sqlite_master
    where tbl_name = 'referral' and sql is not null order by type = 'table' desc`.execute(db);
  const [table, ...dependents] = schema.rows;
  const notNull = '"referred_id" text not null';
  if (table?.type !== 'table' || !table.sql.includes(notNull))
    throw new Error('0013-erasure: the referral table is not in the shape this migration knows.');
  const createNew = table.sql
    .replace(/^CREATE TABLE "referral"/, 'CREATE TABLE "referral_erasable"')
    .replace(notNull, '"referred_id" text');
  // Generated columns (hidden 2 or 3) are computed, not copied.
  const columns = await sql<{ name: string }>`
    select name from pragma_table_xinfo('referral') where hidden = 0`.execute(db);
  const list = sql.join(columns.rows.map((c) => sql.ref(c.name)));
  // foreign_keys cannot change inside a transaction; SQLite migrations run outside one.
  await sql`pragma foreign_keys = off`.execute(db);
  try {
    await sql`begin immediate`.execute(db);
    try {
      await sql.raw(createNew).execute(db);
      await sql`insert into referral_erasable (${list}) select ${list} from referral`.execute(db);
      await sql`drop table referral`.execute(db);
      await sql`alter table referral_erasable rename to referral`.execute(db);
      for (const d of dependents) await sql.raw(d.sql).execute(db);
      const broken = await sql`pragma foreign_key_check`.execute(db);
      if (broken.rows.length > 0) throw new Error('0013-erasure: a foreign key broke.');
      await sql`commit`.execute(db);
    } catch (error) {
      await sql`rollback`.execute(db);
      throw error;
    }
  } finally {
    await sql`pragma foreign_keys = on`.execute(db);
  }
}

import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { Dialect } from '../db.ts';

/**
 * The three response lags of a referral (PRODUCT.md §5, responsiveness) as generated columns,
 * in minutes: received → first contact, received → thank-you, status change → the referrer told
 * of that status. Insights take their medians over a year of referrals; computed from the ISO
 * text on every read, the date arithmetic was most of the cost (on PostgreSQL ~150 of 170 ms
 * for 45,000 referrals). The database keeps them, so no service can forget to.
 *
 * SQLite adds them as virtual columns (ALTER TABLE cannot add stored ones) and the covering
 * index below stores their values; PostgreSQL stores them, through an immutable function: the
 * timestamps are written in UTC with a `Z`, so their meaning does not depend on the session's
 * time zone, which is why declaring the text → timestamptz arithmetic immutable is sound here.
 */
const lags = {
  first_contact_minutes: ['received_at', 'first_contact_at'],
  thank_lag_minutes: ['received_at', 'thanked_at'],
  update_lag_minutes: ['status_changed_at', 'referrer_told_at'],
} as const;

/** Only an update about the current status, told after that status was reached, counts. */
const updateTold = sql`referrer_told_status = status and referrer_told_at >= status_changed_at`;

export function referralLags(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      if (dialect === 'postgres')
        await sql`
          create function vouch_minutes_between(from_at text, to_at text)
          returns double precision language sql immutable parallel safe
          as $$ select extract(epoch from (to_at::timestamptz - from_at::timestamptz))::float8 / 60 $$
        `.execute(db);
      const minutes = (from: string, to: string) =>
        dialect === 'postgres'
          ? sql`vouch_minutes_between(${sql.ref(from)}, ${sql.ref(to)})`
          : sql`((julianday(${sql.ref(to)}) - julianday(${sql.ref(from)})) * 1440.0)`;
      for (const [column, [from, to]] of Object.entries(lags)) {
        const value =
          column === 'update_lag_minutes'
            ? sql`case when ${updateTold} then ${minutes(from, to)} end`
            : minutes(from, to);
        await db.schema
          .alterTable('referral')
          .addColumn(column, dialect === 'postgres' ? 'double precision' : 'real', (c) => {
            const generated = c.generatedAlwaysAs(value);
            return dialect === 'postgres' ? generated.stored() : generated;
          })
          .execute();
      }
      await db.schema.dropIndex('referral_responsiveness').execute();
      await db.schema
        .createIndex('referral_responsiveness')
        .on('referral')
        .columns(['practice_id', 'received_at', ...Object.keys(lags)])
        .execute();
    },
  };
}

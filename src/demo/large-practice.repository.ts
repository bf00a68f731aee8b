import { type Insertable, sql } from 'kysely';
import type { Db } from '../platform/db.ts';
import type { Database } from '../platform/schema.ts';

/** The generated practice's rows, table by table: a data loader, not a fixture. */
export type LargePracticeRows = {
  [T in
    | 'category'
    | 'circle'
    | 'contact'
    | 'contact_role'
    | 'contact_circle'
    | 'stage_change'
    | 'interaction'
    | 'referral'
    | 'referral_tag'
    | 'referral_event'
    | 'referral_given']: Insertable<Database[T]>[];
};

/** Writes rows in chunks, within the caller's transaction. */
async function inBatches<T>(rows: T[], write: (chunk: T[]) => Promise<unknown>, size = 400) {
  for (let i = 0; i < rows.length; i += size) await write(rows.slice(i, i + size));
}

/** Inserts every row in one transaction, parents before children, in multi-row batches. */
export async function insertLargePracticeRows(db: Db, rows: LargePracticeRows): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await inBatches(rows.category, (c) => trx.insertInto('category').values(c).execute());
    await inBatches(rows.circle, (c) => trx.insertInto('circle').values(c).execute());
    await inBatches(rows.contact, (c) => trx.insertInto('contact').values(c).execute(), 200);
    await inBatches(rows.contact_role, (c) => trx.insertInto('contact_role').values(c).execute());
    await inBatches(rows.contact_circle, (c) =>
      trx.insertInto('contact_circle').values(c).execute(),
    );
    await inBatches(rows.stage_change, (c) => trx.insertInto('stage_change').values(c).execute());
    await inBatches(rows.interaction, (c) => trx.insertInto('interaction').values(c).execute());
    await inBatches(rows.referral, (c) => trx.insertInto('referral').values(c).execute(), 200);
    await inBatches(rows.referral_tag, (c) => trx.insertInto('referral_tag').values(c).execute());
    await inBatches(rows.referral_event, (c) =>
      trx.insertInto('referral_event').values(c).execute(),
    );
    await inBatches(rows.referral_given, (c) =>
      trx.insertInto('referral_given').values(c).execute(),
    );
  });
}

/** Fresh statistics, so that the planner picks the right indexes straight away. */
export async function analyzeDatabase(db: Db): Promise<void> {
  await sql`analyze`.execute(db);
}

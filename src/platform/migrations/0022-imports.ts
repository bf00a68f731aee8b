import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';
import type { Dialect } from '../db.ts';

/**
 * Imports of contacts (issue 13, PRODUCT.md §8):
 * - `import_batch`: one uploaded file, its mapping and options, and the job's progress and
 *   counts (everything the progress bar needs survives a reload or a restart);
 * - `import_chunk`: the uploaded bytes in order, so that any server (pg-boss) can run the job;
 *   deleted when the import finishes. No foreign key to the batch: the chunks are written while
 *   the body streams in, before the batch row exists (see import.service.ts `uploadImport`);
 * - `import_problem`: the invalid records, by line;
 * - `contact.import_id`, the import that made a contact (undo finds them by it), and
 *   `contact.phone_key`, the phone's digits for duplicate detection, filled in here for the
 *   contacts that have a phone (in JS, 500 at a time: SQL cannot say the rule in both dialects).
 */
export function imports(dialect: Dialect): Migration {
  return {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('import_batch')
        .addColumn('practice_id', 'text', (c) =>
          c.notNull().references('practice.id').onDelete('cascade'),
        )
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('format', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('shape', 'text', (c) => c.notNull())
        .addColumn('mapping', 'text', (c) => c.notNull())
        .addColumn('options', 'text')
        .addColumn('rows_total', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('rows_done', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('merged_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('skipped_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('invalid_count', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('started_at', 'text')
        .addColumn('finished_at', 'text')
        .addColumn('error', 'text')
        .addColumn('undo', 'text')
        .addColumn('runner', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('import_batch_pk', ['practice_id', 'id'])
        .execute();
      // The list, newest first.
      await db.schema
        .createIndex('import_batch_by_created')
        .on('import_batch')
        .columns(['practice_id', 'created_at', 'id'])
        .execute();
      // The worker's look for work: small, since only imports waiting or running are in it.
      await db.schema
        .createIndex('import_batch_active')
        .on('import_batch')
        .columns(['status', 'updated_at'])
        .where(sql<boolean>`status in ('queued', 'running')`)
        .execute();

      await db.schema
        .createTable('import_chunk')
        .addColumn('practice_id', 'text', (c) =>
          c.notNull().references('practice.id').onDelete('cascade'),
        )
        .addColumn('import_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'integer', (c) => c.notNull())
        .addColumn('data', dialect === 'postgres' ? 'bytea' : 'blob', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('import_chunk_pk', ['practice_id', 'import_id', 'seq'])
        .execute();

      await db.schema
        .createTable('import_problem')
        .addColumn('practice_id', 'text', (c) => c.notNull())
        .addColumn('import_id', 'text', (c) => c.notNull())
        .addColumn('line', 'integer', (c) => c.notNull())
        .addColumn('reason', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('import_problem_pk', ['practice_id', 'import_id', 'line'])
        .addForeignKeyConstraint(
          'import_problem_batch_fk',
          ['practice_id', 'import_id'],
          'import_batch',
          ['practice_id', 'id'],
          (fk) => fk.onDelete('cascade'),
        )
        .execute();

      await db.schema.alterTable('contact').addColumn('import_id', 'text').execute();
      await db.schema.alterTable('contact').addColumn('phone_key', 'text').execute();
      await db.schema
        .createIndex('contact_by_phone_key')
        .on('contact')
        .columns(['practice_id', 'phone_key'])
        .where(sql.ref('phone_key'), 'is not', null)
        .execute();
      await db.schema
        .createIndex('contact_by_import')
        .on('contact')
        // With the id: undo walks an import's contacts in id order, a page at a time.
        .columns(['practice_id', 'import_id', 'id'])
        .where(sql.ref('import_id'), 'is not', null)
        .execute();
      await backfillPhoneKeys(db);
    },
  };
}

/**
 * contact.rules.ts `phoneKey` as it stood when this migration was written: platform/ imports no
 * feature, and a migration must give the same result whatever the rule becomes later.
 */
function phoneKeyAt0022(phone: string): string | null {
  const number = phone.replace(/\s*(?:;\s*ext=|ext\.?|extension|x|#)\s*\d+\s*$/i, '');
  let digits = number.replace(/\D+/g, '');
  if (!/^\s*\+/.test(number) && digits.startsWith('00')) digits = digits.slice(2);
  if (digits.length === 11 && digits.startsWith('1')) digits = digits.slice(1);
  return digits.length >= 7 ? digits : null;
}

/** The contacts with a phone, 500 at a time in key order, each given its key. */
async function backfillPhoneKeys(db: Kysely<unknown>): Promise<void> {
  type Row = { practice_id: string; id: string; phone: string };
  let after: { practice_id: string; id: string } | null = null;
  for (;;) {
    const page: { rows: Row[] } = await sql<Row>`
      select practice_id, id, phone from contact
       where phone is not null
         ${after ? sql`and (practice_id > ${after.practice_id} or (practice_id = ${after.practice_id} and id > ${after.id}))` : sql``}
       order by practice_id, id limit 500`.execute(db);
    for (const row of page.rows) {
      const key = phoneKeyAt0022(row.phone);
      if (key !== null)
        await sql`update contact set phone_key = ${key}
                   where practice_id = ${row.practice_id} and id = ${row.id}`.execute(db);
    }
    const last = page.rows.at(-1);
    if (!last || page.rows.length < 500) return;
    after = { practice_id: last.practice_id, id: last.id };
  }
}

import type { Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Issue 9 §2, races PostgreSQL shows. `message.fact_key` names the one-time fact a message
 * records (a thank-you, the nth reminder, …); its unique index lets exactly one of several
 * concurrent writers record it. `idempotency_key` remembers the first answer to a POST sent
 * with an `Idempotency-Key` header, so a replay returns it instead of running again.
 */
export const idempotency: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('message').addColumn('fact_key', 'text').execute();
    // NULLs are distinct in both databases: messages that record nothing never collide.
    await db.schema
      .createIndex('message_fact_key')
      .on('message')
      .columns(['practice_id', 'fact_key'])
      .unique()
      .execute();

    await db.schema
      .createTable('idempotency_key')
      .addColumn('practice_id', 'text', (c) => c.notNull())
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      .addColumn('request_hash', 'text', (c) => c.notNull())
      // null while the first request runs; then its answer
      .addColumn('status', 'integer')
      .addColumn('content_type', 'text')
      .addColumn('response_body', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('idempotency_key_pk', ['practice_id', 'user_id', 'key'])
      .addForeignKeyConstraint(
        'idempotency_key_practice_fk',
        ['practice_id'],
        'practice',
        ['id'],
        (fk) => fk.onDelete('cascade'),
      )
      .execute();
    await db.schema
      .createIndex('idempotency_key_by_expiry')
      .on('idempotency_key')
      .columns(['expires_at'])
      .execute();
  },
};

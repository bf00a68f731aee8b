import { type Kysely, sql } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Webhooks (issue 14, PRODUCT.md §9):
 * - `webhook_endpoint`: an owner's endpoint, the events it wants (JSON), its signing secret
 *   sealed with the server secret, and its health (failing since, paused at);
 * - `webhook_event`: one thing that happened, written in the transaction of its cause, with its
 *   thin payload (ids, type, time, status: never a person's name, need or notes); its id is the
 *   `webhook-id` every attempt at every endpoint carries;
 * - `webhook_delivery`: one event for one endpoint, the worker's unit of work and the delivery
 *   log (attempts, last status code, duration, a short excerpt of the answer, next try);
 * - `api_token.read_only`: a token that may only read (GET).
 */
export const webhooks: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('webhook_endpoint')
      .addColumn('practice_id', 'text', (c) =>
        c.notNull().references('practice.id').onDelete('cascade'),
      )
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('description', 'text')
      .addColumn('events', 'text', (c) => c.notNull())
      .addColumn('secret_sealed', 'text', (c) => c.notNull())
      .addColumn('failing_since', 'text')
      .addColumn('paused_at', 'text')
      .addColumn('created_by', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('webhook_endpoint_pk', ['practice_id', 'id'])
      .execute();

    await db.schema
      .createTable('webhook_event')
      .addColumn('practice_id', 'text', (c) =>
        c.notNull().references('practice.id').onDelete('cascade'),
      )
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('payload', 'text', (c) => c.notNull())
      .addColumn('occurred_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('webhook_event_pk', ['practice_id', 'id'])
      .execute();

    await db.schema
      .createTable('webhook_delivery')
      .addColumn('practice_id', 'text', (c) => c.notNull())
      .addColumn('id', 'text', (c) => c.notNull())
      .addColumn('endpoint_id', 'text', (c) => c.notNull())
      .addColumn('event_id', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'text')
      .addColumn('retry_until', 'text', (c) => c.notNull())
      .addColumn('last_attempt_at', 'text')
      .addColumn('last_status_code', 'integer')
      .addColumn('last_duration_ms', 'integer')
      .addColumn('last_error', 'text')
      .addColumn('response_excerpt', 'text')
      .addColumn('delivered_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('webhook_delivery_pk', ['practice_id', 'id'])
      .addForeignKeyConstraint(
        'webhook_delivery_endpoint_fk',
        ['practice_id', 'endpoint_id'],
        'webhook_endpoint',
        ['practice_id', 'id'],
        (fk) => fk.onDelete('cascade'),
      )
      .addForeignKeyConstraint(
        'webhook_delivery_event_fk',
        ['practice_id', 'event_id'],
        'webhook_event',
        ['practice_id', 'id'],
        (fk) => fk.onDelete('cascade'),
      )
      .execute();
    // The delivery log of an endpoint, newest first.
    await db.schema
      .createIndex('webhook_delivery_by_endpoint')
      .on('webhook_delivery')
      .columns(['practice_id', 'endpoint_id', 'created_at', 'id'])
      .execute();
    // The worker's look for work: only deliveries waiting or in flight are in it.
    await db.schema
      .createIndex('webhook_delivery_due')
      .on('webhook_delivery')
      .columns(['status', 'next_attempt_at'])
      .where(sql<boolean>`status in ('pending', 'sending')`)
      .execute();
    // The hourly clean-up: finished deliveries past the log's 30 days.
    await db.schema
      .createIndex('webhook_delivery_finished')
      .on('webhook_delivery')
      .columns(['created_at'])
      .where(sql<boolean>`status in ('delivered', 'failed')`)
      .execute();
    // An event's deliveries (the event is deleted with its last one).
    await db.schema
      .createIndex('webhook_delivery_by_event')
      .on('webhook_delivery')
      .columns(['practice_id', 'event_id'])
      .execute();

    await db.schema
      .alterTable('api_token')
      .addColumn('read_only', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
  },
};

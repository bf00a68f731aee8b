/** All SQL of webhooks; every function takes the practice (the worker's due query aside). */
import type { Selectable } from 'kysely';
import type { Queryable } from '../platform/db.ts';
import type {
  WebhookDeliveryTable,
  WebhookEndpointTable,
  WebhookEventTable,
} from './webhook.tables.ts';

export type EndpointRow = Selectable<WebhookEndpointTable>;
export type EventRow = Selectable<WebhookEventTable>;
export type DeliveryRow = Selectable<WebhookDeliveryTable>;

export async function insertEndpointRow(db: Queryable, row: EndpointRow): Promise<void> {
  await db.insertInto('webhook_endpoint').values(row).execute();
}

export function findEndpointRow(
  db: Queryable,
  practiceId: string,
  id: string,
): Promise<EndpointRow | undefined> {
  return db
    .selectFrom('webhook_endpoint')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export function listEndpointRows(db: Queryable, practiceId: string): Promise<EndpointRow[]> {
  return db
    .selectFrom('webhook_endpoint')
    .selectAll()
    .where('practice_id', '=', practiceId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** The practice's active endpoints (paused ones get no new events), with what each wants. */
export function listActiveEndpoints(db: Queryable, practiceId: string) {
  return db
    .selectFrom('webhook_endpoint')
    .select(['id', 'events'])
    .where('practice_id', '=', practiceId)
    .where('paused_at', 'is', null)
    .execute();
}

export async function updateEndpointRow(
  db: Queryable,
  practiceId: string,
  id: string,
  changes: Partial<Omit<EndpointRow, 'practice_id' | 'id' | 'created_at'>>,
): Promise<void> {
  await db
    .updateTable('webhook_endpoint')
    .set(changes)
    .where('practice_id', '=', practiceId)
    .where('id', '=', id)
    .execute();
}

export async function deleteEndpointRow(db: Queryable, practiceId: string, id: string) {
  await db
    .deleteFrom('webhook_endpoint')
    .where('practice_id', '=', practiceId)
    .where('id', '=', id)
    .execute();
}

/** The log's old end, across practices (the worker's clean-up): finished before `before`. */
export async function pruneFinishedDeliveries(db: Queryable, before: string): Promise<number> {
  const result = await db
    .deleteFrom('webhook_delivery')
    .where('status', 'in', ['delivered', 'failed'])
    .where('created_at', '<', before)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * Events that no delivery awaits or logs any more: of one practice (its endpoint removed, their
 * deliveries with it), or of every practice (the worker's clean-up of the log's old end).
 */
export async function deleteEventsWithoutDeliveries(
  db: Queryable,
  practiceId?: string,
): Promise<void> {
  let query = db
    .deleteFrom('webhook_event')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('webhook_delivery as d')
            .select('d.id')
            .whereRef('d.practice_id', '=', 'webhook_event.practice_id')
            .whereRef('d.event_id', '=', 'webhook_event.id'),
        ),
      ),
    );
  if (practiceId !== undefined) query = query.where('practice_id', '=', practiceId);
  await query.execute();
}

export async function insertEventRow(db: Queryable, row: EventRow): Promise<void> {
  await db.insertInto('webhook_event').values(row).execute();
}

export async function insertDeliveryRows(db: Queryable, rows: DeliveryRow[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('webhook_delivery').values(rows).execute();
}

/** Deliveries due now, oldest first, of endpoints that are not paused (the worker's query). */
export function listDueDeliveries(db: Queryable, now: string, limit: number) {
  return db
    .selectFrom('webhook_delivery as d')
    .innerJoin('webhook_endpoint as e', (j) =>
      j.onRef('e.practice_id', '=', 'd.practice_id').onRef('e.id', '=', 'd.endpoint_id'),
    )
    .select(['d.practice_id', 'd.id'])
    .where('d.status', '=', 'pending')
    .where('d.next_attempt_at', '<=', now)
    .where('e.paused_at', 'is', null)
    .orderBy('d.next_attempt_at')
    .limit(limit)
    .execute();
}

/**
 * The claim: only one worker moves a due delivery from pending to sending (the conditional
 * UPDATE is the lock, on PostgreSQL as on SQLite), so one attempt is made once. The lease
 * (`next_attempt_at` while sending) frees it again if that worker dies.
 */
export async function claimDelivery(
  db: Queryable,
  practiceId: string,
  id: string,
  now: string,
  leaseUntil: string,
): Promise<boolean> {
  const result = await db
    .updateTable('webhook_delivery')
    .set((eb) => ({
      status: 'sending',
      attempts: eb('attempts', '+', 1),
      next_attempt_at: leaseUntil,
      last_attempt_at: now,
    }))
    .where('practice_id', '=', practiceId)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .where('next_attempt_at', '<=', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A claimed delivery with what its attempt needs: the endpoint and the event. */
export function findClaimedDelivery(db: Queryable, practiceId: string, id: string) {
  return db
    .selectFrom('webhook_delivery as d')
    .innerJoin('webhook_endpoint as e', (j) =>
      j.onRef('e.practice_id', '=', 'd.practice_id').onRef('e.id', '=', 'd.endpoint_id'),
    )
    .innerJoin('webhook_event as v', (j) =>
      j.onRef('v.practice_id', '=', 'd.practice_id').onRef('v.id', '=', 'd.event_id'),
    )
    .select([
      'd.practice_id',
      'd.id',
      'd.endpoint_id',
      'd.event_id',
      'd.attempts',
      'd.retry_until',
      'e.url',
      'e.secret_sealed',
      'e.paused_at',
      'v.payload',
    ])
    .where('d.practice_id', '=', practiceId)
    .where('d.id', '=', id)
    .where('d.status', '=', 'sending')
    .executeTakeFirst();
}

/** Ends a claimed attempt (only while it is still this claim's: status `sending`). */
export async function finishDelivery(
  db: Queryable,
  practiceId: string,
  id: string,
  changes: Partial<Omit<DeliveryRow, 'practice_id' | 'id'>>,
): Promise<void> {
  await db
    .updateTable('webhook_delivery')
    .set(changes)
    .where('practice_id', '=', practiceId)
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .execute();
}

/**
 * Claims whose worker died mid-attempt go back to pending: the receiver may have had it, and
 * drops the repeat by its `webhook-id` (at least once).
 */
export async function releaseExpiredClaims(db: Queryable, now: string): Promise<number> {
  const result = await db
    .updateTable('webhook_delivery')
    .set({ status: 'pending', next_attempt_at: now })
    .where('status', '=', 'sending')
    .where('next_attempt_at', '<', now)
    .executeTakeFirst();
  return Number(result.numUpdatedRows);
}

/** The first failure since the last success starts the endpoint's failing clock. */
export async function markEndpointFailing(
  db: Queryable,
  practiceId: string,
  id: string,
  at: string,
): Promise<EndpointRow | undefined> {
  await db
    .updateTable('webhook_endpoint')
    .set({ failing_since: at })
    .where('practice_id', '=', practiceId)
    .where('id', '=', id)
    .where('failing_since', 'is', null)
    .execute();
  return findEndpointRow(db, practiceId, id);
}

export async function markEndpointHealthy(db: Queryable, practiceId: string, id: string) {
  await db
    .updateTable('webhook_endpoint')
    .set({ failing_since: null })
    .where('practice_id', '=', practiceId)
    .where('id', '=', id)
    .where('failing_since', 'is not', null)
    .execute();
}

/** Pauses an active endpoint; true for the one caller that paused it (its owner is told once). */
export async function pauseEndpointRow(
  db: Queryable,
  practiceId: string,
  id: string,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('webhook_endpoint')
    .set({ paused_at: at, updated_at: at })
    .where('practice_id', '=', practiceId)
    .where('id', '=', id)
    .where('paused_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Waiting deliveries of a resumed endpoint get a new day of retries from now. */
export async function renewPendingDeliveries(
  db: Queryable,
  practiceId: string,
  endpointId: string,
  now: string,
  retryUntil: string,
) {
  await db
    .updateTable('webhook_delivery')
    .set({ next_attempt_at: now, retry_until: retryUntil })
    .where('practice_id', '=', practiceId)
    .where('endpoint_id', '=', endpointId)
    .where('status', '=', 'pending')
    .execute();
}

export type DeliveryListRow = DeliveryRow & { type: string; occurred_at: string };

/** An endpoint's delivery log, newest first, a page after `after` (created_at, id). */
export function listDeliveryRows(
  db: Queryable,
  practiceId: string,
  endpointId: string,
  after: { createdAt: string; id: string } | null,
  limit: number,
): Promise<DeliveryListRow[]> {
  let query = db
    .selectFrom('webhook_delivery as d')
    .innerJoin('webhook_event as v', (j) =>
      j.onRef('v.practice_id', '=', 'd.practice_id').onRef('v.id', '=', 'd.event_id'),
    )
    .selectAll('d')
    .select(['v.type', 'v.occurred_at'])
    .where('d.practice_id', '=', practiceId)
    .where('d.endpoint_id', '=', endpointId);
  if (after)
    query = query.where((eb) =>
      eb.or([
        eb('d.created_at', '<', after.createdAt),
        eb.and([eb('d.created_at', '=', after.createdAt), eb('d.id', '<', after.id)]),
      ]),
    );
  return query.orderBy('d.created_at', 'desc').orderBy('d.id', 'desc').limit(limit).execute();
}

export function findDeliveryRow(
  db: Queryable,
  practiceId: string,
  endpointId: string,
  id: string,
): Promise<DeliveryListRow | undefined> {
  return db
    .selectFrom('webhook_delivery as d')
    .innerJoin('webhook_event as v', (j) =>
      j.onRef('v.practice_id', '=', 'd.practice_id').onRef('v.id', '=', 'd.event_id'),
    )
    .selectAll('d')
    .select(['v.type', 'v.occurred_at'])
    .where('d.practice_id', '=', practiceId)
    .where('d.endpoint_id', '=', endpointId)
    .where('d.id', '=', id)
    .executeTakeFirst();
}

/** "Send again": due now, a new day of retries; not while an attempt is in flight. */
export async function requeueDelivery(
  db: Queryable,
  practiceId: string,
  id: string,
  now: string,
  retryUntil: string,
): Promise<boolean> {
  const result = await db
    .updateTable('webhook_delivery')
    .set({ status: 'pending', next_attempt_at: now, retry_until: retryUntil })
    .where('practice_id', '=', practiceId)
    .where('id', '=', id)
    .where('status', '!=', 'sending')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

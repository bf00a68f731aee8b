/**
 * Webhook endpoints and their delivery log (issue 14, PRODUCT.md §9), for owners only: an
 * endpoint is where practice events leave Vouch, so it is the owner's to open (§8).
 */
import { randomBytes } from 'node:crypto';
import { encryptSecret } from '../outbox/secret-box.ts';
import { requireOwner } from '../platform/actor.ts';
import { recordAudit } from '../platform/audit.ts';
import { toTimestamp } from '../platform/clock.ts';
import { inTransaction } from '../platform/db.ts';
import type { Deps } from '../platform/deps.ts';
import { AppError, fieldError, notFound } from '../platform/errors.ts';
import type { Actor } from '../platform/http.ts';
import { newId } from '../platform/ids.ts';
import { refuseInDemo } from '../practices/practice.service.ts';
import {
  type DeliveryListRow,
  deleteEndpointRow,
  deleteEventsWithoutDeliveries,
  type EndpointRow,
  findDeliveryRow,
  findEndpointRow,
  insertEndpointRow,
  listDeliveryRows,
  listEndpointRows,
  renewPendingDeliveries,
  requeueDelivery,
  updateEndpointRow,
} from './webhook.repository.ts';
import { retryWindowMs, urlRefusal, type WebhookEventType } from './webhook.rules.ts';
import type {
  CreateWebhookEndpoint,
  ListDeliveriesQuery,
  UpdateWebhookEndpoint,
  WebhookDelivery,
  WebhookEndpoint,
} from './webhook.schemas.ts';

/** The purpose the signing secrets are sealed under (outbox/secret-box.ts). */
export const secretPurpose = 'webhook-secret';

function toEndpoint(row: EndpointRow): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: JSON.parse(row.events) as WebhookEventType[],
    pausedAt: row.paused_at,
    failingSince: row.failing_since,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function toDelivery(row: DeliveryListRow): WebhookDelivery {
  return {
    id: row.id,
    eventId: row.event_id,
    eventType: row.type as WebhookEventType,
    occurredAt: row.occurred_at,
    status: row.status,
    attempts: Number(row.attempts),
    lastAttemptAt: row.last_attempt_at,
    lastStatusCode: row.last_status_code === null ? null : Number(row.last_status_code),
    lastDurationMs: row.last_duration_ms === null ? null : Number(row.last_duration_ms),
    lastError: row.last_error,
    responseExcerpt: row.response_excerpt,
    nextAttemptAt: row.status === 'pending' ? row.next_attempt_at : null,
    deliveredAt: row.delivered_at,
    createdAt: row.created_at,
  };
}

function checkUrl(deps: Pick<Deps, 'config'>, url: string): void {
  const refusal = urlRefusal(url, deps.config.webhooksAllowPrivate);
  if (refusal) throw fieldError('url', refusal);
}

/** Events listed once each, in the order of the list of events. */
const eventsText = (events: readonly WebhookEventType[]) => JSON.stringify([...new Set(events)]);

/** A Standard Webhooks secret: `whsec_` and 24 random bytes in base64. */
const newSecret = () => `whsec_${randomBytes(24).toString('base64')}`;

export async function listEndpoints(deps: Deps, actor: Actor): Promise<WebhookEndpoint[]> {
  requireOwner(actor, 'manage webhooks');
  return (await listEndpointRows(deps.db, actor.practiceId)).map(toEndpoint);
}

async function requireEndpoint(deps: Deps, actor: Actor, id: string): Promise<EndpointRow> {
  const row = await findEndpointRow(deps.db, actor.practiceId, id);
  if (!row) throw notFound('The webhook endpoint');
  return row;
}

export async function getEndpoint(deps: Deps, actor: Actor, id: string): Promise<WebhookEndpoint> {
  requireOwner(actor, 'manage webhooks');
  return toEndpoint(await requireEndpoint(deps, actor, id));
}

/** Registers an endpoint; its secret is in this answer only (sealed in the database). */
export async function createEndpoint(
  deps: Deps,
  actor: Actor,
  input: CreateWebhookEndpoint,
): Promise<WebhookEndpoint & { secret: string }> {
  requireOwner(actor, 'manage webhooks');
  checkUrl(deps, input.url);
  await refuseInDemo(deps.db, actor.practiceId, 'Webhooks');
  const secret = newSecret();
  const now = toTimestamp(deps.clock.now());
  const row: EndpointRow = {
    practice_id: actor.practiceId,
    id: newId(),
    url: input.url,
    description: input.description ?? null,
    events: eventsText(input.events),
    secret_sealed: encryptSecret(deps.config.secret, secretPurpose, secret),
    failing_since: null,
    paused_at: null,
    created_by: actor.userId,
    created_at: now,
    updated_at: now,
  };
  await inTransaction(deps.db, async (trx) => {
    await insertEndpointRow(trx, row);
    // The URL may name a customer's system; the audit keeps ids and the events only.
    await recordAudit(trx, deps.clock, {
      practiceId: actor.practiceId,
      userId: actor.userId,
      action: 'webhook_endpoint.created',
      subjectType: 'webhook_endpoint',
      subjectId: row.id,
      detail: { events: JSON.parse(row.events) as unknown },
    });
  });
  return { ...toEndpoint(row), secret };
}

/** Changes the URL, events or description; `paused: false` resumes, `true` pauses. */
export async function updateEndpoint(
  deps: Deps,
  actor: Actor,
  id: string,
  input: UpdateWebhookEndpoint,
): Promise<WebhookEndpoint> {
  requireOwner(actor, 'manage webhooks');
  if (input.url !== undefined) checkUrl(deps, input.url);
  const nowDate = deps.clock.now();
  const now = toTimestamp(nowDate);
  return inTransaction(deps.db, async (trx) => {
    const row = await findEndpointRow(trx, actor.practiceId, id);
    if (!row) throw notFound('The webhook endpoint');
    const changes: Partial<EndpointRow> = { updated_at: now };
    if (input.url !== undefined) changes.url = input.url;
    if (input.events !== undefined) changes.events = eventsText(input.events);
    if (input.description !== undefined) changes.description = input.description;
    if (input.paused === true && row.paused_at === null) changes.paused_at = now;
    if (input.paused === false && row.paused_at !== null) {
      changes.paused_at = null;
      changes.failing_since = null;
      // What waited while it was paused gets a fresh day of retries.
      await renewPendingDeliveries(
        trx,
        actor.practiceId,
        id,
        now,
        toTimestamp(new Date(nowDate.getTime() + retryWindowMs)),
      );
    }
    await updateEndpointRow(trx, actor.practiceId, id, changes);
    // Where the practice's events go is as sensitive as registering it: audited, ids only.
    const retargeted = (['url', 'events'] as const).filter((f) => changes[f] !== undefined);
    if (retargeted.length > 0)
      await recordAudit(trx, deps.clock, {
        practiceId: actor.practiceId,
        userId: actor.userId,
        action: 'webhook_endpoint.updated',
        subjectType: 'webhook_endpoint',
        subjectId: id,
        detail: { changed: retargeted },
      });
    if (changes.paused_at !== undefined)
      await recordAudit(trx, deps.clock, {
        practiceId: actor.practiceId,
        userId: actor.userId,
        action: changes.paused_at === null ? 'webhook_endpoint.resumed' : 'webhook_endpoint.paused',
        subjectType: 'webhook_endpoint',
        subjectId: id,
      });
    return toEndpoint({ ...row, ...changes });
  });
}

/** Removes an endpoint with its delivery log; events no other endpoint awaits go too. */
export async function deleteEndpoint(deps: Deps, actor: Actor, id: string): Promise<void> {
  requireOwner(actor, 'manage webhooks');
  await inTransaction(deps.db, async (trx) => {
    const row = await findEndpointRow(trx, actor.practiceId, id);
    if (!row) throw notFound('The webhook endpoint');
    await deleteEndpointRow(trx, actor.practiceId, id);
    await deleteEventsWithoutDeliveries(trx, actor.practiceId);
    await recordAudit(trx, deps.clock, {
      practiceId: actor.practiceId,
      userId: actor.userId,
      action: 'webhook_endpoint.deleted',
      subjectType: 'webhook_endpoint',
      subjectId: id,
    });
  });
}

const encodeCursor = (row: { created_at: string; id: string }) =>
  Buffer.from(JSON.stringify(['delivery', row.created_at, row.id])).toString('base64url');

function decodeCursor(cursor: string): { createdAt: string; id: string } {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(parsed) &&
      parsed.length === 3 &&
      parsed[0] === 'delivery' &&
      typeof parsed[1] === 'string' &&
      typeof parsed[2] === 'string'
    )
      return { createdAt: parsed[1], id: parsed[2] };
  } catch {
    // Falls through to the refusal below.
  }
  throw fieldError('cursor', 'This cursor is not valid; start again without it.');
}

/** An endpoint's delivery log, newest first. */
export async function listDeliveries(
  deps: Deps,
  actor: Actor,
  endpointId: string,
  query: ListDeliveriesQuery,
): Promise<{ items: WebhookDelivery[]; nextCursor: string | null }> {
  requireOwner(actor, 'manage webhooks');
  const after = query.cursor ? decodeCursor(query.cursor) : null;
  await requireEndpoint(deps, actor, endpointId);
  const rows = await listDeliveryRows(
    deps.db,
    actor.practiceId,
    endpointId,
    after,
    query.limit + 1,
  );
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(toDelivery),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last) : null,
  };
}

/**
 * "Send again": the delivery is due at once with a new day of retries, under the same
 * `webhook-id` (a receiver that had it drops the repeat). Not while an attempt is in flight.
 */
export async function resendDelivery(
  deps: Deps,
  actor: Actor,
  endpointId: string,
  deliveryId: string,
): Promise<WebhookDelivery> {
  requireOwner(actor, 'manage webhooks');
  const nowDate = deps.clock.now();
  return inTransaction(deps.db, async (trx) => {
    const row = await findDeliveryRow(trx, actor.practiceId, endpointId, deliveryId);
    if (!row) throw notFound('The delivery');
    const requeued = await requeueDelivery(
      trx,
      actor.practiceId,
      deliveryId,
      toTimestamp(nowDate),
      toTimestamp(new Date(nowDate.getTime() + retryWindowMs)),
    );
    if (!requeued)
      throw new AppError(
        'conflict',
        'This delivery is being attempted right now; look again in a few seconds.',
      );
    const after = await findDeliveryRow(trx, actor.practiceId, endpointId, deliveryId);
    if (!after) throw notFound('The delivery');
    return toDelivery(after);
  });
}

/**
 * Recording what happened for the practice's webhook endpoints (PRODUCT.md §9), inside the
 * transaction of its cause, so that an event exists exactly when its cause committed. The
 * worker (webhook.worker.ts) delivers it afterwards. Imports nothing of the features that call
 * it (referrals, contacts, commitments, the kit), so no import cycle can form.
 */
import { toTimestamp } from '../platform/clock.ts';
import type { Tx } from '../platform/db.ts';
import { newId } from '../platform/ids.ts';
import { insertDeliveryRows, insertEventRow, listActiveEndpoints } from './webhook.repository.ts';
import { retryWindowMs, type WebhookEventType } from './webhook.rules.ts';
import type { WebhookEventData } from './webhook.schemas.ts';

/** What the caller says about an event: the practice is added here. */
export type WebhookEventInput = {
  [T in WebhookEventType]: {
    type: T;
    occurredAt: string;
    data: Omit<WebhookEventData[T], 'practiceId'>;
  };
}[WebhookEventType];

/** The body sent, as Standard Webhooks lays it out: `type`, `timestamp`, `data`. */
export function payloadOf(practiceId: string, event: WebhookEventInput): string {
  return JSON.stringify({
    type: event.type,
    timestamp: event.occurredAt,
    data: { practiceId, ...event.data },
  });
}

/**
 * Writes the event and one pending delivery per active endpoint that wants it, in the caller's
 * transaction (`now`: a stored timestamp). Nothing is written when no endpoint wants it, so a
 * practice without webhooks pays one indexed read. Answers the event's id (null when none was
 * written).
 */
export async function recordWebhookEvent(
  trx: Tx,
  practiceId: string,
  now: string,
  event: WebhookEventInput,
): Promise<string | null> {
  const endpoints = await listActiveEndpoints(trx, practiceId);
  const wanting = endpoints.filter((e) => (JSON.parse(e.events) as string[]).includes(event.type));
  if (wanting.length === 0) return null;
  const id = newId();
  await insertEventRow(trx, {
    practice_id: practiceId,
    id,
    type: event.type,
    payload: payloadOf(practiceId, event),
    occurred_at: event.occurredAt,
  });
  const retryUntil = toTimestamp(new Date(Date.parse(now) + retryWindowMs));
  await insertDeliveryRows(
    trx,
    wanting.map((endpoint) => ({
      practice_id: practiceId,
      id: newId(),
      endpoint_id: endpoint.id,
      event_id: id,
      status: 'pending' as const,
      attempts: 0,
      next_attempt_at: now,
      retry_until: retryUntil,
      last_attempt_at: null,
      last_status_code: null,
      last_duration_ms: null,
      last_error: null,
      response_excerpt: null,
      delivered_at: null,
      created_at: now,
    })),
  );
  return id;
}

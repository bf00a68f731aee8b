import type { DeliveryStatus } from './webhook.rules.ts';

/**
 * Webhooks (migration 0026): endpoints, events and their deliveries. Merged into the app's
 * `Database` (platform/schema.ts): this feature owns their shape.
 */
declare module '../platform/schema.ts' {
  interface Database {
    webhook_endpoint: WebhookEndpointTable;
    webhook_event: WebhookEventTable;
    webhook_delivery: WebhookDeliveryTable;
  }
}

export type WebhookEndpointTable = {
  practice_id: string;
  id: string;
  url: string;
  description: string | null;
  /** JSON array of the event types it wants (webhook.rules.ts `webhookEventTypes`). */
  events: string;
  /** The `whsec_…` signing secret, sealed with the server secret (never exported). */
  secret_sealed: string;
  /** The first failed attempt since the last success; null while it is healthy. */
  failing_since: string | null;
  /** When it was paused (three days of failures, or by its owner); null: active. */
  paused_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
};

export type WebhookEventTable = {
  practice_id: string;
  /** The `webhook-id` of every attempt at every endpoint: receivers drop repeats by it. */
  id: string;
  type: string;
  /** The JSON body sent, as signed: ids, type, time and status only (§3.2). */
  payload: string;
  occurred_at: string;
};

export type WebhookDeliveryTable = {
  practice_id: string;
  id: string;
  endpoint_id: string;
  event_id: string;
  status: DeliveryStatus;
  attempts: number;
  /** Pending: when it is due; sending: until when the claim holds; null when finished. */
  next_attempt_at: string | null;
  /** Retries stop after this (a day after the event, or after a "send again"). */
  retry_until: string;
  last_attempt_at: string | null;
  last_status_code: number | null;
  last_duration_ms: number | null;
  last_error: string | null;
  /** The first characters of the receiver's answer, never more (webhook.rules `excerptOf`). */
  response_excerpt: string | null;
  delivered_at: string | null;
  created_at: string;
};

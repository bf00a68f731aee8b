import { z } from '@hono/zod-openapi';
import { pageFields, ZId, ZText, ZTimestamp } from '../platform/fields.ts';
import { referralStatuses } from '../referrals/referral.rules.ts';
import { deliveryStatuses, webhookEventTypes } from './webhook.rules.ts';

export const ZWebhookEventType = z.enum(webhookEventTypes).openapi('WebhookEventType');

const urlMax = 2000;

export const ZCreateWebhookEndpoint = z
  .strictObject({
    url: z
      .string()
      .trim()
      .min(1)
      .max(urlMax)
      .openapi({ description: 'Where deliveries are POSTed: https, a public address.' }),
    events: z
      .array(ZWebhookEventType)
      .min(1)
      .max(webhookEventTypes.length)
      .openapi({ description: 'The events this endpoint receives.' }),
    description: ZText(200).nullable().optional(),
  })
  .openapi('CreateWebhookEndpoint');
export type CreateWebhookEndpoint = z.infer<typeof ZCreateWebhookEndpoint>;

export const ZUpdateWebhookEndpoint = z
  .strictObject({
    url: ZCreateWebhookEndpoint.shape.url.optional(),
    events: ZCreateWebhookEndpoint.shape.events.optional(),
    description: ZText(200).nullable().optional(),
    paused: z.boolean().optional().openapi({
      description: '`false` resumes a paused endpoint (its waiting deliveries go out again).',
    }),
  })
  .openapi('UpdateWebhookEndpoint');
export type UpdateWebhookEndpoint = z.infer<typeof ZUpdateWebhookEndpoint>;

export const ZWebhookEndpoint = z
  .object({
    id: z.string(),
    url: z.string(),
    description: z.string().nullable(),
    events: z.array(ZWebhookEventType),
    /** Paused after three days of failures, or by an owner. */
    pausedAt: ZTimestamp.nullable(),
    failingSince: ZTimestamp.nullable(),
    createdAt: ZTimestamp,
    updatedAt: ZTimestamp,
  })
  .openapi('WebhookEndpoint');
export type WebhookEndpoint = z.infer<typeof ZWebhookEndpoint>;

export const ZCreatedWebhookEndpoint = ZWebhookEndpoint.extend({
  secret: z.string().openapi({
    description:
      'The signing secret (`whsec_…`, Standard Webhooks). It is shown only this once; verify deliveries with it.',
  }),
}).openapi('CreatedWebhookEndpoint');

export const ZWebhookDelivery = z
  .object({
    id: z.string(),
    eventId: z.string().openapi({ description: 'The `webhook-id` header: the same on every try.' }),
    eventType: ZWebhookEventType,
    occurredAt: ZTimestamp,
    status: z.enum(deliveryStatuses),
    attempts: z.number().int(),
    lastAttemptAt: ZTimestamp.nullable(),
    lastStatusCode: z.number().int().nullable(),
    lastDurationMs: z.number().int().nullable(),
    lastError: z.string().nullable(),
    responseExcerpt: z
      .string()
      .nullable()
      .openapi({ description: 'The first 256 characters of the answer; the rest is not kept.' }),
    nextAttemptAt: ZTimestamp.nullable(),
    deliveredAt: ZTimestamp.nullable(),
    createdAt: ZTimestamp,
  })
  .openapi('WebhookDelivery');
export type WebhookDelivery = z.infer<typeof ZWebhookDelivery>;

export const ZWebhookDeliveryPage = z
  .object({ items: z.array(ZWebhookDelivery), nextCursor: z.string().nullable() })
  .openapi('WebhookDeliveryPage');

export const ZListDeliveriesQuery = z.strictObject(pageFields);
export type ListDeliveriesQuery = z.infer<typeof ZListDeliveriesQuery>;

export const ZDeliveryParams = z.object({
  id: ZId.openapi({ param: { name: 'id', in: 'path' } }),
  deliveryId: ZId.openapi({ param: { name: 'deliveryId', in: 'path' } }),
});

// The payloads, as sent (Standard Webhooks' `type`, `timestamp`, `data`). Thin on purpose
// (§3.2): ids, status and times, never a person's name, contact details, need or notes; read
// the rest through the API with a token.
const ZReferralStatus = z.enum(referralStatuses);
const eventDataOf = {
  'referral.created': z.object({
    practiceId: z.string(),
    referralId: z.string(),
    referrerId: z.string().nullable(),
    referredId: z.string().nullable(),
    status: ZReferralStatus,
    receivedAt: ZTimestamp,
  }),
  'referral.status_changed': z.object({
    practiceId: z.string(),
    referralId: z.string(),
    from: ZReferralStatus,
    to: ZReferralStatus,
    at: ZTimestamp,
    correction: z.boolean(),
  }),
  'commitment.fulfilled': z.object({
    practiceId: z.string(),
    commitmentId: z.string(),
    contactId: z.string(),
    fulfilledAt: ZTimestamp,
  }),
  'contact.created': z.object({
    practiceId: z.string(),
    contactId: z.string(),
    createdAt: ZTimestamp,
  }),
  'intake.submitted': z.object({
    practiceId: z.string(),
    linkId: z.string(),
    referralId: z.string(),
    submittedAt: ZTimestamp,
  }),
} as const satisfies Record<(typeof webhookEventTypes)[number], z.ZodType>;

export type WebhookEventData = {
  [T in keyof typeof eventDataOf]: z.infer<(typeof eventDataOf)[T]>;
};

/** The body of one event's delivery: for the OpenAPI document's `webhooks`. */
export const webhookPayloadSchemaOf = (type: (typeof webhookEventTypes)[number]): z.ZodType =>
  z
    .object({ type: z.literal(type), timestamp: ZTimestamp, data: eventDataOf[type] })
    .openapi(`WebhookPayload_${type.replace('.', '_')}`);

import { createRoute, z } from '@hono/zod-openapi';
import { actorOf } from '../platform/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { ZIdParam } from '../platform/fields.ts';
import {
  createRouter,
  jsonBody,
  jsonContent,
  ownerOnlyResponses,
  problemResponses,
} from '../platform/http.ts';
import { type WebhookEventType, webhookEventTypes } from './webhook.rules.ts';
import {
  webhookPayloadSchemaOf,
  ZCreatedWebhookEndpoint,
  ZCreateWebhookEndpoint,
  ZDeliveryParams,
  ZListDeliveriesQuery,
  ZUpdateWebhookEndpoint,
  ZWebhookDelivery,
  ZWebhookDeliveryPage,
  ZWebhookEndpoint,
} from './webhook.schemas.ts';
import {
  createEndpoint,
  deleteEndpoint,
  getEndpoint,
  listDeliveries,
  listEndpoints,
  resendDelivery,
  updateEndpoint,
} from './webhook.service.ts';

const webhookEventDescriptions: Record<WebhookEventType, string> = {
  'referral.created':
    'A referral was received (quick-add, an introduction or an intake form). Ids and its status only.',
  'referral.status_changed':
    "A referral's status moved (or was corrected, or reopened): from, to and when.",
  'commitment.fulfilled': "A referrer's commitment reached its promised count.",
  'contact.created':
    'A contact was added by hand or on the way by a referral or intake form (not by an import: an import of thousands would flood the receiver).',
  'intake.submitted':
    'A form came in through a referral link, with the referral it made or joined.',
};

const tags = ['Webhooks'];
const responses = { ...problemResponses, ...ownerOnlyResponses };

/** Webhook endpoints and their delivery log (§9), for the practice's owners. */
export function webhookRoutes(deps: Deps) {
  const r = createRouter();
  r.openapi(
    createRoute({
      method: 'get',
      path: '/webhooks',
      tags,
      operationId: 'listWebhookEndpoints',
      summary: 'List webhook endpoints',
      description: 'Owners only (403 otherwise). Secrets are never listed.',
      responses: {
        200: jsonContent(z.object({ items: z.array(ZWebhookEndpoint) }), 'The endpoints'),
        ...responses,
      },
    }),
    async (c) => c.json({ items: await listEndpoints(deps, actorOf(c)) }, 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/webhooks',
      tags,
      operationId: 'createWebhookEndpoint',
      summary: 'Register a webhook endpoint',
      description:
        'Owners only. Deliveries follow Standard Webhooks: a POST of JSON with `webhook-id` ' +
        '(the event id, the same on every retry: drop repeats by it), `webhook-timestamp` and ' +
        '`webhook-signature` (HMAC-SHA256 with the secret); verify them with a standardwebhooks ' +
        'library. A 2xx answer within 10 s counts; anything else is retried with backoff for a ' +
        'day; an endpoint failing for three days is paused and the owners are told. The URL must ' +
        'be https and reach a public address (checked again at every attempt, after DNS); ' +
        'redirects are not followed. The `secret` is in this answer only; an Idempotency-Key ' +
        'replay is refused (409) rather than answering it again. Payloads carry ids, type, ' +
        "time and status, never a person's name, contact details, need or notes: read those " +
        'through the API with a token.',
      request: jsonBody(ZCreateWebhookEndpoint),
      responses: { 201: jsonContent(ZCreatedWebhookEndpoint, 'The endpoint'), ...responses },
    }),
    async (c) => c.json(await createEndpoint(deps, actorOf(c), c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/webhooks/{id}',
      tags,
      operationId: 'getWebhookEndpoint',
      summary: 'Get a webhook endpoint',
      description: 'Owners only.',
      request: { params: ZIdParam },
      responses: { 200: jsonContent(ZWebhookEndpoint, 'The endpoint'), ...responses },
    }),
    async (c) => c.json(await getEndpoint(deps, actorOf(c), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({
      method: 'patch',
      path: '/webhooks/{id}',
      tags,
      operationId: 'updateWebhookEndpoint',
      summary: 'Change, pause or resume a webhook endpoint',
      description:
        'Owners only. `paused: false` resumes a paused endpoint: what waited gets a new day ' +
        'of retries.',
      request: { params: ZIdParam, ...jsonBody(ZUpdateWebhookEndpoint) },
      responses: { 200: jsonContent(ZWebhookEndpoint, 'The endpoint'), ...responses },
    }),
    async (c) =>
      c.json(
        await updateEndpoint(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  );
  r.openapi(
    createRoute({
      method: 'delete',
      path: '/webhooks/{id}',
      tags,
      operationId: 'deleteWebhookEndpoint',
      summary: 'Remove a webhook endpoint',
      description: 'Owners only. Its delivery log goes with it.',
      request: { params: ZIdParam },
      responses: { 204: { description: 'Removed' }, ...responses },
    }),
    async (c) => {
      await deleteEndpoint(deps, actorOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/webhooks/{id}/deliveries',
      tags,
      operationId: 'listWebhookDeliveries',
      summary: "List an endpoint's deliveries",
      description:
        'Owners only. Newest first: status, attempts, the last status code and duration, the ' +
        'start of the answer (256 characters at most) and the next try.',
      request: { params: ZIdParam, query: ZListDeliveriesQuery },
      responses: { 200: jsonContent(ZWebhookDeliveryPage, 'A page'), ...responses },
    }),
    async (c) =>
      c.json(
        await listDeliveries(deps, actorOf(c), c.req.valid('param').id, c.req.valid('query')),
        200,
      ),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/webhooks/{id}/deliveries/{deliveryId}/resend',
      tags,
      operationId: 'retryWebhookDelivery',
      summary: 'Send a delivery again',
      description:
        'Owners only. Due at once with a new day of retries, under the same `webhook-id`. A ' +
        'paused endpoint sends it once resumed. 409 while an attempt is in flight.',
      request: { params: ZDeliveryParams, ...jsonBody(z.strictObject({})) },
      responses: { 200: jsonContent(ZWebhookDelivery, 'The delivery'), ...responses },
    }),
    async (c) => {
      const { id, deliveryId } = c.req.valid('param');
      return c.json(await resendDelivery(deps, actorOf(c), id, deliveryId), 200);
    },
  );
  return r;
}

type Registry = ReturnType<typeof createRouter>['openAPIRegistry'];

/**
 * The events a receiver gets, under the document's `webhooks` (OpenAPI 3.1): one POST per
 * event type with its payload and the Standard Webhooks headers. Registered on the document's
 * own registry: a router's would prefix each name with a slash.
 */
export function registerWebhookEvents(registry: Registry): void {
  const headers = z.object({
    'webhook-id': z.string().openapi({
      description: 'The event id: the same on every retry; drop a repeat you have seen.',
    }),
    'webhook-timestamp': z
      .string()
      .openapi({ description: 'Seconds since 1970 when this attempt was signed.' }),
    'webhook-signature': z.string().openapi({
      description:
        '`v1,<base64 HMAC-SHA256>` of `id.timestamp.body` with the endpoint secret (Standard Webhooks).',
    }),
  });
  for (const type of webhookEventTypes)
    registry.registerWebhook({
      method: 'post',
      path: type,
      tags,
      operationId: `on${type
        .split(/[._]/)
        .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
        .join('')}`,
      summary: `The ${type} event`,
      description: webhookEventDescriptions[type],
      request: {
        headers,
        body: { content: { 'application/json': { schema: webhookPayloadSchemaOf(type) } } },
      },
      responses: {
        200: { description: 'Any 2xx within 10 s: delivered. Anything else is retried.' },
      },
    });
}

import { createRoute } from '@hono/zod-openapi';
import { actorOf } from '../platform/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { ZIdParam } from '../platform/fields.ts';
import { createRouter, jsonBody, jsonContent, problemResponses } from '../platform/http.ts';
import {
  ZCreateIncentive,
  ZDeliverIncentive,
  ZIncentive,
  ZIncentiveList,
  ZIncentivePreview,
  ZListIncentivesQuery,
  ZRecordDisclosure,
} from './incentive.schemas.ts';
import {
  createIncentive,
  deliverIncentive,
  listIncentives,
  previewIncentive,
  recordDisclosure,
} from './incentive.service.ts';

const tags = ['Incentives'];

/** What the practice gives in return, under its ethics policy (PRODUCT.md §7). */
export function incentiveRoutes(deps: Deps) {
  const r = createRouter();
  r.openapi(
    createRoute({
      method: 'post',
      path: '/incentives/preview',
      tags,
      operationId: 'previewIncentive',
      summary: "Preview an incentive's ruling",
      description:
        'The ruling an incentive would be created under, and the refusal if any, before ' +
        'saving it. Takes the create body.',
      request: jsonBody(ZCreateIncentive),
      responses: { 200: jsonContent(ZIncentivePreview, 'The ruling'), ...problemResponses },
    }),
    async (c) => c.json(await previewIncentive(deps, actorOf(c), c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/incentives',
      tags,
      operationId: 'createIncentive',
      summary: 'Create an incentive',
      description:
        'Promise an incentive. Prohibited is 422 with the reason and source. Under ' +
        '`nominal_only` it is refused (422 naming `kind`, `valueMinor`, `currency` or ' +
        '`isPromisedInAdvance`) without `valueMinor`, in another currency than the ' +
        "practice's, above nominalGiftMinor (exactly the amount is allowed), or promised " +
        'in advance (linked to a commitment, `isPromisedInAdvance`, or `promisedAt` ' +
        'before the linked referral was received). `recipientContactId` defaults to the ' +
        "referral's referrer or referred person, or the commitment's contact.",
      request: jsonBody(ZCreateIncentive),
      responses: { 201: jsonContent(ZIncentive, 'The incentive'), ...problemResponses },
    }),
    async (c) => c.json(await createIncentive(deps, actorOf(c), c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/incentives',
      tags,
      operationId: 'listIncentives',
      summary: 'List incentives',
      description: 'Newest promise first.',
      request: { query: ZListIncentivesQuery },
      responses: { 200: jsonContent(ZIncentiveList, 'The incentives'), ...problemResponses },
    }),
    async (c) => c.json(await listIncentives(deps, actorOf(c), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/incentives/{id}/disclosure',
      tags,
      operationId: 'recordIncentiveDisclosure',
      summary: "Record an incentive's disclosure",
      description: 'The disclosure to the client.',
      request: { params: ZIdParam, ...jsonBody(ZRecordDisclosure) },
      responses: { 200: jsonContent(ZIncentive, 'The incentive'), ...problemResponses },
    }),
    async (c) =>
      c.json(
        await recordDisclosure(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/incentives/{id}/deliver',
      tags,
      operationId: 'deliverIncentive',
      summary: 'Deliver an incentive',
      description:
        'Once: already delivered is 409, and two concurrent calls deliver once. Under ' +
        '`allowed_with_disclosure`, delivering before a disclosure is recorded is 422.',
      request: { params: ZIdParam, ...jsonBody(ZDeliverIncentive) },
      responses: { 200: jsonContent(ZIncentive, 'The incentive'), ...problemResponses },
    }),
    async (c) =>
      c.json(
        await deliverIncentive(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  );
  return r;
}

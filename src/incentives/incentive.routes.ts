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
      summary: 'The ruling an incentive would be created under, before saving it',
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
      summary: 'Promise an incentive; refused with reason and source when the policy forbids it',
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
      summary: 'Incentives, newest promise first',
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
      summary: 'Record the disclosure to the client',
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
      summary: 'Mark delivered, once; disclosure first where the policy requires it',
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

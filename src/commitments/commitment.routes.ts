import { createRoute } from '@hono/zod-openapi';
import { actorOf } from '../platform/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { ZIdParam } from '../platform/fields.ts';
import { createRouter, jsonBody, jsonContent, problemResponses } from '../platform/http.ts';
import {
  ZCommitment,
  ZCommitmentCreated,
  ZCommitmentDetail,
  ZCommitmentList,
  ZCreateCommitment,
  ZListCommitmentsQuery,
  ZRecordReminder,
  ZReleaseCommitment,
  ZUpdateCommitment,
} from './commitment.schemas.ts';
import {
  createCommitment,
  getCommitment,
  listCommitments,
  recordReminder,
  releaseCommitment,
  updateCommitment,
} from './commitment.service.ts';

const tags = ['Commitments'];

/** Commitments to refer, their credits and reminders (PRODUCT.md §3.4). */
export function commitmentRoutes(deps: Deps) {
  const r = createRouter();
  r.openapi(
    createRoute({
      method: 'post',
      path: '/contacts/{id}/commitments',
      tags,
      summary: 'Record that a contact promised to refer N people',
      request: { params: ZIdParam, ...jsonBody(ZCreateCommitment) },
      responses: {
        201: jsonContent(ZCommitmentCreated, 'The commitment and warnings'),
        ...problemResponses,
      },
    }),
    async (c) =>
      c.json(
        await createCommitment(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json')),
        201,
      ),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/commitments',
      tags,
      summary: 'Commitments, newest first',
      request: { query: ZListCommitmentsQuery },
      responses: { 200: jsonContent(ZCommitmentList, 'The commitments'), ...problemResponses },
    }),
    async (c) => c.json(await listCommitments(deps, actorOf(c), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/commitments/{id}',
      tags,
      summary: 'One commitment with the referrals credited to it',
      request: { params: ZIdParam },
      responses: { 200: jsonContent(ZCommitmentDetail, 'The commitment'), ...problemResponses },
    }),
    async (c) => c.json(await getCommitment(deps, actorOf(c), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({
      method: 'patch',
      path: '/commitments/{id}',
      tags,
      summary: 'Change the promised count, incentives, due date or note',
      request: { params: ZIdParam, ...jsonBody(ZUpdateCommitment) },
      responses: { 200: jsonContent(ZCommitment, 'The commitment'), ...problemResponses },
    }),
    async (c) =>
      c.json(
        await updateCommitment(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/commitments/{id}/release',
      tags,
      summary: 'Release an open commitment gracefully',
      request: { params: ZIdParam, ...jsonBody(ZReleaseCommitment) },
      responses: { 200: jsonContent(ZCommitment, 'The commitment'), ...problemResponses },
    }),
    async (c) =>
      c.json(
        await releaseCommitment(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/commitments/{id}/reminders',
      tags,
      summary: 'Record a reminder sent by hand',
      request: { params: ZIdParam, ...jsonBody(ZRecordReminder) },
      responses: { 200: jsonContent(ZCommitment, 'The commitment'), ...problemResponses },
    }),
    async (c) =>
      c.json(
        await recordReminder(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  );
  return r;
}

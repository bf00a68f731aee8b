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
      operationId: 'createCommitment',
      summary: 'Create a commitment',
      description:
        'Records that a contact promised to refer N people. Referrals received from the ' +
        'contact after `madeAt` credit their oldest open commitment; reaching the count ' +
        "fulfils it. With a past `madeAt`, the contact's referrals since then that credit " +
        "nothing yet are credited. With `askId`, the ask's outcome becomes `committed` " +
        'when it had none (an ask of another contact is 404 naming `askId`). For an ' +
        'attorney the answer warns `quota_not_allowed`: a commitment is a promise, never ' +
        'a quota.',
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
      operationId: 'listCommitments',
      summary: 'List commitments',
      description:
        'Newest first. Reminder state: due when nothing was credited for ' +
        'commitmentReminderDays since made, last credit or last reminder; after ' +
        'commitmentMaxReminders reminders since the last credit it is ' +
        '`release_suggested`.',
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
      operationId: 'getCommitment',
      summary: 'Get a commitment',
      description: 'With the referrals credited to it.',
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
      operationId: 'updateCommitment',
      summary: 'Update a commitment',
      description:
        'Change the promised count, incentives, due date or note. A count below the ' +
        'credited count is 422; lowering it to the credited count fulfils it, raising it ' +
        'on a fulfilled one reopens it.',
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
      operationId: 'releaseCommitment',
      summary: 'Release a commitment',
      description:
        'Gracefully; only an open one (else 409). The note is appended to the ' +
        "commitment's note.",
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
      operationId: 'recordCommitmentReminder',
      summary: 'Record a commitment reminder',
      description: 'A reminder sent by hand (a `commitment_reminder` letter records it too).',
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

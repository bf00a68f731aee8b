import { createRoute } from '@hono/zod-openapi';
import { actorOf } from '../platform/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { ZIdParam } from '../platform/fields.ts';
import { createRouter, jsonBody, jsonContent, problemResponses } from '../platform/http.ts';
import {
  ZAsk,
  ZAskCreated,
  ZAskList,
  ZAskReadiness,
  ZAskScript,
  ZAskScriptQuery,
  ZCreateAsk,
  ZCreateMoment,
  ZMoment,
  ZMomentList,
  ZUpdateAsk,
} from './ask.schemas.ts';
import {
  createAsk,
  createMoment,
  deleteMoment,
  getAskReadiness,
  getAskScript,
  listAsks,
  listMoments,
  updateAsk,
} from './ask.service.ts';

const tags = ['Seize the day'];

/** Moments, asks, readiness and the ask script (PRODUCT.md §3.3). */
export function askRoutes(deps: Deps) {
  const r = createRouter();
  r.openapi(
    createRoute({
      method: 'post',
      path: '/contacts/{id}/moments',
      tags,
      operationId: 'createMoment',
      summary: 'Record a moment',
      description:
        'A positive moment (feedback scored 9 or more, or any other kind) opens an ask ' +
        'window of askWindowDays. `score` is required for feedback and refused otherwise.',
      request: { params: ZIdParam, ...jsonBody(ZCreateMoment) },
      responses: { 201: jsonContent(ZMoment, 'The moment'), ...problemResponses },
    }),
    async (c) =>
      c.json(
        await createMoment(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json')),
        201,
      ),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/contacts/{id}/moments',
      tags,
      operationId: 'listMoments',
      summary: "List a contact's moments",
      description: 'Newest first.',
      request: { params: ZIdParam },
      responses: { 200: jsonContent(ZMomentList, 'The moments'), ...problemResponses },
    }),
    async (c) => c.json(await listMoments(deps, actorOf(c), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({
      method: 'delete',
      path: '/moments/{id}',
      tags,
      operationId: 'deleteMoment',
      summary: 'Delete a moment',
      description: 'Asks that followed it stay (their `momentId` becomes null).',
      request: { params: ZIdParam },
      responses: { 204: { description: 'Deleted' }, ...problemResponses },
    }),
    async (c) => {
      await deleteMoment(deps, actorOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/contacts/{id}/asks',
      tags,
      operationId: 'createAsk',
      summary: 'Log an ask',
      description:
        'Allowed but warned (`warnings`) inside the cooldown (askCooldownDays since the ' +
        'last ask), below stage `likes`, or for a do-not-ask contact. A `momentId` of ' +
        'another contact or practice is 404 naming it.',
      request: { params: ZIdParam, ...jsonBody(ZCreateAsk) },
      responses: { 201: jsonContent(ZAskCreated, 'The ask and warnings'), ...problemResponses },
    }),
    async (c) =>
      c.json(await createAsk(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/contacts/{id}/asks',
      tags,
      operationId: 'listAsks',
      summary: "List a contact's asks",
      description: 'Newest first.',
      request: { params: ZIdParam },
      responses: { 200: jsonContent(ZAskList, 'The asks'), ...problemResponses },
    }),
    async (c) => c.json(await listAsks(deps, actorOf(c), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({
      method: 'patch',
      path: '/asks/{id}',
      tags,
      operationId: 'updateAsk',
      summary: 'Update an ask',
      description: 'Record its outcome or a note.',
      request: { params: ZIdParam, ...jsonBody(ZUpdateAsk) },
      responses: { 200: jsonContent(ZAsk, 'The ask'), ...problemResponses },
    }),
    async (c) =>
      c.json(await updateAsk(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/contacts/{id}/ask-readiness',
      tags,
      operationId: 'getAskReadiness',
      summary: 'Check whether to ask a contact now',
      description:
        '`canAsk` when the stage is `likes` or above, the contact is not do-not-ask, the ' +
        'cooldown is over and an ask window is open; `reasons` carries the blocking codes ' +
        '(`below_likes`, `do_not_ask`, `cooldown`, `no_open_window`), or one `ready` ' +
        'reason naming the moment that opened the window. Windows and the cooldown end ' +
        'exclusively: at exactly their end the window is closed and the cooldown over. ' +
        'With the script of what to say.',
      request: { params: ZIdParam },
      responses: { 200: jsonContent(ZAskReadiness, 'Readiness'), ...problemResponses },
    }),
    async (c) => c.json(await getAskReadiness(deps, actorOf(c), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/ask-script',
      tags,
      operationId: 'getAskScript',
      summary: 'Get the ask script',
      description:
        'What you do, for whom, and what to say when asking for referrals, from the value ' +
        "proposition and ideal client (and the contact's name when `contactId` is given).",
      request: { query: ZAskScriptQuery },
      responses: { 200: jsonContent(ZAskScript, 'The script'), ...problemResponses },
    }),
    async (c) => c.json(await getAskScript(deps, actorOf(c), c.req.valid('query').contactId), 200),
  );
  return r;
}

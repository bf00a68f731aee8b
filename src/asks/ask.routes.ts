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
      summary: 'Record a moment; a positive one opens an ask window',
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
      summary: 'A contact’s moments, newest first',
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
      summary: 'Delete a moment',
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
      summary: 'Log an ask; allowed but warned inside the cooldown, below likes or do-not-ask',
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
      summary: 'A contact’s asks, newest first',
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
      summary: 'Record the outcome or a note of an ask',
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
      summary: 'Whether now is the right time to ask this contact, why, and what to say',
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
      summary: 'What you do, for whom, and what to say when referring (from the value proposition)',
      request: { query: ZAskScriptQuery },
      responses: { 200: jsonContent(ZAskScript, 'The script'), ...problemResponses },
    }),
    async (c) => c.json(await getAskScript(deps, actorOf(c), c.req.valid('query').contactId), 200),
  );
  return r;
}

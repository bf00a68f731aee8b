import { createRoute } from '@hono/zod-openapi';
import { actorOf } from '../platform/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { ZIdParam } from '../platform/fields.ts';
import { createRouter, jsonBody, jsonContent, problemResponses } from '../platform/http.ts';
import {
  ZCircleDetail,
  ZCircleList,
  ZCircleView,
  ZCreateCircle,
  ZUpdateCircle,
} from './circle.schemas.ts';
import {
  createCircle,
  deleteCircle,
  getCircle,
  listCircles,
  updateCircle,
} from './circle.service.ts';

/** Circles: groups where referral sources gather (PRODUCT.md §2). */
export function circleRoutes(deps: Deps) {
  const r = createRouter();
  const tags = ['Circles'];
  r.openapi(
    createRoute({
      method: 'get',
      path: '/circles',
      tags,
      operationId: 'listCircles',
      summary: 'List circles',
      description:
        'By name, with member counts and referral counts (referrals whose circle is this ' +
        'one).',
      responses: { 200: jsonContent(ZCircleList, 'The circles'), ...problemResponses },
    }),
    async (c) => c.json({ items: await listCircles(deps, actorOf(c)) }, 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/circles',
      tags,
      operationId: 'createCircle',
      summary: 'Create a circle',
      description: 'A name that exists already is 409.',
      request: jsonBody(ZCreateCircle),
      responses: { 201: jsonContent(ZCircleView, 'The new circle'), ...problemResponses },
    }),
    async (c) => c.json(await createCircle(deps, actorOf(c), c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/circles/{id}',
      tags,
      operationId: 'getCircle',
      summary: 'Get a circle',
      description:
        'With its members and the most-wanted categories it reaches: `mostWantedReach` ' +
        'lists the most-wanted categories with at least one member in the circle, by ' +
        'rank.',
      request: { params: ZIdParam },
      responses: { 200: jsonContent(ZCircleDetail, 'The circle'), ...problemResponses },
    }),
    async (c) => c.json(await getCircle(deps, actorOf(c), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({
      method: 'patch',
      path: '/circles/{id}',
      tags,
      operationId: 'updateCircle',
      summary: 'Update a circle',
      description: 'Rename it, or change its kind or notes (`null` clears).',
      request: { params: ZIdParam, ...jsonBody(ZUpdateCircle) },
      responses: { 200: jsonContent(ZCircleView, 'The circle'), ...problemResponses },
    }),
    async (c) =>
      c.json(
        await updateCircle(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  );
  r.openapi(
    createRoute({
      method: 'delete',
      path: '/circles/{id}',
      tags,
      operationId: 'deleteCircle',
      summary: 'Delete a circle',
      description: 'Its memberships go; its referrals keep no circle.',
      request: { params: ZIdParam },
      responses: { 204: { description: 'Deleted' }, ...problemResponses },
    }),
    async (c) => {
      await deleteCircle(deps, actorOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  return r;
}

import { createRoute } from '@hono/zod-openapi';
import { actorOf } from '../platform/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { createRouter, jsonBody, jsonContent, problemResponses } from '../platform/http.ts';
import { ZCelebrationParams, ZGoalProgress, ZPutGoal, ZYearParam } from './goal.schemas.ts';
import { getCurrentGoal, getGoal, markSeen, putGoal } from './goal.service.ts';

const tags = ['Goals'];

export function goalRoutes(deps: Deps) {
  const r = createRouter();
  r.openapi(
    createRoute({
      method: 'get',
      path: '/goals/current',
      tags,
      summary: "Progress towards this year's goal (null when none is set)",
      responses: {
        200: jsonContent(ZGoalProgress.nullable(), 'Progress, or null'),
        ...problemResponses,
      },
    }),
    async (c) => c.json(await getCurrentGoal(deps, actorOf(c)), 200),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/goals/{year}',
      tags,
      summary: "A year's goal and progress: monthly target, referrals needed, pace, forecast",
      request: { params: ZYearParam },
      responses: { 200: jsonContent(ZGoalProgress, 'Progress'), ...problemResponses },
    }),
    async (c) => c.json(await getGoal(deps, actorOf(c), c.req.valid('param').year), 200),
  );
  r.openapi(
    createRoute({
      method: 'put',
      path: '/goals/{year}',
      tags,
      summary: "Set a year's target of new clients from referrals",
      request: { params: ZYearParam, ...jsonBody(ZPutGoal) },
      responses: { 200: jsonContent(ZGoalProgress, 'Progress'), ...problemResponses },
    }),
    async (c) =>
      c.json(await putGoal(deps, actorOf(c), c.req.valid('param').year, c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/celebrations/{year}/{threshold}/seen',
      tags,
      summary: 'Mark a celebration as seen by me',
      request: { params: ZCelebrationParams },
      responses: { 204: { description: 'Seen' }, ...problemResponses },
    }),
    async (c) => {
      const { year, threshold } = c.req.valid('param');
      await markSeen(deps, actorOf(c), year, threshold);
      return c.body(null, 204);
    },
  );
  return r;
}

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
      operationId: 'getCurrentGoal',
      summary: "Get this year's goal",
      description:
        "Progress towards the goal of the current year in the practice's time zone; null " +
        'when none is set.',
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
      operationId: 'getGoal',
      summary: "Get a year's goal",
      description:
        'Progress (PRODUCT.md §3.8): monthly target = target / 12; referrals needed = ' +
        'monthly / conversion rate; the rate is defaultConversionPercent (67 % standing ' +
        'for 2/3) until conversionMinClosed referrals closed in the last 12 months, then ' +
        'clients / closed over them (an own rate of 0 plans with 1 %). Year and month ' +
        "follow the practice's time zone; pace is `on_track` within max(1 client, 10 % of " +
        'expected); the forecast is clients so far ÷ the share of the year elapsed. ' +
        'Reading progress records a celebration at 25/50/75/100 % once (with `emailTeam`, ' +
        'one email to each member through the outbox). 404 when no goal is set for that ' +
        'year.',
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
      operationId: 'setGoal',
      summary: "Set a year's goal",
      description:
        'The target of new clients from referrals for the year; answers the progress, as ' +
        'GET does.',
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
      operationId: 'markCelebrationSeen',
      summary: 'Mark a celebration as seen',
      description: 'By the caller. 404 when that celebration was not reached.',
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

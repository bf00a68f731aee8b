import { createRoute, z } from '@hono/zod-openapi';
import { actorOf } from '../platform/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { createRouter, jsonContent, problemResponses } from '../platform/http.ts';
import { ZChartParam, ZCsvQuery, ZInsights, ZInsightsQuery } from './insight.schemas.ts';
import { getInsights, insightCsv } from './insight.service.ts';

const tags = ['Insights'];

export function insightRoutes(deps: Deps) {
  const r = createRouter();
  r.openapi(
    createRoute({
      method: 'get',
      path: '/insights',
      tags,
      summary: 'Where, who, why and when referrals come from, over a range of days',
      request: { query: ZInsightsQuery },
      responses: { 200: jsonContent(ZInsights, 'Insights'), ...problemResponses },
    }),
    async (c) => c.json(await getInsights(deps, actorOf(c), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/insights/{section}',
      tags,
      summary: "One chart's data as CSV: /insights/<chart>.csv",
      request: { params: ZChartParam, query: ZCsvQuery },
      responses: {
        200: { content: { 'text/csv': { schema: z.string() } }, description: 'CSV with a header' },
        ...problemResponses,
      },
    }),
    async (c) => {
      const { section } = c.req.valid('param');
      const csv = await insightCsv(deps, actorOf(c), section, c.req.valid('query'));
      return new Response(csv, {
        status: 200,
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="insights-${section}.csv"`,
          'cache-control': 'no-store',
        },
      });
    },
  );
  return r;
}

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
      operationId: 'getInsights',
      summary: 'Get insights',
      description:
        'Where, who, why and when referrals come from, over `from`–`to` (days, `to` ' +
        'inclusive, default the last 12 months, at most ten years). Only the requested ' +
        '`sections` are present. Months include empty months; weekday 0 is Sunday; ' +
        'topReferrers shows 10; reciprocity lists the 100 most owed (the full ledger is ' +
        'GET /reciprocity); conversion by source is by channel with warm handoffs apart ' +
        '(`warm_handoff`); mostWanted and goal ignore the range. Medians are the mean of ' +
        'the middle one or two values. One insights computation runs at a time per ' +
        'server. Definitions: metToFirstReferral runs from the first stage record to the ' +
        'first referral, for referrers whose first referral is in range; askToReferral from ' +
        'the latest ask to the referrer at or before each referral; shareInsideWindow counts ' +
        'a still-new referral past its window as outside; the update lag runs from a status ' +
        'change to the referrer being told that status; reciprocity covers partners and ' +
        "anyone with an exchange in range; value sums the client referrals' values.",
      request: { query: ZInsightsQuery },
      responses: { 200: jsonContent(ZInsights, 'Insights'), ...problemResponses },
    }),
    async (c) => c.json(await getInsights(deps, actorOf(c), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/insights/{chart}',
      tags,
      operationId: 'exportInsightCsv',
      summary: 'Export a chart as CSV',
      description:
        "One chart's data over `from`–`to`; the path segment is `<chart>.csv`, e.g. " +
        '`/insights/byChannel.csv`.',
      request: { params: ZChartParam, query: ZCsvQuery },
      responses: {
        200: { content: { 'text/csv': { schema: z.string() } }, description: 'CSV with a header' },
        ...problemResponses,
      },
    }),
    async (c) => {
      const { chart } = c.req.valid('param');
      const csv = await insightCsv(deps, actorOf(c), chart, c.req.valid('query'));
      return new Response(csv, {
        status: 200,
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="insights-${chart}.csv"`,
          'cache-control': 'no-store',
        },
      });
    },
  );
  return r;
}

import { createRoute, z } from '@hono/zod-openapi';
import { actorOf } from '../platform/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { ZIdParam } from '../platform/fields.ts';
import { createRouter, jsonBody, jsonContent, problemResponses } from '../platform/http.ts';
import {
  ZBoard,
  ZBoardQuery,
  ZChangeStatus,
  ZCreateReferral,
  ZExportQuery,
  ZListReferralsQuery,
  ZRecordReferrerUpdate,
  ZRecordThanks,
  ZReferralDetail,
  ZReferralPage,
  ZReopen,
  ZUpdateReferral,
} from './referral.schemas.ts';
import {
  changeStatus,
  createReferral,
  getBoard,
  getReferral,
  listReferrals,
  recordReferrerUpdate,
  recordThanks,
  reopenReferral,
  updateReferral,
} from './referral.service.ts';
import { exportReferralsCsv } from './referral-export.service.ts';

const tags = ['Referrals'];
const detail = (description: string) => ({
  200: jsonContent(ZReferralDetail, description),
  ...problemResponses,
});

export function referralRoutes(deps: Deps) {
  const r = createRouter();
  r.openapi(
    createRoute({
      method: 'get',
      path: '/referrals',
      tags,
      summary: 'Filter, sort and page through referrals received',
      request: { query: ZListReferralsQuery },
      responses: { 200: jsonContent(ZReferralPage, 'A page of referrals'), ...problemResponses },
    }),
    async (c) => c.json(await listReferrals(deps, actorOf(c), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/referrals/board',
      tags,
      summary: 'The pipeline board: a column per status with totals, overdue first',
      request: { query: ZBoardQuery },
      responses: { 200: jsonContent(ZBoard, 'The board'), ...problemResponses },
    }),
    async (c) => c.json(await getBoard(deps, actorOf(c), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/referrals/export.csv',
      tags,
      summary: 'The filtered list as CSV, streamed (the export is audited)',
      request: { query: ZExportQuery },
      responses: {
        200: { content: { 'text/csv': { schema: z.string() } }, description: 'CSV with a header' },
        ...problemResponses,
      },
    }),
    async (c) => {
      const stream = await exportReferralsCsv(deps, actorOf(c), c.req.valid('query'));
      return new Response(stream, {
        status: 200,
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': 'attachment; filename="referrals.csv"',
          'cache-control': 'no-store',
        },
      });
    },
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/referrals',
      tags,
      summary: 'Quick-add a referral; creates the person on the way and promotes the referrer',
      request: jsonBody(ZCreateReferral),
      responses: { 201: jsonContent(ZReferralDetail, 'The new referral'), ...problemResponses },
    }),
    async (c) => c.json(await createReferral(deps, actorOf(c), c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/referrals/{id}',
      tags,
      summary: 'One referral with its events',
      request: { params: ZIdParam },
      responses: detail('The referral'),
    }),
    async (c) => c.json(await getReferral(deps, actorOf(c), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({
      method: 'patch',
      path: '/referrals/{id}',
      tags,
      summary: 'Edit a referral; consent changes are audited',
      request: { params: ZIdParam, ...jsonBody(ZUpdateReferral) },
      responses: detail('The referral'),
    }),
    async (c) =>
      c.json(
        await updateReferral(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/referrals/{id}/status',
      tags,
      summary: 'Move a referral forward, or close it',
      request: { params: ZIdParam, ...jsonBody(ZChangeStatus) },
      responses: detail('The referral'),
    }),
    async (c) =>
      c.json(
        await changeStatus(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/referrals/{id}/reopen',
      tags,
      summary: 'Reopen a closed referral at the open status it had',
      request: { params: ZIdParam, ...jsonBody(ZReopen) },
      responses: detail('The referral'),
    }),
    async (c) =>
      c.json(
        await reopenReferral(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/referrals/{id}/thanks',
      tags,
      summary: 'Record that the referrer was thanked (for the referral, or the conversion)',
      request: { params: ZIdParam, ...jsonBody(ZRecordThanks) },
      responses: detail('The referral'),
    }),
    async (c) =>
      c.json(
        await recordThanks(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/referrals/{id}/referrer-updates',
      tags,
      summary: 'Record that the referrer was told the current status (needs consent)',
      request: { params: ZIdParam, ...jsonBody(ZRecordReferrerUpdate) },
      responses: detail('The referral'),
    }),
    async (c) =>
      c.json(
        await recordReferrerUpdate(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  );
  return r;
}

import { createRoute } from '@hono/zod-openapi';
import { actorOf } from '../platform/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { ZIdParam } from '../platform/fields.ts';
import { createRouter, jsonBody, jsonContent, problemResponses } from '../platform/http.ts';
import {
  ZCreateGiven,
  ZListGivenQuery,
  ZReferralGiven,
  ZReferralGivenPage,
  ZUpdateGiven,
} from './given.schemas.ts';
import { createGiven, deleteGiven, getGiven, listGiven, updateGiven } from './given.service.ts';
import { ZReciprocity, ZReciprocityQuery } from './reciprocity.schemas.ts';
import { getReciprocity } from './reciprocity.service.ts';

const tags = ['Referrals given'];

/** Referrals the practice gives to partners, and the reciprocity ledger (§3.5). */
export function givenRoutes(deps: Deps) {
  const r = createRouter();
  r.openapi(
    createRoute({
      method: 'get',
      path: '/referrals-given',
      tags,
      summary: 'Referrals given to partners, newest first',
      request: { query: ZListGivenQuery },
      responses: { 200: jsonContent(ZReferralGivenPage, 'A page'), ...problemResponses },
    }),
    async (c) => c.json(await listGiven(deps, actorOf(c), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/referrals-given',
      tags,
      summary: 'Record a referral given to a partner; the person can be created on the way',
      request: jsonBody(ZCreateGiven),
      responses: { 201: jsonContent(ZReferralGiven, 'The referral given'), ...problemResponses },
    }),
    async (c) => c.json(await createGiven(deps, actorOf(c), c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/referrals-given/{id}',
      tags,
      summary: 'One referral given',
      request: { params: ZIdParam },
      responses: { 200: jsonContent(ZReferralGiven, 'The referral given'), ...problemResponses },
    }),
    async (c) => c.json(await getGiven(deps, actorOf(c), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({
      method: 'patch',
      path: '/referrals-given/{id}',
      tags,
      summary: 'Record the partner notified, the outcome or the check-in',
      request: { params: ZIdParam, ...jsonBody(ZUpdateGiven) },
      responses: { 200: jsonContent(ZReferralGiven, 'The referral given'), ...problemResponses },
    }),
    async (c) =>
      c.json(
        await updateGiven(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json')),
        200,
      ),
  );
  r.openapi(
    createRoute({
      method: 'delete',
      path: '/referrals-given/{id}',
      tags,
      summary: 'Delete a referral given',
      request: { params: ZIdParam },
      responses: { 204: { description: 'Deleted' }, ...problemResponses },
    }),
    async (c) => {
      await deleteGiven(deps, actorOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/reciprocity',
      tags,
      summary: 'Per partner: received, given, balance, last exchange; owed first',
      request: { query: ZReciprocityQuery },
      responses: { 200: jsonContent(ZReciprocity, 'The ledger'), ...problemResponses },
    }),
    async (c) => c.json(await getReciprocity(deps, actorOf(c), c.req.valid('query')), 200),
  );
  return r;
}

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
      operationId: 'listReferralsGiven',
      summary: 'List referrals given',
      description: 'Referrals given to partners, newest first, cursor-paged.',
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
      operationId: 'createReferralGiven',
      summary: 'Create a referral given',
      description:
        'The person can be created on the way (by name); one with an email another ' +
        'contact has is 409 naming `person.email`. A partner equal to the person is 422 ' +
        'naming `partnerId`. The check-in is due checkInDays after `givenAt`.',
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
      operationId: 'getReferralGiven',
      summary: 'Get a referral given',
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
      operationId: 'updateReferralGiven',
      summary: 'Update a referral given',
      description:
        'Record the partner notified, the outcome or the check-in. `outcomeAt` is set ' +
        'when the outcome changes and cleared when it goes back to `unknown`; ' +
        '`checkInState` is `not_yet` before the due time, `due` from it, `done` once ' +
        '`checkedInAt` is set. Times are not in the future and not before the referral ' +
        'was given (400 naming the field).',
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
      operationId: 'deleteReferralGiven',
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
      operationId: 'getReciprocity',
      summary: 'Get the reciprocity ledger',
      description:
        'Per partner: referrals received, given, balance (received − given) and last ' +
        'exchange. Every contact with the role `partner` or with any exchange; owed ' +
        '(balance ≥ giveBackThreshold) first, then by balance. `owed=true` keeps the owed ' +
        'ones.',
      request: { query: ZReciprocityQuery },
      responses: { 200: jsonContent(ZReciprocity, 'The ledger'), ...problemResponses },
    }),
    async (c) => c.json(await getReciprocity(deps, actorOf(c), c.req.valid('query')), 200),
  );
  return r;
}

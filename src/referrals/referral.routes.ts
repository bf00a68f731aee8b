import { createRoute, z } from '@hono/zod-openapi';
import { actorOf } from '../platform/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { ZIdParam } from '../platform/fields.ts';
import {
  createRouter,
  jsonBody,
  jsonContent,
  ownerOnlyResponses,
  problemResponses,
} from '../platform/http.ts';
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
      operationId: 'listReferrals',
      summary: 'List referrals received',
      description:
        'Filter, sort and page (cursor) through referrals. `status` takes one status or a ' +
        'comma list, `open` (new, contacted, meeting) or `closed` (the three closed ' +
        'statuses); `referrer=unknown` keeps referrals without a referrer; `categoryId` ' +
        "is the referrer's category; `from`/`to` bound the received date, inclusive: a " +
        "day `YYYY-MM-DD` is a calendar day in the practice's time zone, a timestamp is " +
        'taken as given; `q` searches the referred and referrer names. `sort=due`: ' +
        'referrals whose response clock still runs (status `new`) first, by due time (so ' +
        'overdue first), then the others by received time; the default is `-receivedAt`.',
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
      operationId: 'getReferralBoard',
      summary: 'Get the pipeline board',
      description:
        'A column per status with totals, in order new, contacted, meeting, client, ' +
        'closed (the three closed statuses together); `limit` is per column. `new`, ' +
        '`contacted` and `meeting` are oldest first (for `new` that is overdue first, ' +
        'then by due time); `client` and `closed` are newest status change first. Takes ' +
        "the list's filters except sort and cursor. Each column has its `total` count and " +
        "the sum of its referrals' values per currency (`values`).",
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
      operationId: 'exportReferralsCsv',
      summary: 'Export referrals as CSV',
      description:
        "The list's filters; streams every matching row with a header row. `circle` falls " +
        'back on `place`; `value` is in major units of `currency`; cells a spreadsheet ' +
        "would run as a formula (starting with `= + - @`) are prefixed with `'`. Every " +
        'export is in the audit log (`referrals.exported`). Columns: received_at, referred, ' +
        'referrer, referrer_category, channel, circle, need, tags, status, first_contact_at, ' +
        'response_minutes, clock, thanked_at, value, currency, owner.',
      request: { query: ZExportQuery },
      responses: {
        200: { content: { 'text/csv': { schema: z.string() } }, description: 'CSV with a header' },
        ...problemResponses,
        ...ownerOnlyResponses,
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
      operationId: 'createReferral',
      summary: 'Create a referral',
      description:
        'Quick-add, in one transaction: creates the referred person when given by name ' +
        '(role `prospect`, stage `met`), records the referral, moves the referrer to ' +
        'stage `refers` (recorded in the stage history with its reason, never downward), ' +
        "logs a `created` event and credits the referrer's oldest open commitment made " +
        'before it. Referred equal to referrer is 422. A person given by name with an ' +
        'email another contact has is 409 naming `referred.email` (pick that contact by ' +
        '`contactId`). The referrer may be new too (`referrer: { name, email? }` instead of ' +
        '`{ contactId }`): made a contact at stage `refers` ("first referral received") in the ' +
        'same transaction; when a contact of the practice already has that email, that ' +
        'contact is the referrer. Referrer and referred with one email is 422 naming ' +
        '`referrer.email`. User-given times are ISO 8601 with an offset, not in the future ' +
        '(one minute of tolerance). Creating it with consent is audited ' +
        '(`referral.consent_changed`).',
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
      operationId: 'getReferral',
      summary: 'Get a referral',
      description:
        'With its events (`created`, `status`, `corrected`, `reopened`, `thanked`, ' +
        '`conversion_thanked`, `referrer_updated`). Clock: due at receivedAt + ' +
        'responseWindowHours; while `new` it is `due`, then `overdue` from the due time ' +
        'itself; once contacted `met` when the first contact was on or before the due ' +
        'time, else `late`; a referral closed without contact keeps its state as of its ' +
        'closing. Thanks are due thankWithinHours after receipt (the conversion thanks ' +
        'after becoming a client) and `overdue` only after that (thanking exactly at it ' +
        'is on time); with an unknown referrer both are `not_applicable`. Referrer ' +
        'update: `not_allowed` without consent or with an unknown referrer; `due` when ' +
        'the status differs from the last told (a `new` referral never told is ' +
        '`up_to_date`).',
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
      operationId: 'updateReferral',
      summary: 'Update a referral',
      description:
        'Consent changes are audited (`referral.consent_changed`). Changing the referrer ' +
        "moves the commitment credit to the new referrer's commitment, or drops it (a " +
        'fulfilled commitment that falls short reopens).',
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
      operationId: 'changeReferralStatus',
      summary: "Change a referral's status",
      description:
        'Forward along new → contacted → meeting → client (skipping ahead is allowed and ' +
        'sets the skipped times, e.g. new → meeting sets the first contact too), or from ' +
        'any open status to a closed one (`not_a_fit`, `declined`, `no_response`). ' +
        'Anything else is 409 with the reason. Sets `firstContactAt` on the first move ' +
        'past `new`, and `meetingAt`, `clientAt`, `closedAt`. `at` is not in the future ' +
        'and not before the referral was received (400 naming it). A mistake is undone ' +
        'with `correction: true` and a `reason` (400 naming `reason` without one): the ' +
        'status may then go to any other status, backwards too; the milestones past the ' +
        'new status are cleared (corrected to `contacted`: no `meetingAt`/`clientAt`; to ' +
        '`new`: no `firstContactAt`, the response clock runs again; to a closed status: ' +
        'no `clientAt`; to an open one: no `closedAt`), so the agenda, goals and insights ' +
        'follow. Logged as a `corrected` event (from, to, the reason as its note, by ' +
        'whom). Thank-yous and referrer updates already recorded stay recorded (they ' +
        'happened); a referrer told a status the correction withdrew is due an update; ' +
        "the commitment credit (for the referral's receipt) is untouched.",
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
      operationId: 'reopenReferral',
      summary: 'Reopen a referral',
      description:
        'A closed referral goes back to the open status it had before closing, logged as ' +
        'a `reopened` event. One that is not closed is 409.',
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
      operationId: 'thankReferrer',
      summary: 'Record a thank-you',
      description:
        'That the referrer was thanked for the referral (`kind: referral`) or for the ' +
        'conversion (`kind: conversion`, only once the status is `client`, else 409). An ' +
        'unknown referrer is 409 (nobody to thank); thanking twice for the same kind is ' +
        '409.',
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
      operationId: 'recordReferrerUpdate',
      summary: 'Record a referrer update',
      description:
        'That the referrer was told the current status (audited: ' +
        "`referral.referrer_updated`). Without the referred person's consent " +
        '(`consentToUpdate`) it is 422; with an unknown referrer 409 (consent is checked ' +
        'first).',
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

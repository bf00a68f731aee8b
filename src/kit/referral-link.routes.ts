import { createRoute, z } from '@hono/zod-openapi';
import { actorOf } from '../platform/actor.ts';
import type { Deps } from '../platform/deps.ts';
import {
  createRouter,
  jsonBody,
  jsonContent,
  pdfContent,
  pdfResponse,
  problemResponses,
} from '../platform/http.ts';
import {
  ZCreateReferralLink,
  ZLinkIdParam,
  ZReferralLink,
  ZReferralLinkList,
} from './referral-link.schemas.ts';
import {
  createReferralLink,
  listReferralLinks,
  referralCardPdf,
  referralLinkQrSvg,
  revokeReferralLink,
} from './referral-link.service.ts';

const tags = ['Referral kit'];

/** Personal referral links (§3.9): made, listed with their numbers, revoked. */
export function referralLinkRoutes(deps: Deps) {
  const r = createRouter();
  r.openapi(
    createRoute({
      method: 'post',
      path: '/referral-links',
      tags,
      operationId: 'createReferralLink',
      summary: 'Get a referral link',
      description:
        "A contact's personal link (`contactId`), or the practice-wide link without a referrer " +
        '(no `contactId`). Its page is `{VOUCH_BASE_URL}/r/{code}`: public, no sign-in. One ' +
        'live link per contact: 201 when made, 200 with the live one when it exists already.',
      request: jsonBody(ZCreateReferralLink),
      responses: {
        201: jsonContent(ZReferralLink, 'The new link'),
        200: jsonContent(ZReferralLink, 'The live link, made before'),
        ...problemResponses,
      },
    }),
    async (c) => {
      const { link, created } = await createReferralLink(deps, actorOf(c), c.req.valid('json'));
      return created ? c.json(link, 201) : c.json(link, 200);
    },
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/referral-links',
      tags,
      operationId: 'listReferralLinks',
      summary: 'List referral links',
      description:
        'The live links, newest first, each with its visits, submissions, referrals and clients.',
      responses: { 200: jsonContent(ZReferralLinkList, 'Live links'), ...problemResponses },
    }),
    async (c) => c.json(await listReferralLinks(deps, actorOf(c)), 200),
  );
  r.openapi(
    createRoute({
      method: 'delete',
      path: '/referral-links/{id}',
      tags,
      operationId: 'revokeReferralLink',
      summary: 'Revoke a referral link',
      description:
        'Its page answers 404 at once, like an unknown code; referrals that came through it ' +
        'keep their numbers in Insights.',
      request: { params: ZLinkIdParam },
      responses: { 204: { description: 'Revoked' }, ...problemResponses },
    }),
    async (c) => {
      await revokeReferralLink(deps, actorOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/referral-links/{id}/card.pdf',
      tags,
      operationId: 'getReferralCard',
      summary: 'Get the printable referral card of a link',
      description:
        'A US Letter sheet of ten 3.5 × 2 in cards with cut marks: the practice, its value ' +
        'proposition, who recommends it, the URL and its QR code.',
      request: { params: ZLinkIdParam },
      responses: {
        200: pdfContent,
        ...problemResponses,
      },
    }),
    async (c) => {
      const pdf = await referralCardPdf(deps, actorOf(c), c.req.valid('param').id);
      return pdfResponse(pdf, 'referral-cards') as never;
    },
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/referral-links/{id}/qr.svg',
      tags,
      operationId: 'getReferralLinkQr',
      summary: "Get a link's QR code",
      description: 'The URL of the link as a QR code (SVG, error correction M).',
      request: { params: ZLinkIdParam },
      responses: {
        200: {
          content: { 'image/svg+xml': { schema: z.string() } },
          description: 'The QR code',
        },
        ...problemResponses,
      },
    }),
    async (c) =>
      new Response(await referralLinkQrSvg(deps, actorOf(c), c.req.valid('param').id), {
        status: 200,
        headers: { 'content-type': 'image/svg+xml; charset=utf-8' },
      }) as never,
  );
  return r;
}

import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { ZRole, ZSession, ZUser } from '../accounts/account.schemas.ts';
import { actorOf, clientIpOf } from '../platform/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { ZIdParam } from '../platform/fields.ts';
import {
  jsonBody as body,
  createRouter,
  jsonContent as json,
  ownerOnlyResponses,
  problemResponses,
} from '../platform/http.ts';
import {
  ZAcceptInvitation,
  ZChangeRole,
  ZCreateInvitation,
  ZInvitation,
  ZInvitationPreview,
  ZInvitationToken,
  ZSentInvitation,
} from './team.schemas.ts';
import {
  acceptInvitation,
  changeRole,
  inviteMember,
  listInvitations,
  previewInvitation,
  removeMember,
  resendInvitation,
  revokeInvitation,
} from './team.service.ts';

const tags = ['Team'];
const spent = {
  410: {
    ...problemResponses[409],
    description: 'The invitation was used, withdrawn or has expired: the answer says which',
  },
};
const owners = { ...problemResponses, ...ownerOnlyResponses };

function setCookies(c: Context, cookies: string[]): void {
  for (const cookie of cookies) c.header('set-cookie', cookie, { append: true });
}

/** Opening and accepting an invitation link: the link is the credential, no sign-in needed. */
export function publicTeamRoutes(deps: Deps) {
  const r = createRouter();
  r.openapi(
    createRoute({
      method: 'get',
      path: '/public/invitations/{token}',
      tags,
      operationId: 'getInvitationByToken',
      summary: 'Open an invitation link',
      description:
        'Who invites whom to which practice, and until when. An unknown link is 404; a used, ' +
        'withdrawn or expired one is 410 saying which.',
      request: {
        params: z.object({
          token: ZInvitationToken.openapi({ param: { name: 'token', in: 'path' } }),
        }),
      },
      responses: { 200: json(ZInvitationPreview, 'The invitation'), ...problemResponses, ...spent },
    }),
    async (c) => c.json(await previewInvitation(deps, c.req.valid('param').token), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/auth/accept-invitation',
      tags,
      operationId: 'acceptInvitation',
      summary: 'Join a practice from an invitation',
      description:
        "With the link's `token`: a new account takes `name` and a `password` held to the " +
        'sign-up rules; an email that already has an account without a practice gives that ' +
        "account's password. Joins the practice with the invitation's role and signs in (the " +
        'answer sets the session cookie). The link works once.',
      request: body(ZAcceptInvitation),
      responses: { 201: json(ZSession, 'Joined and signed in'), ...problemResponses, ...spent },
    }),
    async (c) => {
      const { result, setCookies: cookies } = await acceptInvitation(
        deps,
        c.req.valid('json'),
        clientIpOf(c),
      );
      setCookies(c, cookies);
      return c.json(result, 201);
    },
  );
  return r;
}

/** The team: invitations, roles and removal, all for owners. */
export function teamRoutes(deps: Deps) {
  const r = createRouter();
  r.openapi(
    createRoute({
      method: 'get',
      path: '/invitations',
      tags,
      operationId: 'listInvitations',
      summary: 'List invitations',
      description: 'Every invitation of the practice with its status, newest first. Owners only.',
      responses: {
        200: json(z.object({ items: z.array(ZInvitation) }), 'The invitations'),
        ...owners,
      },
    }),
    async (c) => c.json({ items: await listInvitations(deps, actorOf(c)) }, 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/invitations',
      tags,
      operationId: 'createInvitation',
      summary: 'Invite someone to the team',
      description:
        'Emails a link through the outbox (sent once email is set up), valid for 7 days. The ' +
        'link is also in this answer, and only here. Owners only; 409 when the email is on ' +
        'the team or invited already.',
      request: body(ZCreateInvitation),
      responses: { 201: json(ZSentInvitation, 'Invited'), ...owners },
    }),
    async (c) => c.json(await inviteMember(deps, actorOf(c), c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/invitations/{id}/resend',
      tags,
      operationId: 'sendInvitationAgain',
      summary: 'Send an invitation again',
      description:
        'A new link, valid for 7 days from now, emailed again; the previous link stops ' +
        'working. Owners only; 409 for a used or withdrawn invitation.',
      request: { params: ZIdParam },
      responses: { 200: json(ZSentInvitation, 'Sent again'), ...owners },
    }),
    async (c) => c.json(await resendInvitation(deps, actorOf(c), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({
      method: 'delete',
      path: '/invitations/{id}',
      tags,
      operationId: 'revokeInvitation',
      summary: 'Withdraw an invitation',
      description: 'Its link says it was withdrawn from now on. Owners only.',
      request: { params: ZIdParam },
      responses: { 204: { description: 'Withdrawn' }, ...owners },
    }),
    async (c) => {
      await revokeInvitation(deps, actorOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  r.openapi(
    createRoute({
      method: 'patch',
      path: '/members/{id}',
      tags,
      operationId: 'changeMemberRole',
      summary: "Change a member's role",
      description:
        'Hand over ownership by making someone an owner, then step down. A practice always ' +
        'keeps an owner: the last one cannot become a member (409). Owners only.',
      request: { params: ZIdParam, ...body(ZChangeRole) },
      responses: { 200: json(ZUser.extend({ role: ZRole }), 'The member'), ...owners },
    }),
    async (c) =>
      c.json(
        await changeRole(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json').role),
        200,
      ),
  );
  r.openapi(
    createRoute({
      method: 'delete',
      path: '/members/{id}',
      tags,
      operationId: 'deleteMember',
      summary: 'Remove someone from the team',
      description:
        'At once: their sessions end and their API tokens and calendar feeds are revoked. ' +
        'What they did stays, under their name. The last owner cannot be removed (409). ' +
        'Owners only.',
      request: { params: ZIdParam },
      responses: { 204: { description: 'Removed' }, ...owners },
    }),
    async (c) => {
      await removeMember(deps, actorOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  return r;
}

import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { actorOf, clientIpOf } from '../platform/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { ZIdParam } from '../platform/fields.ts';
import {
  jsonBody as body,
  createRouter,
  jsonContent as json,
  problemResponses,
} from '../platform/http.ts';
import {
  ZApiToken,
  ZChangePassword,
  ZCreateApiToken,
  ZCreatedApiToken,
  ZRole,
  ZSession,
  ZSignIn,
  ZSignUp,
  ZUser,
} from './account.schemas.ts';
import {
  changePassword,
  createToken,
  describeSession,
  listMembers,
  listTokens,
  revokeToken,
  signIn,
  signOut,
  signOutEverywhere,
  signUp,
} from './account.service.ts';

function setCookies(c: Context, cookies: string[]): void {
  for (const cookie of cookies) c.header('set-cookie', cookie, { append: true });
}

/** Sign-up, sign-in and sign-out: reachable without a session. */
export function publicAccountRoutes(deps: Deps) {
  const r = createRouter();
  r.openapi(
    createRoute({
      method: 'post',
      path: '/auth/sign-up',
      tags: ['Accounts'],
      operationId: 'signUp',
      summary: 'Sign up',
      description:
        'Creates a practice and its owner, and signs in: the answer sets the session ' +
        'cookie. `practiceName` is optional: the setup step that follows names the practice. ' +
        'Rate-limited per client address (429 with Retry-After).',
      request: body(ZSignUp),
      responses: { 201: json(ZSession, 'Signed up and signed in'), ...problemResponses },
    }),
    async (c) => {
      const { result, setCookies: cookies } = await signUp(
        deps,
        c.req.valid('json'),
        clientIpOf(c),
      );
      setCookies(c, cookies);
      return c.json(result, 201);
    },
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/auth/sign-in',
      tags: ['Accounts'],
      operationId: 'signIn',
      summary: 'Sign in',
      description:
        'With email and password; the answer sets the session cookie. Wrong credentials ' +
        'are 401 (never saying which was wrong). Attempts are rate-limited per account ' +
        '(429 with Retry-After).',
      request: body(ZSignIn),
      responses: { 200: json(ZSession, 'Signed in'), ...problemResponses },
    }),
    async (c) => {
      const { result, setCookies: cookies } = await signIn(
        deps,
        c.req.valid('json'),
        clientIpOf(c),
      );
      setCookies(c, cookies);
      return c.json(result, 200);
    },
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/auth/sign-out',
      tags: ['Accounts'],
      operationId: 'signOut',
      summary: 'Sign out',
      description: 'Ends this session and clears the cookie. Takes no body.',
      responses: { 204: { description: 'Signed out' } },
    }),
    async (c) => {
      setCookies(c, await signOut(deps, c.req.header('cookie') ?? '', clientIpOf(c)));
      return c.body(null, 204);
    },
  );
  return r;
}

export function accountRoutes(deps: Deps) {
  const r = createRouter();
  r.openapi(
    createRoute({
      method: 'post',
      path: '/auth/sign-out-everywhere',
      tags: ['Accounts'],
      operationId: 'signOutEverywhere',
      summary: 'Sign out everywhere',
      description:
        'Ends every session of the signed-in user, on every device. API tokens stay ' +
        'valid. Takes no body.',
      responses: { 204: { description: 'Signed out everywhere' }, ...problemResponses },
    }),
    async (c) => {
      setCookies(
        c,
        await signOutEverywhere(deps, actorOf(c), c.req.header('cookie') ?? '', clientIpOf(c)),
      );
      return c.body(null, 204);
    },
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/auth/password',
      tags: ['Accounts'],
      operationId: 'changePassword',
      summary: 'Change the password',
      description:
        'The current password is required; the other sessions of the user end. Attempts ' +
        'count towards the sign-in limit of the account (429 with Retry-After).',
      request: body(ZChangePassword),
      responses: { 204: { description: 'Changed' }, ...problemResponses },
    }),
    async (c) => {
      await changePassword(deps, actorOf(c), c.req.valid('json'));
      return c.body(null, 204);
    },
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/me',
      tags: ['Accounts'],
      operationId: 'getMe',
      summary: 'Get the signed-in user',
      description:
        'The user, their practice and their role (owner or member); 401 when signed out.',
      responses: { 200: json(ZSession, 'The session'), ...problemResponses },
    }),
    async (c) => c.json(await describeSession(deps, actorOf(c).userId), 200),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/members',
      tags: ['Accounts'],
      operationId: 'listMembers',
      summary: 'List the team',
      description: 'The users of this practice and their roles.',
      responses: {
        200: json(
          z.object({ items: z.array(ZUser.extend({ role: ZRole })) }),
          'The members, by name',
        ),
        ...problemResponses,
      },
    }),
    async (c) => c.json({ items: await listMembers(deps, actorOf(c)) }, 200),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/tokens',
      tags: ['API tokens'],
      operationId: 'listApiTokens',
      summary: 'List API tokens',
      description:
        'Owners see every token of the practice, members their own. The secret is never ' +
        'listed.',
      responses: {
        200: json(z.object({ items: z.array(ZApiToken) }), 'The tokens'),
        ...problemResponses,
      },
    }),
    async (c) => c.json({ items: await listTokens(deps, actorOf(c)) }, 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/tokens',
      tags: ['API tokens'],
      operationId: 'createApiToken',
      summary: 'Create an API token',
      description:
        'The secret (`token`) is in this answer only; send it as `Authorization: Bearer ' +
        '<token>`. An Idempotency-Key replay of this call is refused (409) rather than ' +
        'answering the secret again.',
      request: body(ZCreateApiToken),
      responses: { 201: json(ZCreatedApiToken, 'The new token'), ...problemResponses },
    }),
    async (c) => {
      const { name, readOnly } = c.req.valid('json');
      return c.json(await createToken(deps, actorOf(c), name, { readOnly }), 201);
    },
  );
  r.openapi(
    createRoute({
      method: 'delete',
      path: '/tokens/{id}',
      tags: ['API tokens'],
      operationId: 'revokeApiToken',
      summary: 'Revoke an API token',
      request: { params: ZIdParam },
      responses: { 204: { description: 'Revoked' }, ...problemResponses },
    }),
    async (c) => {
      await revokeToken(deps, actorOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  return r;
}

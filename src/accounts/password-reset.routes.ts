import { createRoute } from '@hono/zod-openapi';
import { clientIpOf } from '../platform/actor.ts';
import type { Deps } from '../platform/deps.ts';
import {
  jsonBody as body,
  createRouter,
  jsonContent as json,
  problemResponses,
} from '../platform/http.ts';
import {
  ZPasswordResetRequested,
  ZRequestPasswordReset,
  ZResetPassword,
} from './password-reset.schemas.ts';
import { requestPasswordReset, resetPasswordWithLink } from './password-reset.service.ts';

/** "Forgot password": reachable without a session, like sign-in. */
export function publicPasswordResetRoutes(deps: Deps) {
  const r = createRouter();
  r.openapi(
    createRoute({
      method: 'post',
      path: '/auth/password-reset',
      tags: ['Accounts'],
      operationId: 'sendPasswordResetLink',
      summary: 'Ask for a password-reset link',
      description:
        "Emails a link to choose a new password, through the outbox of the account's " +
        'practice (when it has SMTP settings); the link works once, within an hour. The ' +
        'answer is the same, after the same work, whether the email has an account or not: ' +
        'the link is issued after the answer. Without SMTP the practice owner resets the ' +
        'password on the server (`vouch user reset-password`). Requests are rate-limited per ' +
        'email and per client address (429 with Retry-After).',
      request: body(ZRequestPasswordReset),
      responses: {
        202: json(ZPasswordResetRequested, 'Taken: the same answer for every email'),
        ...problemResponses,
      },
    }),
    async (c) =>
      c.json(await requestPasswordReset(deps, c.req.valid('json').email, clientIpOf(c)), 202),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/auth/password-reset/confirm',
      tags: ['Accounts'],
      operationId: 'resetPassword',
      summary: 'Choose a new password with a reset link',
      description:
        "Sets the password of the link's account (the sign-up rules: 422 naming " +
        '`newPassword` when it is too easy to guess, and the link stays usable). The link is ' +
        'then used up, and every session of the account ends; the user signs in with the new ' +
        'password. A used, unknown or expired link is 422 naming `token`. Rate-limited per ' +
        'client address (429 with Retry-After).',
      request: body(ZResetPassword),
      responses: { 204: { description: 'The password is changed' }, ...problemResponses },
    }),
    async (c) => {
      await resetPasswordWithLink(deps, c.req.valid('json'), clientIpOf(c));
      return c.body(null, 204);
    },
  );
  return r;
}

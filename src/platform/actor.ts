import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { AppError } from './errors.ts';
import type { Actor, AppEnv } from './http.ts';

/** Who the request's credentials name, or null; accounts/ owns the answer (sessions, tokens). */
export type ActorResolver = (headers: Headers) => Promise<Actor | null>;

/**
 * Every route after this needs a signed-in user or an API token; it puts the actor on the
 * context. A read-only token gets 403 on anything but GET/HEAD (issue 14 §11). The resolver is passed in so that platform/ never imports a feature.
 */
export function requireActor(resolve: ActorResolver): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const actor = await resolve(c.req.raw.headers);
    if (!actor)
      throw new AppError(
        'unauthenticated',
        'Sign in, or send an API token as Authorization: Bearer <token>.',
      );
    if (actor.readOnly && c.req.method !== 'GET' && c.req.method !== 'HEAD')
      throw new AppError(
        'forbidden',
        'This API token is read-only: it may only read (GET). Create a token without readOnly to make changes.',
        [{ field: 'token', message: 'Is read-only; this call changes data.' }],
      );
    c.set('actor', actor);
    await next();
  };
}

export function actorOf(c: Context<AppEnv>): Actor {
  return c.get('actor');
}

/** The caller's address as the socket saw it (never a client-supplied header). */
export function clientIpOf(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? '127.0.0.1';
  } catch {
    return '127.0.0.1';
  }
}

/**
 * The one owner of "only an owner may" (PRODUCT.md §8): the practice and its defaults, ethics
 * overrides, SMTP, templates, the team, exports, erasures and the audit log. A member gets 403
 * problem+json naming the role needed. `what` completes "Only an owner of the practice can …".
 */
export function requireOwner(actor: Pick<Actor, 'role'>, what: string): void {
  if (actor.role !== 'owner')
    throw new AppError('forbidden', `Only an owner of the practice can ${what}.`, [
      { field: 'role', message: 'Needs the owner role; you are a member. Ask an owner.' },
    ]);
}

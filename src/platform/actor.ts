import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context, MiddlewareHandler } from 'hono';
import { resolveActor } from '../accounts/account.service.ts';
import type { Deps } from './deps.ts';
import { AppError } from './errors.ts';
import type { Actor, AppEnv } from './http.ts';

/** Every route after this needs a signed-in user or an API token; it puts the actor on the context. */
export function requireActor(deps: Deps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const actor = await resolveActor(deps, c.req.raw.headers);
    if (!actor)
      throw new AppError(
        'unauthenticated',
        'Sign in, or send an API token as Authorization: Bearer <token>.',
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

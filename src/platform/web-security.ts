import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { Config } from './config.ts';
import { AppError } from './errors.ts';
import { problemResponse } from './http.ts';

/**
 * Browser defences on every response (OWASP ASVS 5.0 level 2): a CSP that allows no inline
 * script, no framing, no foreign form targets; nosniff; no Referer (token URLs must not leak);
 * HSTS when the server is reached over https. Mantine sets style attributes at run time, so
 * styles may be inline; scripts may not.
 */
export function securityHeaders(config: Config): MiddlewareHandler {
  const https = new URL(config.baseUrl).protocol === 'https:';
  const headers = secureHeaders({
    contentSecurityPolicy: {
      defaultSrc: ["'self'"],
      scriptSrc: ["'self'"],
      styleSrc: ["'self'", "'unsafe-inline'"],
      imgSrc: ["'self'", 'data:', 'blob:'],
      fontSrc: ["'self'", 'data:'],
      connectSrc: ["'self'"],
      objectSrc: ["'none'"],
      baseUri: ["'self'"],
      frameAncestors: ["'none'"],
      formAction: ["'self'"],
    },
    referrerPolicy: 'no-referrer',
    xContentTypeOptions: 'nosniff',
    xFrameOptions: 'DENY',
    strictTransportSecurity: https ? 'max-age=31536000; includeSubDomains' : false,
    // A calendar app or a mail client may fetch public URLs from anywhere.
    crossOriginResourcePolicy: false,
  });
  return async (c, next) => {
    await headers(c, next);
    // API answers and HTML pages carry personal data: no browser or proxy may keep them.
    const type = c.res.headers.get('content-type') ?? '';
    if (c.req.path.startsWith('/api/') || type.startsWith('text/html'))
      c.res.headers.set('cache-control', 'no-store');
  };
}

const stateChanging = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const sessionCookie = /(?:^|;\s*)(?:__Secure-)?vouch\.session_token=/;

/**
 * Refuses cross-site writes that a browser would authenticate with the session cookie (CSRF),
 * and cross-site sign-in/sign-up (login CSRF), by `Origin` and `Sec-Fetch-Site`. Requests with
 * neither header (non-browser clients) and Bearer-token requests (a browser cannot add that
 * header cross-site without CORS, which we do not allow) pass. Public token URLs are exempt:
 * mail clients post the one-click opt-out from anywhere (RFC 8058), and they need no cookie.
 */
export function crossSiteGuard(config: Config): MiddlewareHandler {
  const serverOrigin = new URL(config.baseUrl).origin;
  return async (c, next) => {
    const path = c.req.path;
    if (!stateChanging.has(c.req.method) || path.startsWith('/api/v1/public/')) return next();
    const cookieAuthenticated =
      !c.req.header('authorization') && sessionCookie.test(c.req.header('cookie') ?? '');
    if (!cookieAuthenticated && !path.startsWith('/api/v1/auth/')) return next();
    const site = c.req.header('sec-fetch-site');
    const origin = c.req.header('origin');
    const foreignOrigin =
      origin !== undefined && origin !== serverOrigin && origin !== new URL(c.req.url).origin;
    if (site === 'cross-site' || site === 'same-site' || foreignOrigin)
      return problemResponse(
        new AppError(
          'forbidden',
          'This request came from another site, so it was refused. Open Vouch itself and try again there.',
        ),
      );
    return next();
  };
}

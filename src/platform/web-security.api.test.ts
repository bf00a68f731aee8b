import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { webDist } from '../app.ts';
import { expectProblem, ok } from '../test-support/api-expect.ts';
import { usePractices, useTestContext } from '../test-support/suite.ts';
import { caller, testTargets } from '../test-support/testing.ts';
import { loadConfig } from './config.ts';
import { securityHeaders } from './web-security.ts';

const evil = { origin: 'http://evil.example' };

function expectBrowserDefences(res: Response): void {
  const csp = res.headers.get('content-security-policy') ?? '';
  expect(csp).toContain("default-src 'self'");
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toContain("form-action 'self'");
  expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  expect(res.headers.get('referrer-policy')).toBe('no-referrer');
  // The tests' server is http://localhost: no HSTS there.
  expect(res.headers.get('strict-transport-security')).toBeNull();
}

describe.each(testTargets)('browser defences on %s', (target) => {
  const ctx = useTestContext(target);
  const [a] = usePractices(ctx, ['Defended']);

  it('sends the headers, and no-store, on API answers, problems and unknown API paths', async () => {
    for (const res of [
      await a.session.request('GET', '/me'),
      await caller(ctx).request('GET', '/me'),
      await caller(ctx).request('GET', '/no-such-route'),
      await caller(ctx).request('POST', '/auth/sign-in', { email: 'x@example.com' }),
    ]) {
      expectBrowserDefences(res);
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
  });

  it('sends them on the public opt-out page, the calendar feed and the web app', async () => {
    const optOut = await ctx.app.request('/api/v1/public/opt-out/not-a-token', { method: 'GET' });
    expect(optOut.headers.get('content-type')).toMatch(/text\/html/);
    const feed = await ctx.app.request('/api/v1/public/calendar/nonsense.ics');
    for (const res of [optOut, feed]) {
      expectBrowserDefences(res);
      expect(res.headers.get('cache-control')).toBe('no-store');
    }
    const page = await ctx.app.request('/referrals/some-client-route');
    expectBrowserDefences(page);
    if (existsSync(webDist)) {
      expect(page.headers.get('content-type')).toMatch(/text\/html/);
      expect(page.headers.get('cache-control')).toBe('no-store');
      // The built app must run under the CSP: no inline script in its page.
      expect(await page.text()).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    }
  });

  it('refuses cookie-authenticated writes from another origin with 403', async () => {
    const contact = await ok<{ id: string }>(a.bearer, 'POST', '/contacts', { name: 'Lee Wong' });
    const writes: [string, string, unknown?][] = [
      ['POST', '/contacts', { name: 'Forged Contact' }],
      ['PATCH', '/practice', { name: 'Hijacked' }],
      ['POST', '/tokens', { name: 'stolen' }],
      ['DELETE', `/contacts/${contact.id}`],
    ];
    for (const [method, url, body] of writes) {
      await expectProblem(await a.session.request(method, url, body, evil), 403, 'forbidden');
      await expectProblem(
        await a.session.request(method, url, body, { 'sec-fetch-site': 'cross-site' }),
        403,
        'forbidden',
      );
      await expectProblem(
        await a.session.request(method, url, body, { 'sec-fetch-site': 'same-site' }),
        403,
        'forbidden',
      );
    }
    const practice = await ok<{ name: string }>(a.session, 'GET', '/practice');
    expect(practice.name).toBe('Defended');
    const contacts = await ok<{ items: { name: string }[] }>(a.session, 'GET', '/contacts');
    expect(contacts.items.map((c) => c.name)).toEqual(['Lee Wong']);
  });

  it('lets the same origin, header-less clients and Bearer tokens write', async () => {
    const same = { origin: ctx.deps.config.baseUrl, 'sec-fetch-site': 'same-origin' };
    expect((await a.session.request('POST', '/contacts', { name: 'Same Site' }, same)).status).toBe(
      201,
    );
    expect((await a.session.request('POST', '/contacts', { name: 'No Header' })).status).toBe(201);
    const bearer = await a.bearer.request(
      'POST',
      '/contacts',
      { name: 'By Token' },
      {
        ...evil,
        'sec-fetch-site': 'cross-site',
      },
    );
    expect(bearer.status).toBe(201);
  });

  it('refuses a cross-site sign-in (login CSRF), but not the public one-click opt-out', async () => {
    const signIn = await caller(ctx).request(
      'POST',
      '/auth/sign-in',
      { email: 'x@example.com', password: 'whatever it is' },
      evil,
    );
    await expectProblem(signIn, 403, 'forbidden');
    // Mail clients post RFC 8058 one-click opt-outs from anywhere: it reaches the handler.
    const optOut = await ctx.app.request('/api/v1/public/opt-out/not-a-token', {
      method: 'POST',
      headers: { ...evil, 'sec-fetch-site': 'cross-site', cookie: a.cookie },
    });
    expect(optOut.status).toBe(400);
    expect(await optOut.text()).toContain('This link is not valid');
  });
});

describe('HSTS', () => {
  it('is sent when the server is reached over https', async () => {
    const { Hono } = await import('hono');
    const config = loadConfig({
      VOUCH_BASE_URL: 'https://vouch.example.com',
      VOUCH_SECRET: 'test-secret-test-secret-test-secret-0123',
      VOUCH_DATA_DIR: '/tmp/vouch-hsts-test',
    });
    const app = new Hono().use('*', securityHeaders(config)).get('/', (c) => c.text('hi'));
    const res = await app.request('/');
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/);
  });
});

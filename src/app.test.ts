import { describe, expect, it } from 'vitest';
import { useTestContext } from './test-support/suite.ts';
import { testTargets } from './test-support/testing.ts';

describe.each(testTargets)('the HTTP app on %s', (target) => {
  const ctx = useTestContext(target);

  it('reports the database as reachable', async () => {
    const res = await ctx.app.request('/api/v1/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', database: 'reachable', dialect: target });
  });

  it('serves an OpenAPI 3.1 document generated from the route schemas', async () => {
    const res = await ctx.app.request('/api/v1/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      servers: { url: string }[];
      paths: Record<string, Record<string, { requestBody?: unknown }>>;
      components: {
        schemas: Record<string, { properties?: Record<string, { maxLength?: number }> }>;
      };
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.servers[0]?.url).toBe('/api/v1');
    const routes = Object.entries(doc.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(routes).toEqual(
      expect.arrayContaining([
        'GET /health',
        'POST /auth/sign-up',
        'POST /auth/sign-in',
        'POST /auth/sign-out',
        'GET /me',
        'GET /practice',
        'PATCH /practice',
        'GET /practice/settings',
        'PATCH /practice/settings',
        'GET /contacts',
        'POST /contacts',
        'GET /contacts/{id}',
        'PATCH /contacts/{id}',
        'DELETE /contacts/{id}',
        'GET /categories',
        'POST /categories',
        'GET /circles',
        'POST /circles',
        'GET /tokens',
        'POST /tokens',
        'DELETE /tokens/{id}',
      ]),
    );
    // The limits that validate requests are the ones documented.
    expect(doc.components.schemas.CreateContact?.properties?.notes).toBeDefined();
    expect(doc.paths['/contacts']?.post?.requestBody).toBeDefined();
  });

  it('answers unknown API routes with a 404 problem', async () => {
    const res = await ctx.app.request('/api/v1/nothing-here');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const unversioned = await ctx.app.request('/api/v2/contacts');
    expect(unversioned.status).toBe(404);
  });
});

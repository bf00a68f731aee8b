import { createRoute, z } from '@hono/zod-openapi';
import { actorOf } from '../platform/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { createRouter, jsonBody, jsonContent, problemResponses } from '../platform/http.ts';
import { fillPracticeWithDemo } from './demo.service.ts';

const ZDemoStats = z
  .object({
    contacts: z.number(),
    referrals: z.number(),
    given: z.number(),
    interactions: z.number(),
  })
  .openapi('DemoStats');

export function demoRoutes(deps: Deps) {
  const r = createRouter();
  r.openapi(
    createRoute({
      method: 'post',
      path: '/practice/demo-data',
      tags: ['Practice'],
      operationId: 'loadDemoData',
      summary: 'Load demo data',
      description:
        'Fills this practice, while it is still empty, with a realistic network to explore.',
      request: jsonBody(z.strictObject({})),
      responses: { 201: jsonContent(ZDemoStats, 'What was created'), ...problemResponses },
    }),
    async (c) => c.json(await fillPracticeWithDemo(deps, actorOf(c)), 201),
  );
  return r;
}

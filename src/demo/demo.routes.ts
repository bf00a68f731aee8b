import { createRoute, z } from '@hono/zod-openapi';
import { actorOf } from '../platform/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { createRouter, jsonBody, jsonContent, problemResponses } from '../platform/http.ts';
import {
  createDemoPractice,
  deleteDemoPractice,
  getDemoState,
  switchDemo,
} from './demo.service.ts';

const ZDemoState = z
  .object({
    exists: z.boolean().openapi({ description: 'The caller has a demo practice.' }),
    open: z
      .boolean()
      .openapi({ description: 'The caller is working in it (their own practice otherwise).' }),
    practiceName: z.string().nullable(),
  })
  .openapi('DemoState');

const ZDemoCreated = ZDemoState.extend({
  contacts: z.number(),
  referrals: z.number(),
  given: z.number(),
  interactions: z.number(),
}).openapi('DemoCreated');

const ZOpenDemo = z
  .strictObject({
    open: z.boolean().openapi({
      description: 'true: "Open the demo practice"; false: "Back to my practice".',
    }),
  })
  .openapi('OpenDemo');

export function demoRoutes(deps: Deps) {
  const r = createRouter();
  r.openapi(
    createRoute({
      method: 'get',
      path: '/demo',
      tags: ['Practice'],
      operationId: 'getDemo',
      summary: 'Get the demo practice state',
      description: 'Whether the caller has a demo practice and whether they are working in it.',
      responses: { 200: jsonContent(ZDemoState, 'The demo state'), ...problemResponses },
    }),
    async (c) => c.json(await getDemoState(deps, actorOf(c)), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/demo',
      tags: ['Practice'],
      operationId: 'createDemo',
      summary: 'Create the demo practice',
      description:
        "Creates the caller's demo practice — separate from their own, which is not touched — " +
        'with two years of a realistic referral program, and opens it. One per user (409 ' +
        'when there is one), at most three made per user per hour (429 with Retry-After); a ' +
        'failure part-way leaves nothing behind. Sessions only: an ' +
        'API token gets 403 here, on PUT /demo/open and on DELETE /demo.',
      request: jsonBody(z.strictObject({})),
      responses: { 201: jsonContent(ZDemoCreated, 'What was created'), ...problemResponses },
    }),
    async (c) => c.json(await createDemoPractice(deps, actorOf(c)), 201),
  );
  r.openapi(
    createRoute({
      method: 'put',
      path: '/demo/open',
      tags: ['Practice'],
      operationId: 'setDemoOpen',
      summary: 'Open or leave the demo practice',
      description:
        "`open: true` makes the caller's session work in their demo practice (404 without " +
        'one); `open: false` takes them back to their own practice. API tokens always work ' +
        'in the practice they were made in.',
      request: jsonBody(ZOpenDemo),
      responses: { 200: jsonContent(ZDemoState, 'The demo state'), ...problemResponses },
    }),
    async (c) => c.json(await switchDemo(deps, actorOf(c), c.req.valid('json').open), 200),
  );
  r.openapi(
    createRoute({
      method: 'delete',
      path: '/demo',
      tags: ['Practice'],
      operationId: 'deleteDemo',
      summary: 'Delete the demo practice',
      description:
        "Deletes the caller's demo practice and everything in it in one transaction, and " +
        'takes them back to their own practice, which is not touched. 404 without one.',
      responses: { 204: { description: 'Deleted' }, ...problemResponses },
    }),
    async (c) => {
      await deleteDemoPractice(deps, actorOf(c));
      return c.body(null, 204);
    },
  );
  return r;
}

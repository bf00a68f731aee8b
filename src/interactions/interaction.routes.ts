import { createRoute } from '@hono/zod-openapi';
import { actorOf } from '../platform/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { ZIdParam } from '../platform/fields.ts';
import { createRouter, jsonBody, jsonContent, problemResponses } from '../platform/http.ts';
import { ZInteraction, ZInteractionList, ZLogInteraction } from './interaction.schemas.ts';
import { deleteInteraction, listInteractions, logInteraction } from './interaction.service.ts';

/** Touches with a contact (PRODUCT.md §2); they keep the contact's last touch current. */
export function interactionRoutes(deps: Deps) {
  const r = createRouter();
  const tags = ['Interactions'];
  r.openapi(
    createRoute({
      method: 'post',
      path: '/contacts/{id}/interactions',
      tags,
      operationId: 'createInteraction',
      summary: 'Log an interaction',
      description:
        "A touch with a contact; the contact's `lastTouchAt` becomes the latest " +
        '`occurredAt`, which restarts its keep-in-touch clock. `occurredAt` (default now) ' +
        'is ISO 8601 with `Z` or an offset, stored as UTC; more than one day ahead, or ' +
        'before 1900, is 400 naming `occurredAt`.',
      request: { params: ZIdParam, ...jsonBody(ZLogInteraction) },
      responses: { 201: jsonContent(ZInteraction, 'The interaction'), ...problemResponses },
    }),
    async (c) =>
      c.json(
        await logInteraction(deps, actorOf(c), c.req.valid('param').id, c.req.valid('json')),
        201,
      ),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/contacts/{id}/interactions',
      tags,
      operationId: 'listInteractions',
      summary: "List a contact's interactions",
      description: 'Newest first.',
      request: { params: ZIdParam },
      responses: { 200: jsonContent(ZInteractionList, 'The interactions'), ...problemResponses },
    }),
    async (c) =>
      c.json({ items: await listInteractions(deps, actorOf(c), c.req.valid('param').id) }, 200),
  );
  r.openapi(
    createRoute({
      method: 'delete',
      path: '/interactions/{id}',
      tags,
      operationId: 'deleteInteraction',
      summary: 'Delete an interaction',
      description: "The contact's last touch is recomputed.",
      request: { params: ZIdParam },
      responses: { 204: { description: 'Deleted' }, ...problemResponses },
    }),
    async (c) => {
      await deleteInteraction(deps, actorOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  return r;
}

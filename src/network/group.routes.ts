import { createRoute } from '@hono/zod-openapi';
import { actorOf } from '../platform/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { createRouter, jsonBody, jsonContent, problemResponses } from '../platform/http.ts';
import { type GroupKind, groupLabels, ZCreateGroup, ZGroup, ZGroupList } from './group.schemas.ts';
import { createGroup, listGroups } from './group.service.ts';

/** GET and POST for categories or circles. */
export function groupRoutes(deps: Deps, kind: GroupKind) {
  const { one, path, tag } = groupLabels[kind];
  const r = createRouter();
  r.openapi(
    createRoute({
      method: 'get',
      path,
      tags: [tag],
      summary: `List the practice's ${path.slice(1)}, by name`,
      responses: { 200: jsonContent(ZGroupList, `The ${path.slice(1)}`), ...problemResponses },
    }),
    async (c) => c.json({ items: await listGroups(deps, kind, actorOf(c).practiceId) }, 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path,
      tags: [tag],
      summary: `Create a ${one}`,
      request: jsonBody(ZCreateGroup),
      responses: { 201: jsonContent(ZGroup, `The new ${one}`), ...problemResponses },
    }),
    async (c) =>
      c.json(await createGroup(deps, kind, actorOf(c).practiceId, c.req.valid('json').name), 201),
  );
  return r;
}

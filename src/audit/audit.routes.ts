import { createRoute } from '@hono/zod-openapi';
import { actorOf } from '../platform/actor.ts';
import type { Deps } from '../platform/deps.ts';
import {
  createRouter,
  jsonContent,
  ownerOnlyResponses,
  problemResponses,
} from '../platform/http.ts';
import { ZAuditActions, ZAuditPage, ZListAuditQuery } from './audit.schemas.ts';
import { listActions, listAudit } from './audit.service.ts';

const tags = ['Audit'];

/** The practice's audit log (§8), for its owner. */
export function auditRoutes(deps: Deps) {
  const r = createRouter();
  r.openapi(
    createRoute({
      method: 'get',
      path: '/audit',
      tags,
      operationId: 'listAuditEntries',
      summary: 'List audit log entries',
      description: 'Newest first; owners only (403 otherwise).',
      request: { query: ZListAuditQuery },
      responses: {
        200: jsonContent(ZAuditPage, 'A page'),
        ...problemResponses,
        ...ownerOnlyResponses,
      },
    }),
    async (c) => c.json(await listAudit(deps, actorOf(c), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/audit/actions',
      tags,
      operationId: 'listAuditActions',
      summary: 'List audit actions',
      description: 'The actions the audit log holds, for its filter; owners only (403 otherwise).',
      responses: {
        200: jsonContent(ZAuditActions, 'The actions'),
        ...problemResponses,
        ...ownerOnlyResponses,
      },
    }),
    async (c) => c.json(await listActions(deps, actorOf(c)), 200),
  );
  return r;
}

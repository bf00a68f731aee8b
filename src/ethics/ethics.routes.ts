import { createRoute } from '@hono/zod-openapi';
import { actorOf } from '../platform/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { createRouter, jsonBody, jsonContent, problemResponses } from '../platform/http.ts';
import { ZEthics, ZEthicsOverrides } from './ethics.schemas.ts';
import { getEthics, putEthicsOverrides } from './ethics.service.ts';

const tags = ['Ethics'];

/** The practice's ethics profile and its tightening-only overrides (PRODUCT.md §7). */
export function ethicsRoutes(deps: Deps) {
  const r = createRouter();
  r.openapi(
    createRoute({
      method: 'get',
      path: '/ethics',
      tags,
      summary: 'The rulings for each incentive kind, with reasons and sources (not legal advice)',
      responses: { 200: jsonContent(ZEthics, 'The ethics policy'), ...problemResponses },
    }),
    async (c) => c.json(await getEthics(deps, actorOf(c)), 200),
  );
  r.openapi(
    createRoute({
      method: 'put',
      path: '/ethics/overrides',
      tags,
      summary: 'Tighten rulings (owner only); loosening is refused',
      request: jsonBody(ZEthicsOverrides),
      responses: { 200: jsonContent(ZEthics, 'The ethics policy'), ...problemResponses },
    }),
    async (c) => c.json(await putEthicsOverrides(deps, actorOf(c), c.req.valid('json')), 200),
  );
  return r;
}

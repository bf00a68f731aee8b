import { createRoute } from '@hono/zod-openapi';
import { actorOf } from '../platform/actor.ts';
import type { Deps } from '../platform/deps.ts';
import {
  createRouter,
  jsonBody,
  jsonContent,
  ownerOnlyResponses,
  problemResponses,
} from '../platform/http.ts';
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
      operationId: 'getEthics',
      summary: 'Get the ethics rulings',
      description:
        "The ruling for each incentive kind under the practice's profession, with reason, " +
        'source and whether the practice tightened it; the shared `profile`, the nominal ' +
        'gift limit and `referrerMayBeToldWithoutConsent`. Not legal advice.',
      responses: { 200: jsonContent(ZEthics, 'The ethics policy'), ...problemResponses },
    }),
    async (c) => c.json(await getEthics(deps, actorOf(c)), 200),
  );
  r.openapi(
    createRoute({
      method: 'put',
      path: '/ethics/overrides',
      tags,
      operationId: 'replaceEthicsOverrides',
      summary: 'Replace the ethics overrides',
      description:
        'Owner only (403 otherwise); audited. Replaces the whole map: a kind left out ' +
        'returns to the profile, an override equal to the profile is not stored. A ' +
        'practice may tighten a ruling, never loosen it (422 naming the kind): ' +
        '`prohibited` tightens everything; `nominal_only` and `allowed_with_disclosure` ' +
        'each tighten `allowed` but not each other. A stored override that no longer ' +
        'tightens (after a profession change, say) is ignored.',
      request: jsonBody(ZEthicsOverrides),
      responses: {
        200: jsonContent(ZEthics, 'The ethics policy'),
        ...problemResponses,
        ...ownerOnlyResponses,
      },
    }),
    async (c) => c.json(await putEthicsOverrides(deps, actorOf(c), c.req.valid('json')), 200),
  );
  return r;
}

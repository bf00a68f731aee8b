import { createRoute } from '@hono/zod-openapi';
import { actorOf } from '../platform/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { createRouter, jsonContent, problemResponses } from '../platform/http.ts';
import { ZOnboarding } from './onboarding.schemas.ts';
import { getOnboarding } from './onboarding.service.ts';

export function onboardingRoutes(deps: Deps) {
  const r = createRouter();
  r.openapi(
    createRoute({
      method: 'get',
      path: '/onboarding',
      tags: ['Practice'],
      operationId: 'getOnboarding',
      summary: 'Get the onboarding checklist',
      description:
        'What a new practice still has to do after setup (value proposition, key phrases, ' +
        'ideal client, contacts, a referral, a goal, email, postal address), each item ' +
        '`done` as computed from the data: nothing is ticked by hand. `complete` when all are.',
      responses: { 200: jsonContent(ZOnboarding, 'The checklist'), ...problemResponses },
    }),
    async (c) => c.json(await getOnboarding(deps, actorOf(c)), 200),
  );
  return r;
}

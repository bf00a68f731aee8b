import { createRoute, z } from '@hono/zod-openapi';
import { actorOf } from '../platform/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { createRouter, jsonBody, jsonContent, problemResponses } from '../platform/http.ts';
import { fixedWindow, limitPostsByAddress } from '../platform/rate-limit.ts';
import {
  ZAnswer,
  ZCreateSurvey,
  ZPublicSurvey,
  ZRecipientParams,
  ZSurvey,
  ZSurveyList,
  ZSurveyRecipient,
  ZTokenParam,
} from './survey.schemas.ts';
import {
  answerPublicSurvey,
  createSurvey,
  enterAnswer,
  getPublicSurvey,
  listSurveys,
} from './survey.service.ts';

const tags = ['Messaging survey'];

export function surveyRoutes(deps: Deps) {
  const r = createRouter();
  r.openapi(
    createRoute({
      method: 'post',
      path: '/surveys',
      tags,
      operationId: 'createSurvey',
      summary: 'Create a messaging survey',
      description:
        'Asks up to surveyMaxPeople contacts how they would describe what you do. Each ' +
        'recipient gets a personal link (`/survey/{token}`), returned only in this ' +
        'answer; the `survey_invitation` letter can send it.',
      request: jsonBody(ZCreateSurvey),
      responses: {
        201: jsonContent(ZSurvey, 'The survey, with each link (shown once)'),
        ...problemResponses,
      },
    }),
    async (c) => c.json(await createSurvey(deps, actorOf(c), c.req.valid('json')), 201),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/surveys',
      tags,
      operationId: 'listSurveys',
      summary: 'List surveys',
      description:
        'Newest first, with answers and alignment scores (never the links). Alignment is ' +
        'the share of the key phrases an answer conveys, tolerant to word forms and ' +
        'order; below alignmentThresholdPercent the agenda proposes `explain`.',
      responses: { 200: jsonContent(ZSurveyList, 'Surveys'), ...problemResponses },
    }),
    async (c) => c.json(await listSurveys(deps, actorOf(c)), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/surveys/{id}/recipients/{recipientId}/answer',
      tags,
      operationId: 'answerSurveyByHand',
      summary: 'Enter a survey answer',
      description: 'By hand; it is scored against the key phrases.',
      request: { params: ZRecipientParams, ...jsonBody(ZAnswer) },
      responses: { 200: jsonContent(ZSurveyRecipient, 'The scored answer'), ...problemResponses },
    }),
    async (c) => {
      const { id, recipientId } = c.req.valid('param');
      return c.json(await enterAnswer(deps, actorOf(c), id, recipientId, c.req.valid('json')), 200);
    },
  );
  return r;
}

export const publicSurveyLimit = { max: 10, windowMs: 10 * 60_000 } as const;

/** The public answer page's API: no sign-in, the link's token is the only key. */
export function publicSurveyRoutes(deps: Deps) {
  const r = createRouter();
  r.use(
    '/public/survey/*',
    limitPostsByAddress(
      fixedWindow(publicSurveyLimit.max, publicSurveyLimit.windowMs, () =>
        deps.clock.now().getTime(),
      ),
      'answers',
    ),
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/public/survey/{token}',
      tags,
      operationId: 'getPublicSurvey',
      summary: 'Get the question of a survey link',
      description:
        "No sign-in: the link's token is the only key. Answers the practice's name, the " +
        'question and whether this person already answered — nothing else. A wrong token ' +
        'is 404 revealing nothing.',
      security: [],
      request: { params: ZTokenParam },
      responses: { 200: jsonContent(ZPublicSurvey, 'The question'), ...problemResponses },
    }),
    async (c) => c.json(await getPublicSurvey(deps, c.req.valid('param').token), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/public/survey/{token}',
      tags,
      operationId: 'answerPublicSurvey',
      summary: 'Answer a survey',
      description:
        'No sign-in. Rate-limited: 10 answers per 10 minutes per client address (429 with ' +
        'Retry-After). Answering again replaces the answer; nothing is echoed back. A ' +
        'wrong token is 404 revealing nothing.',
      security: [],
      request: { params: ZTokenParam, ...jsonBody(ZAnswer) },
      responses: {
        201: jsonContent(z.object({ thanks: z.literal(true) }), 'Thank you'),
        429: problemResponses[422],
        ...problemResponses,
      },
    }),
    async (c) => {
      await answerPublicSurvey(deps, c.req.valid('param').token, c.req.valid('json'));
      return c.json({ thanks: true as const }, 201);
    },
  );
  return r;
}

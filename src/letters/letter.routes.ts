import { createRoute } from '@hono/zod-openapi';
import { actorOf } from '../platform/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { createRouter, jsonBody, jsonContent, problemResponses } from '../platform/http.ts';
import {
  ZDraftLetter,
  ZEditTemplate,
  ZLetterDraft,
  ZLetterTemplate,
  ZLetterTemplateList,
  ZTemplateKeyParam,
} from './letter.schemas.ts';
import { draftLetter, editTemplate, listTemplates, resetTemplate } from './letter.service.ts';

const tags = ['Letters'];

/** Letter templates (shipped, editable per practice) and drafts rendered under consent (§3.2, §6). */
export function letterRoutes(deps: Deps) {
  const r = createRouter();
  r.openapi(
    createRoute({
      method: 'get',
      path: '/letter-templates',
      tags,
      summary: 'The letter templates with their merge fields and the consent each needs',
      responses: { 200: jsonContent(ZLetterTemplateList, 'The templates'), ...problemResponses },
    }),
    async (c) => c.json(await listTemplates(deps, actorOf(c)), 200),
  );
  r.openapi(
    createRoute({
      method: 'put',
      path: '/letter-templates/{key}',
      tags,
      summary: "Save the practice's own text of a template",
      request: { params: ZTemplateKeyParam, ...jsonBody(ZEditTemplate) },
      responses: { 200: jsonContent(ZLetterTemplate, 'The template'), ...problemResponses },
    }),
    async (c) =>
      c.json(
        await editTemplate(deps, actorOf(c), c.req.valid('param').key, c.req.valid('json')),
        200,
      ),
  );
  r.openapi(
    createRoute({
      method: 'delete',
      path: '/letter-templates/{key}',
      tags,
      summary: 'Go back to the shipped text',
      request: { params: ZTemplateKeyParam },
      responses: { 204: { description: 'Reset' }, ...problemResponses },
    }),
    async (c) => {
      await resetTemplate(deps, actorOf(c), c.req.valid('param').key);
      return c.body(null, 204);
    },
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/letters/draft',
      tags,
      summary: 'Render a letter for a referral, commitment, referral given or contact',
      request: jsonBody(ZDraftLetter),
      responses: { 200: jsonContent(ZLetterDraft, 'The draft'), ...problemResponses },
    }),
    async (c) => c.json(await draftLetter(deps, actorOf(c), c.req.valid('json')), 200),
  );
  return r;
}

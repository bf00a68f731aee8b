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
import {
  ZDraftLetter,
  ZEditTemplate,
  ZLetterDraft,
  ZLetterPreview,
  ZLetterTemplate,
  ZLetterTemplateList,
  ZPreviewTemplate,
  ZTemplateKeyParam,
} from './letter.schemas.ts';
import { draftLetter, editTemplate, listTemplates, resetTemplate } from './letter.service.ts';
import { previewTemplate } from './letter-preview.service.ts';

const tags = ['Letters'];

/** Letter templates (shipped, editable per practice) and drafts rendered under consent (§3.2, §6). */
export function letterRoutes(deps: Deps) {
  const r = createRouter();
  r.openapi(
    createRoute({
      method: 'get',
      path: '/letter-templates',
      tags,
      operationId: 'listLetterTemplates',
      summary: 'List letter templates',
      description:
        'With their merge fields and the consent each field needs (`always`, ' +
        '`with_consent`, `treating_provider`), and `about`: the one id a draft of it ' +
        'needs (referral, commitment, given, contact or none). `treating_provider_update` ' +
        'exists for HIPAA practices: a referrer who is the treating provider may be told ' +
        '"seen/scheduled" without consent, which `referrer_update` cannot say.',
      responses: { 200: jsonContent(ZLetterTemplateList, 'The templates'), ...problemResponses },
    }),
    async (c) => c.json(await listTemplates(deps, actorOf(c)), 200),
  );
  r.openapi(
    createRoute({
      method: 'put',
      path: '/letter-templates/{key}',
      tags,
      operationId: 'updateLetterTemplate',
      summary: 'Update a letter template',
      description:
        "Saves the practice's own text. An unknown merge field is 400 naming it; an " +
        'unknown template `key` is 404. A referrer-facing template may contain ' +
        'consent-gated fields: they are checked when a letter is rendered.',
      request: { params: ZTemplateKeyParam, ...jsonBody(ZEditTemplate) },
      responses: {
        200: jsonContent(ZLetterTemplate, 'The template'),
        ...problemResponses,
        ...ownerOnlyResponses,
      },
    }),
    async (c) =>
      c.json(
        await editTemplate(deps, actorOf(c), c.req.valid('param').key, c.req.valid('json')),
        200,
      ),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/letter-templates/{key}/preview',
      tags,
      operationId: 'previewLetterTemplate',
      summary: 'Preview a letter template',
      description:
        'Renders the given subject and body (as typed, saved or not) with the same renderer ' +
        "as a real letter, on sample people and the practice's own details. Nothing is " +
        'saved. An unknown merge field is 400 naming `subject` or `body`; `consentFields` ' +
        'lists the fields a real letter fills only with consent.',
      request: { params: ZTemplateKeyParam, ...jsonBody(ZPreviewTemplate) },
      responses: { 200: jsonContent(ZLetterPreview, 'The preview'), ...problemResponses },
    }),
    async (c) =>
      c.json(
        await previewTemplate(deps, actorOf(c), c.req.valid('param').key, c.req.valid('json')),
        200,
      ),
  );
  r.openapi(
    createRoute({
      method: 'delete',
      path: '/letter-templates/{key}',
      tags,
      operationId: 'resetLetterTemplate',
      summary: 'Reset a letter template',
      description: 'Goes back to the shipped text.',
      request: { params: ZTemplateKeyParam },
      responses: { 204: { description: 'Reset' }, ...problemResponses, ...ownerOnlyResponses },
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
      operationId: 'draftLetter',
      summary: 'Draft a letter',
      description:
        'Renders a template for a referral, commitment, referral given or contact: ' +
        'exactly the id the template is `about` (another id, or none, is 400 naming it). ' +
        'Consent (PRODUCT.md §3.2): a referrer-facing letter without consent uses only ' +
        'the `always` fields; with consent also the milestone (`referral.milestone`), ' +
        'never notes or need; under HIPAA a referrer who is the treating provider may be ' +
        'told `referral.seen`. A blocked field is 422 whose `errors[0].field` is the ' +
        'merge field. A referral whose referrer is unknown is 409 naming `referralId`. ' +
        '`weekly_digest` goes to the caller.',
      request: jsonBody(ZDraftLetter),
      responses: { 200: jsonContent(ZLetterDraft, 'The draft'), ...problemResponses },
    }),
    async (c) => c.json(await draftLetter(deps, actorOf(c), c.req.valid('json')), 200),
  );
  return r;
}

import { createRoute, z } from '@hono/zod-openapi';
import { actorOf } from '../platform/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { ZVcardQuery } from '../platform/fields.ts';
import {
  createRouter,
  jsonBody,
  jsonContent,
  ownerOnlyResponses,
  problemResponses,
  vcardResponse,
} from '../platform/http.ts';
import {
  settingsMetaView,
  ZPractice,
  ZProfessionList,
  ZSettingsView,
  ZUpdatePractice,
  ZUpdateSettings,
} from './practice.schemas.ts';
import {
  getPractice,
  getPracticeVcard,
  updatePractice,
  updateSettings,
} from './practice.service.ts';
import { professions } from './professions.ts';

export function publicPracticeRoutes() {
  const r = createRouter();
  r.openapi(
    createRoute({
      method: 'get',
      path: '/professions',
      tags: ['Practice'],
      operationId: 'listProfessions',
      summary: 'List professions',
      description: 'No sign-in. Each profession selects an ethics profile (see GET /ethics).',
      responses: { 200: jsonContent(ZProfessionList, 'The professions') },
    }),
    (c) => c.json({ items: professions.map((p) => ({ id: p.id, label: p.label })) }, 200),
  );
  return r;
}

export function practiceRoutes(deps: Deps) {
  const r = createRouter();
  r.openapi(
    createRoute({
      method: 'get',
      path: '/practice',
      tags: ['Practice'],
      operationId: 'getPractice',
      summary: 'Get the practice',
      description: 'The practice profile and its settings.',
      responses: { 200: jsonContent(ZPractice, 'The practice'), ...problemResponses },
    }),
    async (c) => c.json(await getPractice(deps, actorOf(c).practiceId), 200),
  );
  r.openapi(
    createRoute({
      method: 'patch',
      path: '/practice',
      tags: ['Practice'],
      operationId: 'updatePractice',
      summary: 'Update the practice profile',
      description:
        'Owner only (403 otherwise). `markSetUp: true` completes the first-run setup; it ' +
        'needs only a name and a time zone (each one missing is named in `errors`). The ' +
        'value proposition, key phrases (none, or 3–8) and postal address can follow; ' +
        'GET /onboarding lists what is still to do.',
      request: jsonBody(ZUpdatePractice),
      responses: {
        200: jsonContent(ZPractice, 'The practice'),
        ...problemResponses,
        ...ownerOnlyResponses,
      },
    }),
    async (c) => {
      const actor = actorOf(c);
      return c.json(await updatePractice(deps, actor, c.req.valid('json')), 200);
    },
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/practice/vcard',
      tags: ['Practice'],
      operationId: 'getPracticeVcard',
      summary: "Get the practitioner's vCard",
      description:
        "The signed-in user's contact card (RFC 6350) as a `.vcf` download: their name (FN, " +
        'and N in parts), their email, the practice as ORG, its postal address (ADR) and its ' +
        'value proposition (NOTE). vCard 4.0, written so that 3.0 readers understand it too; ' +
        '`version=3.0` gives a 3.0 card, which Outlook for Windows reads best.',
      request: { query: ZVcardQuery },
      responses: {
        200: {
          content: { 'text/vcard': { schema: z.string() } },
          description: 'The vCard, as an attachment',
        },
        ...problemResponses,
      },
    }),
    async (c) => {
      const { version } = c.req.valid('query');
      const { fileName, vcard } = await getPracticeVcard(deps, actorOf(c), version);
      return vcardResponse(vcard, fileName);
    },
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/practice/settings',
      tags: ['Practice'],
      operationId: 'getPracticeSettings',
      summary: 'Get the program settings',
      description:
        'The program defaults (PRODUCT.md §10) as `values`, and for each key its label, ' +
        'meaning, unit, range and default as `meta`.',
      responses: { 200: jsonContent(ZSettingsView, 'The settings'), ...problemResponses },
    }),
    async (c) => {
      const practice = await getPractice(deps, actorOf(c).practiceId);
      return c.json({ values: practice.settings, meta: settingsMetaView }, 200);
    },
  );
  r.openapi(
    createRoute({
      method: 'patch',
      path: '/practice/settings',
      tags: ['Practice'],
      operationId: 'updatePracticeSettings',
      summary: 'Update the program settings',
      description:
        'Owner only (403 otherwise). Send only the keys to change. Keep-in-touch cadences ' +
        'are 0–730 days, 0 meaning none.',
      request: jsonBody(ZUpdateSettings),
      responses: {
        200: jsonContent(ZSettingsView, 'The settings'),
        ...problemResponses,
        ...ownerOnlyResponses,
      },
    }),
    async (c) => {
      const actor = actorOf(c);
      const values = await updateSettings(deps, actor, c.req.valid('json'));
      return c.json({ values, meta: settingsMetaView }, 200);
    },
  );
  return r;
}

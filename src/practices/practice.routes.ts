import { createRoute } from '@hono/zod-openapi';
import { actorOf } from '../platform/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { createRouter, jsonBody, jsonContent, problemResponses } from '../platform/http.ts';
import {
  settingsMetaView,
  ZPractice,
  ZProfessionList,
  ZSettingsView,
  ZUpdatePractice,
  ZUpdateSettings,
} from './practice.schemas.ts';
import { getPractice, updatePractice, updateSettings } from './practice.service.ts';
import { professions } from './professions.ts';

export function publicPracticeRoutes() {
  const r = createRouter();
  r.openapi(
    createRoute({
      method: 'get',
      path: '/professions',
      tags: ['Practice'],
      summary: 'The professions, each selecting an ethics profile',
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
      summary: 'The practice profile and settings',
      responses: { 200: jsonContent(ZPractice, 'The practice'), ...problemResponses },
    }),
    async (c) => c.json(await getPractice(deps, actorOf(c).practiceId), 200),
  );
  r.openapi(
    createRoute({
      method: 'patch',
      path: '/practice',
      tags: ['Practice'],
      summary: 'Edit the practice profile; markSetUp completes the first-run setup',
      request: jsonBody(ZUpdatePractice),
      responses: { 200: jsonContent(ZPractice, 'The practice'), ...problemResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      return c.json(await updatePractice(deps, actor, c.req.valid('json')), 200);
    },
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/practice/settings',
      tags: ['Practice'],
      summary: 'The program defaults (PRODUCT.md §10) with their meaning',
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
      summary: 'Change some program defaults',
      request: jsonBody(ZUpdateSettings),
      responses: { 200: jsonContent(ZSettingsView, 'The settings'), ...problemResponses },
    }),
    async (c) => {
      const actor = actorOf(c);
      const values = await updateSettings(deps, actor, c.req.valid('json'));
      return c.json({ values, meta: settingsMetaView }, 200);
    },
  );
  return r;
}

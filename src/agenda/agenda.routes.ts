import { createRoute } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { actorOf } from '../platform/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { createRouter, jsonBody, jsonContent, problemResponses } from '../platform/http.ts';
import {
  ZAgenda,
  ZAgendaQuery,
  ZCalendarFeedCreated,
  ZCalendarFeedList,
  ZCreateCalendarFeed,
  ZDismiss,
  ZFeedIdParam,
  ZItemKeyParam,
  ZSnooze,
} from './agenda.schemas.ts';
import {
  calendarFeedIcs,
  clearMark,
  createFeed,
  dismissItem,
  getAgenda,
  listFeeds,
  revokeFeed,
  rotateFeed,
  snoozeItem,
} from './agenda.service.ts';

const tags = ['Agenda'];

/** The daily agenda (§4), its snoozes and dismissals, and the caller's calendar feeds. */
export function agendaRoutes(deps: Deps) {
  const r = createRouter();
  r.openapi(
    createRoute({
      method: 'get',
      path: '/agenda',
      tags,
      summary: 'What to do, for whom and why now: computed for `at` (default now)',
      request: { query: ZAgendaQuery },
      responses: { 200: jsonContent(ZAgenda, 'The agenda'), ...problemResponses },
    }),
    async (c) => c.json(await getAgenda(deps, actorOf(c), c.req.valid('query')), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/agenda/{key}/snooze',
      tags,
      summary: 'Hide an item until a time in the future',
      request: { params: ZItemKeyParam, ...jsonBody(ZSnooze) },
      responses: { 204: { description: 'Snoozed' }, ...problemResponses },
    }),
    async (c) => {
      await snoozeItem(deps, actorOf(c), c.req.valid('param').key, c.req.valid('json'));
      return c.body(null, 204);
    },
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/agenda/{key}/dismiss',
      tags,
      summary: 'Hide an item until its cause changes (it then comes back under a new key)',
      request: { params: ZItemKeyParam, ...jsonBody(ZDismiss) },
      responses: { 204: { description: 'Dismissed' }, ...problemResponses },
    }),
    async (c) => {
      await dismissItem(deps, actorOf(c), c.req.valid('param').key, c.req.valid('json'));
      return c.body(null, 204);
    },
  );
  r.openapi(
    createRoute({
      method: 'delete',
      path: '/agenda/{key}/mark',
      tags,
      summary: 'Undo a snooze or a dismissal',
      request: { params: ZItemKeyParam },
      responses: { 204: { description: 'Undone' }, ...problemResponses },
    }),
    async (c) => {
      await clearMark(deps, actorOf(c), c.req.valid('param').key);
      return c.body(null, 204);
    },
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/calendar-feeds',
      tags,
      summary: 'Your calendar feeds (their secret URLs are shown only when created)',
      responses: { 200: jsonContent(ZCalendarFeedList, 'Your feeds'), ...problemResponses },
    }),
    async (c) => c.json(await listFeeds(deps, actorOf(c)), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/calendar-feeds',
      tags,
      summary: 'Create a secret ICS URL of your agenda items with a due time (shown once)',
      request: jsonBody(ZCreateCalendarFeed),
      responses: { 201: jsonContent(ZCalendarFeedCreated, 'The feed'), ...problemResponses },
    }),
    async (c) => c.json(await createFeed(deps, actorOf(c)), 201),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/calendar-feeds/{id}/rotate',
      tags,
      summary:
        'Give one of your live feeds a new secret URL (shown once); the old URL stops at once',
      request: { params: ZFeedIdParam, ...jsonBody(ZCreateCalendarFeed) },
      responses: { 200: jsonContent(ZCalendarFeedCreated, 'The new URL'), ...problemResponses },
    }),
    async (c) => c.json(await rotateFeed(deps, actorOf(c), c.req.valid('param').id), 200),
  );
  r.openapi(
    createRoute({
      method: 'delete',
      path: '/calendar-feeds/{id}',
      tags,
      summary: 'Revoke one of your calendar feeds',
      request: { params: ZFeedIdParam },
      responses: { 204: { description: 'Revoked' }, ...problemResponses },
    }),
    async (c) => {
      await revokeFeed(deps, actorOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  return r;
}

/** The calendar a feed's secret URL opens, without signing in (calendar apps poll it). */
export function publicCalendarRoutes(deps: Deps) {
  const r = new Hono();
  r.get('/public/calendar/:file', async (c) => {
    const file = c.req.param('file');
    const token = file.endsWith('.ics') ? file.slice(0, -4) : '';
    const ics = await calendarFeedIcs(deps, token);
    return c.body(ics, 200, {
      'content-type': 'text/calendar; charset=utf-8',
      'cache-control': 'private, max-age=300',
    });
  });
  return r;
}

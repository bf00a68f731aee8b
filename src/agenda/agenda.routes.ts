import { createRoute } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { actorOf } from '../platform/actor.ts';
import type { Deps } from '../platform/deps.ts';
import { createRouter, jsonBody, jsonContent, problemResponses } from '../platform/http.ts';
import {
  ZActionResult,
  ZAgenda,
  ZAgendaQuery,
  ZAssignItem,
  ZAssignment,
  ZBulkAction,
  ZCalendarFeedCreated,
  ZCalendarFeedList,
  ZCreateCalendarFeed,
  ZDismiss,
  ZFeedIdParam,
  ZItemKeyParam,
  ZPerformAction,
  ZPerformItem,
  ZSnooze,
  ZUndo,
  ZUndoIdParam,
} from './agenda.schemas.ts';
import {
  assignItem,
  bulkAction,
  calendarFeedIcs,
  clearMark,
  createFeed,
  dismissItem,
  getAgenda,
  listFeeds,
  performAction,
  performItem,
  revokeFeed,
  rotateFeed,
  snoozeItem,
  undoAction,
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
      operationId: 'getAgenda',
      summary: 'Get the agenda',
      description:
        'What to do, for whom and why now, computed for `at` (default now) from the data, ' +
        'never stored (PRODUCT.md §4, twelve kinds). Ordered by urgency (overdue, today, ' +
        'this_week, later), then rank, then due time, then key. At most `perKind` items ' +
        'of each kind, the most pressing first; `truncated` names the kinds that have ' +
        'more. `horizon=week` shows the weekly `grow_category` any day (else on Mondays ' +
        "in the practice's time zone). `includeSnoozed` also lists snoozed items with " +
        "`snoozedUntil`; dismissed ones stay hidden. Each item's `action` is the one call " +
        'that completes it. Keys are `kind:subjectId[:causeVersion]`, so a changed cause ' +
        'makes a new key. Due times: `respond` at receipt + responseWindowHours and `thank` ' +
        'at receipt (or becoming a client) + thankWithinHours, overdue after; `ask` when its ' +
        'window closes (today on its last day, else this_week); reminders, quiet sources, ' +
        "check-ins and keep-in-touch on the day they fall due in the practice's time zone " +
        '(overdue after it); `update_referrer` and `notify_partner` have no due time and ' +
        'are today; `give_back`, `grow_category` and `explain` are this_week. A contact ' +
        'listed as a quiet source is not also listed for keep-in-touch. Ranks: respond, ' +
        'thank, update_referrer, notify_partner, ask, remind_commitment (proposing release ' +
        'after commitmentMaxReminders), reconnect_quiet_source (stage trusts or above, or ' +
        'an open commitment, quiet for quietSourceDays), give_back (partners owed ' +
        'giveBackThreshold or more), check_in_given, keep_in_touch, grow_category (a ' +
        'most-wanted category under target), explain (a survey answer below ' +
        'alignmentThresholdPercent, until a meeting or call after it).',
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
      operationId: 'snoozeAgendaItem',
      summary: 'Snooze an agenda item',
      description:
        'Hidden until `until` (in the future, within 366 days). The key must be well ' +
        "formed (else 400) and its subject exist in the caller's practice (else 404); the " +
        'item need not be listed at the moment.',
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
      operationId: 'dismissAgendaItem',
      summary: 'Dismiss an agenda item',
      description:
        'Hidden until its cause changes (it then comes back under a new key). The key ' +
        "must be well formed (else 400) and its subject exist in the caller's practice " +
        '(else 404).',
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
      method: 'put',
      path: '/agenda/{key}/assignee',
      tags,
      operationId: 'setAgendaItemAssignee',
      summary: 'Assign an agenda item',
      description:
        "To a member of the team (`userId`), or back to everyone (`null`); Today's " +
        "`assignee=mine` lists one's own. Kept by the item's kind and subject, so it holds " +
        'when the cause moves on. 404 for an unknown item or someone not on the team.',
      request: { params: ZItemKeyParam, ...jsonBody(ZAssignItem) },
      responses: { 200: jsonContent(ZAssignment, 'The assignment'), ...problemResponses },
    }),
    async (c) =>
      c.json(
        await assignItem(deps, actorOf(c), c.req.valid('param').key, c.req.valid('json').userId),
        200,
      ),
  );
  r.openapi(
    createRoute({
      method: 'delete',
      path: '/agenda/{key}/mark',
      tags,
      operationId: 'deleteAgendaMark',
      summary: 'Undo a snooze or dismissal',
      description: '404 when the item has no mark.',
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
      method: 'post',
      path: '/agenda/items/bulk',
      tags,
      operationId: 'markAgendaItems',
      summary: 'Snooze, dismiss or do several agenda items',
      description:
        'One transaction, one undo (`undoId`, for `POST /agenda/undo/{id}`). Either `keys` ' +
        '(each well formed, else 400, and its subject in your practice, else 404) or ' +
        '`olderThanDays`: every item overdue for more than that many days (snooze and ' +
        'dismiss only; `count` 0 and `undoId` null when there are none). `snooze` needs ' +
        '`until` (future, within 366 days); `dismiss` needs a `reason`. `done` does each ' +
        "listed item's primary action as `POST /agenda/{key}/do` does; one refusal " +
        'refuses them all.',
      request: jsonBody(ZBulkAction),
      responses: { 200: jsonContent(ZActionResult, 'What was done'), ...problemResponses },
    }),
    async (c) => c.json(await bulkAction(deps, actorOf(c), c.req.valid('json')), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/agenda/{key}/do',
      tags,
      operationId: 'recordAgendaItemDone',
      summary: "Do an agenda item's action, with undo",
      description:
        "Does the listed item's primary (or `which: secondary`) action through its owner " +
        '(the same rules as its own path) and answers an `undoId`. Kinds: respond, thank, ' +
        'update_referrer (the referral changes), notify_partner and check_in_given (the ' +
        'referral given), and reconnect_quiet_source, keep_in_touch, explain (a touch is ' +
        "logged); any other is 422 (use the action's own path). An item " +
        'no longer listed is 409; a subject outside your practice is 404.',
      request: { params: ZItemKeyParam, ...jsonBody(ZPerformItem) },
      responses: { 200: jsonContent(ZActionResult, 'Done'), ...problemResponses },
    }),
    async (c) =>
      c.json(
        await performItem(
          deps,
          actorOf(c),
          c.req.valid('param').key,
          c.req.valid('json').which ?? 'primary',
        ),
        200,
      ),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/agenda/actions',
      tags,
      operationId: 'recordUndoableAction',
      summary: 'Do a one-click action, with undo',
      description:
        'Does one of the actions that agenda items offer, from the page of its subject and ' +
        'whether or not an item is listed for it, through its owner (the same rules as its ' +
        'own path), and answers an `undoId` for `POST /agenda/undo/{id}`. `path` is one of ' +
        '`POST /referrals/{id}/status`, `/referrals/{id}/reopen`, `/referrals/{id}/thanks`, ' +
        '`/referrals/{id}/referrer-updates`, `/contacts/{id}/interactions`, ' +
        '`/contacts/{id}/asks`, `/commitments/{id}/reminders`, `/commitments/{id}/release` ' +
        'or `PATCH /referrals-given/{id}`, without `/api/v1`; `body` is what that path takes. ' +
        'Any other path is 422.',
      request: jsonBody(ZPerformAction),
      responses: { 200: jsonContent(ZActionResult, 'Done'), ...problemResponses },
    }),
    async (c) => {
      const { method, path, body } = c.req.valid('json');
      return c.json(
        await performAction(deps, actorOf(c), { method, path, body: body ?? null }),
        200,
      );
    },
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/agenda/undo/{id}',
      tags,
      operationId: 'revokeAgendaAction',
      summary: 'Undo an action done on Today',
      description:
        'Takes back what the action recorded, in one transaction: snoozes and dismissals as ' +
        'they were (unless marked again since: the later mark stays), the referral as it was ' +
        '(status, times, thanks or referrer update, its history entries removed; an undone ' +
        "referrer update is audited, as the update was), the referral given's notified or " +
        "checked-in time cleared, the logged touch or ask deleted, the commitment's reminder " +
        'or release taken back. Only your own actions in your practice (else 404), within a ' +
        'day of the action. Undoing twice, after a day, or after its subject changed again, ' +
        'is 409.',
      request: { params: ZUndoIdParam, ...jsonBody(ZUndo) },
      responses: { 204: { description: 'Undone' }, ...problemResponses },
    }),
    async (c) => {
      await undoAction(deps, actorOf(c), c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
  r.openapi(
    createRoute({
      method: 'get',
      path: '/calendar-feeds',
      tags,
      operationId: 'listCalendarFeeds',
      summary: 'List your calendar feeds',
      description:
        "The caller's own. Their secret URLs are shown only when created or rotated (only " +
        'a hash is stored).',
      responses: { 200: jsonContent(ZCalendarFeedList, 'Your feeds'), ...problemResponses },
    }),
    async (c) => c.json(await listFeeds(deps, actorOf(c)), 200),
  );
  r.openapi(
    createRoute({
      method: 'post',
      path: '/calendar-feeds',
      tags,
      operationId: 'createCalendarFeed',
      summary: 'Create a calendar feed',
      description:
        'A secret ICS URL, shown once, of your agenda items that have a due time ' +
        '(`/api/v1/public/calendar/{token}.ics`, no sign-in; polled by calendar apps). An ' +
        'Idempotency-Key replay is refused (409) rather than answering the URL again.',
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
      operationId: 'rotateCalendarFeed',
      summary: "Rotate a calendar feed's URL",
      description:
        'Gives one of your live feeds a new secret URL (shown once); the old URL stops at ' +
        'once. An Idempotency-Key replay is refused (409).',
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
      operationId: 'revokeCalendarFeed',
      summary: 'Revoke a calendar feed',
      description: "Only the caller's own feeds; another's is 404.",
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

import { useQuery } from '@tanstack/react-query';
import { api, sendAction } from '../api';
import type { AgendaAction, AgendaQuery } from '../api/types';
import { useRefreshingMutation } from '../query-client';

export const agendaKeys = {
  all: ['agenda'] as const,
  list: (query: AgendaQuery) => ['agenda', 'list', query] as const,
};
const FEEDS_KEY = ['calendar-feeds'] as const;

export function useAgenda(query: AgendaQuery) {
  return useQuery({
    queryKey: agendaKeys.list(query),
    queryFn: ({ signal }) => api.get('/agenda', { query, signal }),
    // The agenda is computed from everything else: always ask again when the page opens.
    staleTime: 0,
  });
}

/**
 * Completing an item changes a referral, contact, commitment or referral given: every list
 * may show it, so everything on screen is asked again (the agenda first).
 */
export function useAgendaAction() {
  return useRefreshingMutation(
    ({ action }: { key: string; action: AgendaAction }) => sendAction(action),
    'agenda-action',
  );
}

/**
 * Does an item's action through the agenda (`undoable` items), which answers an undo id.
 * Everything on screen is asked again, as for any action.
 */
export function usePerformItem() {
  return useRefreshingMutation(
    ({ key, which }: { key: string; which: 'primary' | 'secondary' }) =>
      api.post('/agenda/{key}/do', { path: { key }, body: { which } }),
    'agenda-action',
  );
}

/**
 * Does a one-click action from its subject's page (a thank-you on a referral, a reminder on a
 * commitment) through the agenda, which answers an undo id as for Today's items.
 */
export function usePerformAction() {
  return useRefreshingMutation(
    (body: { method: 'POST' | 'PATCH'; path: string; body?: Record<string, unknown> }) =>
      api.post('/agenda/actions', { body }),
    'agenda-action',
  );
}

export type BulkAction = {
  action: 'snooze' | 'dismiss' | 'done';
  keys?: string[];
  olderThanDays?: number;
  until?: string;
  reason?: string;
};

/** Snooze, dismiss or do several items (or one) in one request, with one undo. */
export function useBulkAction() {
  return useRefreshingMutation(
    (body: BulkAction) => api.post('/agenda/items/bulk', { body }),
    'agenda-action',
  );
}

/** Takes back what an action on Today recorded. */
export function useUndo() {
  return useRefreshingMutation(
    (id: string) => api.post('/agenda/undo/{id}', { path: { id }, body: {} }),
    'agenda-action',
  );
}

/** Undo a snooze or dismissal. */
export function useUnmark() {
  return useRefreshingMutation(
    (key: string) => api.delete('/agenda/{key}/mark', { path: { key } }),
    'agenda-mark',
  );
}

export function useCalendarFeeds() {
  return useQuery({
    queryKey: FEEDS_KEY,
    queryFn: ({ signal }) => api.get('/calendar-feeds', { signal }),
    select: (data) => data.items,
  });
}

export function useCreateCalendarFeed() {
  return useRefreshingMutation(() => api.post('/calendar-feeds', { body: {} }), 'calendar-feed');
}

export function useRevokeCalendarFeed() {
  return useRefreshingMutation(
    (id: string) => api.delete('/calendar-feeds/{id}', { path: { id } }),
    'calendar-feed',
  );
}

/** A new secret address for a live feed; the old address stops working at once. */
export function useRotateCalendarFeed() {
  return useRefreshingMutation(
    (id: string) => api.post('/calendar-feeds/{id}/rotate', { path: { id }, body: {} }),
    'calendar-feed',
  );
}

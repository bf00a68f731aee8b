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

export function useSnooze() {
  return useRefreshingMutation(
    ({ key, until }: { key: string; until: string }) =>
      api.post('/agenda/{key}/snooze', { path: { key }, body: { until } }),
    'agenda-mark',
  );
}

export function useDismiss() {
  return useRefreshingMutation(
    ({ key, reason }: { key: string; reason: string }) =>
      api.post('/agenda/{key}/dismiss', { path: { key }, body: { reason } }),
    'agenda-mark',
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

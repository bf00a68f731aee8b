import { useQuery } from '@tanstack/react-query';
import { api } from '../api';
import type {
  AgendaQuery,
  BulkAction,
  StatusChange,
  ThanksRecord,
  UndoableAction,
} from '../api/types';
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

/** Assigns an item to a member of the team, or back to everyone (issue 14 §4). */
export function useAssignItem() {
  return useRefreshingMutation(
    ({ key, userId }: { key: string; userId: string | null }) =>
      api.put('/agenda/{key}/assignee', { path: { key }, body: { userId } }),
    'agenda-mark',
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
 * The one-click actions a subject's page offers with Undo, each the path and body its owner
 * takes (`POST /agenda/actions` does them as the path itself would).
 */
export const undoable = {
  status: (referralId: string, body: StatusChange): UndoableAction => ({
    method: 'POST',
    path: `/referrals/${referralId}/status`,
    body,
  }),
  reopen: (referralId: string): UndoableAction => ({
    method: 'POST',
    path: `/referrals/${referralId}/reopen`,
    body: {},
  }),
  thanks: (referralId: string, body: ThanksRecord): UndoableAction => ({
    method: 'POST',
    path: `/referrals/${referralId}/thanks`,
    body,
  }),
  referrerUpdate: (referralId: string): UndoableAction => ({
    method: 'POST',
    path: `/referrals/${referralId}/referrer-updates`,
  }),
  reminder: (commitmentId: string): UndoableAction => ({
    method: 'POST',
    path: `/commitments/${commitmentId}/reminders`,
  }),
};

/**
 * Does one of the `undoable` actions from its subject's page through the agenda, which answers
 * an undo id as for Today's items.
 */
export function usePerformAction() {
  return useRefreshingMutation(
    (body: UndoableAction) => api.post('/agenda/actions', { body }),
    'agenda-action',
  );
}

/** Snooze, dismiss or do several items (or one) in one request, with one undo. */
export function useBulkAction() {
  return useRefreshingMutation(
    (body: BulkAction) => api.post('/agenda/items/bulk', { body }),
    // Snoozes and dismissals change only the agenda; doing items changes their subjects too.
    (body) => (body.action === 'done' ? 'agenda-action' : 'agenda-mark'),
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

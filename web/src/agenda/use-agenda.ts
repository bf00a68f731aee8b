import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api';
import type {
  Agenda,
  AgendaAction,
  AgendaQuery,
  CalendarFeed,
  CalendarFeedCreated,
  ItemList,
} from '../types';

export const agendaKeys = {
  all: ['agenda'] as const,
  list: (query: AgendaQuery) => ['agenda', 'list', query] as const,
};
const FEEDS_KEY = ['calendar-feeds'] as const;

export function useAgenda(query: AgendaQuery) {
  return useQuery({
    queryKey: agendaKeys.list(query),
    queryFn: ({ signal }) => api.get<Agenda>('/agenda', { ...query }, signal),
    // The agenda is computed from everything else: always ask again when the page opens.
    staleTime: 0,
  });
}

/** Performs an item's completing action exactly as the API describes it. */
function perform(action: AgendaAction): Promise<unknown> {
  const body = action.body ?? {};
  switch (action.method) {
    case 'POST':
      return api.post(action.path, body);
    case 'PATCH':
      return api.patch(action.path, body);
    case 'PUT':
      return api.put(action.path, body);
    case 'DELETE':
      return api.delete(action.path);
  }
}

/**
 * Completing an item changes a referral, contact, commitment or referral given: every list
 * may show it, so everything on screen is asked again (the agenda first).
 */
export function useAgendaAction() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action }: { key: string; action: AgendaAction }) => perform(action),
    onSuccess: () => void queryClient.invalidateQueries(),
  });
}

export function useSnooze() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ key, until }: { key: string; until: string }) =>
      api.post<void>(`/agenda/${encodeURIComponent(key)}/snooze`, { until }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: agendaKeys.all }),
  });
}

export function useDismiss() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ key, reason }: { key: string; reason: string }) =>
      api.post<void>(`/agenda/${encodeURIComponent(key)}/dismiss`, { reason }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: agendaKeys.all }),
  });
}

/** Undo a snooze or dismissal. */
export function useUnmark() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (key: string) => api.delete(`/agenda/${encodeURIComponent(key)}/mark`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: agendaKeys.all }),
  });
}

export function useCalendarFeeds() {
  return useQuery({
    queryKey: FEEDS_KEY,
    queryFn: ({ signal }) => api.get<ItemList<CalendarFeed>>('/calendar-feeds', {}, signal),
    select: (data) => data.items,
  });
}

export function useCreateCalendarFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<CalendarFeedCreated>('/calendar-feeds', {}),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: FEEDS_KEY }),
  });
}

export function useRevokeCalendarFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/calendar-feeds/${encodeURIComponent(id)}`),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: FEEDS_KEY }),
  });
}

/** A new secret address for a live feed; the old address stops working at once. */
export function useRotateCalendarFeed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api.post<CalendarFeedCreated>(`/calendar-feeds/${encodeURIComponent(id)}/rotate`, {}),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: FEEDS_KEY }),
  });
}

import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '../api';
import type { MessageStatus, SmtpInput } from '../api/types';
import { useRefreshingMutation } from '../query-client';

export const messageKeys = {
  all: ['messages'] as const,
  list: (status: MessageStatus | undefined) => ['messages', 'list', status ?? 'all'] as const,
  detail: (id: string) => ['messages', 'detail', id] as const,
};

/** The outbox, newest first; refreshed while something is on its way. */
export function useMessages(status: MessageStatus | undefined) {
  return useInfiniteQuery({
    queryKey: messageKeys.list(status),
    queryFn: ({ pageParam, signal }) =>
      api.get('/messages', {
        query: { status, limit: 50, cursor: pageParam ?? undefined },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: (query) => {
      const pages = query.state.data?.pages ?? [];
      const busy = pages.some((p) =>
        p.items.some((m) => m.status === 'queued' || m.status === 'sending'),
      );
      return busy ? 5_000 : 60_000;
    },
  });
}

export function useMessage(id: string | null) {
  return useQuery({
    queryKey: messageKeys.detail(id ?? ''),
    enabled: id !== null,
    queryFn: ({ signal }) => api.get('/messages/{id}', { path: { id: id ?? '' }, signal }),
  });
}

export function useRetryMessage() {
  return useRefreshingMutation(
    (id: string) => api.post('/messages/{id}/retry', { path: { id } }),
    'message',
  );
}

/** Where the printable PDF of a message is (opened in a new tab to print). */
export function messagePdfUrl(id: string): string {
  return `/api/v1/messages/${encodeURIComponent(id)}/pdf`;
}

const SMTP_KEY = ['smtp'] as const;

export function useSmtp() {
  return useQuery({
    queryKey: SMTP_KEY,
    queryFn: ({ signal }) => api.get('/smtp', { signal }),
  });
}

export function useSaveSmtp() {
  return useRefreshingMutation(
    (input: SmtpInput) => api.put('/smtp', { body: input }),
    'smtp',
    (saved, _input, queryClient) => queryClient.setQueryData(SMTP_KEY, saved),
  );
}

export function useDeleteSmtp() {
  return useRefreshingMutation(() => api.delete('/smtp'), 'smtp');
}

/** A test says whether email works: what shows "set up" asks again. */
export function useTestSmtp() {
  return useRefreshingMutation(
    (to: string | undefined) => api.post('/smtp/test', { body: to ? { to } : {} }),
    'smtp',
  );
}

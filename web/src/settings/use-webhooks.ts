import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '../api';
import type { CreateWebhookInput, UpdateWebhookInput } from '../api/types';
import { useRefreshingMutation } from '../query-client';

const WEBHOOKS_KEY = ['webhooks'] as const;

export function useWebhooks() {
  return useQuery({
    queryKey: WEBHOOKS_KEY,
    queryFn: ({ signal }) => api.get('/webhooks', { signal }),
    select: (data) => data.items,
  });
}

export function useWebhookDeliveries(id: string) {
  return useInfiniteQuery({
    queryKey: ['webhooks', id, 'deliveries'],
    queryFn: ({ pageParam, signal }) =>
      api.get('/webhooks/{id}/deliveries', {
        path: { id },
        query: { limit: 20, cursor: pageParam ?? undefined },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useCreateWebhook() {
  return useRefreshingMutation(
    (body: CreateWebhookInput) => api.post('/webhooks', { body }),
    'webhook',
  );
}

export function useUpdateWebhook() {
  return useRefreshingMutation(
    ({ id, body }: { id: string; body: UpdateWebhookInput }) =>
      api.patch('/webhooks/{id}', { path: { id }, body }),
    'webhook',
  );
}

export function useDeleteWebhook() {
  return useRefreshingMutation(
    (id: string) => api.delete('/webhooks/{id}', { path: { id } }),
    'webhook',
  );
}

export function useResendDelivery() {
  return useRefreshingMutation(
    ({ id, deliveryId }: { id: string; deliveryId: string }) =>
      api.post('/webhooks/{id}/deliveries/{deliveryId}/resend', {
        path: { id, deliveryId },
        body: {},
      }),
    'webhook',
  );
}

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../api';
import type { DisclosureMethod, IncentiveInput, IncentiveQuery } from '../api/types';
import { useRefreshingMutation } from '../query-client';

export const incentiveKeys = {
  all: ['incentives'] as const,
  list: (query: IncentiveQuery) => ['incentives', 'list', query] as const,
  preview: (input: IncentiveInput) => ['incentives', 'preview', input] as const,
};

export function useIncentives(query: IncentiveQuery, enabled = true) {
  return useQuery({
    queryKey: incentiveKeys.list(query),
    enabled,
    queryFn: ({ signal }) => api.get('/incentives', { query, signal }),
    select: (data) => data.items,
  });
}

/** The ethics ruling of an incentive before it is saved (POST /incentives/preview). */
export function useIncentivePreview(input: IncentiveInput | null) {
  const previewed = input ?? { kind: 'gift', recipient: 'referrer' };
  return useQuery({
    queryKey: incentiveKeys.preview(previewed),
    enabled: input !== null,
    // A preview is a read: it changes nothing on the server.
    queryFn: () => api.post('/incentives/preview', { body: previewed }),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
}

export const useCreateIncentive = () =>
  useRefreshingMutation(
    (input: IncentiveInput) => api.post('/incentives', { body: input }),
    'incentive',
  );

export const useRecordDisclosure = () =>
  useRefreshingMutation(
    ({
      id,
      ...body
    }: {
      id: string;
      disclosedAt?: string;
      method: DisclosureMethod;
      note?: string;
    }) => api.post('/incentives/{id}/disclosure', { path: { id }, body }),
    'incentive',
  );

export const useDeliverIncentive = () =>
  useRefreshingMutation(
    (id: string) => api.post('/incentives/{id}/deliver', { path: { id }, body: {} }),
    'incentive',
  );

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api';
import type { DisclosureMethod, Incentive, IncentiveInput, IncentiveQuery } from '../api/types';

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

function useIncentiveMutation<V>(fn: (vars: V) => Promise<Incentive>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: incentiveKeys.all }),
  });
}

export const useCreateIncentive = () =>
  useIncentiveMutation((input: IncentiveInput) => api.post('/incentives', { body: input }));

export const useRecordDisclosure = () =>
  useIncentiveMutation(
    ({
      id,
      ...body
    }: {
      id: string;
      disclosedAt?: string;
      method: DisclosureMethod;
      note?: string;
    }) => api.post('/incentives/{id}/disclosure', { path: { id }, body }),
  );

export const useDeliverIncentive = () =>
  useIncentiveMutation((id: string) =>
    api.post('/incentives/{id}/deliver', { path: { id }, body: {} }),
  );

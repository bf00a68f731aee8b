import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { answer, api } from '../api';
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
    queryFn: ({ signal }) => answer(api.GET('/incentives', { params: { query }, signal })),
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
    queryFn: () => answer(api.POST('/incentives/preview', { body: previewed })),
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
  useIncentiveMutation((input: IncentiveInput) => answer(api.POST('/incentives', { body: input })));

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
    }) => answer(api.POST('/incentives/{id}/disclosure', { params: { path: { id } }, body })),
  );

export const useDeliverIncentive = () =>
  useIncentiveMutation((id: string) =>
    answer(api.POST('/incentives/{id}/deliver', { params: { path: { id } }, body: {} })),
  );

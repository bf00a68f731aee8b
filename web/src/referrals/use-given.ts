import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { answer, api, done } from '../api';
import type { GivenOutcome, ReferralGivenInput, ReferralGivenUpdate } from '../api/types';
import { refreshAfterReferralChange } from './use-referrals';

export type GivenQuery = { partnerId?: string; outcome?: GivenOutcome };

export function useGivenList(query: GivenQuery) {
  return useInfiniteQuery({
    queryKey: ['referrals-given', query],
    queryFn: ({ pageParam, signal }) =>
      answer(
        api.GET('/referrals-given', {
          params: { query: { ...query, limit: 50, cursor: pageParam ?? undefined } },
          signal,
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

function useRefresh() {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: ['referrals-given'] });
    refreshAfterReferralChange(queryClient);
  };
}

export function useCreateGiven() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (input: ReferralGivenInput) =>
      answer(api.POST('/referrals-given', { body: input })),
    onSuccess: refresh,
  });
}

export function useUpdateGiven() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: ReferralGivenUpdate }) =>
      answer(api.PATCH('/referrals-given/{id}', { params: { path: { id } }, body })),
    onSuccess: refresh,
  });
}

export function useDeleteGiven() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (id: string) =>
      done(api.DELETE('/referrals-given/{id}', { params: { path: { id } } })),
    onSuccess: refresh,
  });
}

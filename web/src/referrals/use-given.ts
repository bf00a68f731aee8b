import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api';
import type { GivenQuery, ReferralGivenInput, ReferralGivenUpdate } from '../api/types';
import { refreshAfterReferralChange } from './use-referrals';

export function useGivenList(query: GivenQuery) {
  return useInfiniteQuery({
    queryKey: ['referrals-given', query],
    queryFn: ({ pageParam, signal }) =>
      api.get('/referrals-given', {
        query: { ...query, limit: 50, cursor: pageParam ?? undefined },
        signal,
      }),
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
    mutationFn: (input: ReferralGivenInput) => api.post('/referrals-given', { body: input }),
    onSuccess: refresh,
  });
}

export function useUpdateGiven() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: ReferralGivenUpdate }) =>
      api.patch('/referrals-given/{id}', { path: { id }, body }),
    onSuccess: refresh,
  });
}

export function useDeleteGiven() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (id: string) => api.delete('/referrals-given/{id}', { path: { id } }),
    onSuccess: refresh,
  });
}

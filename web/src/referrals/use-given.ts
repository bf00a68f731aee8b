import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '../api';
import type { Page, ReferralGiven, ReferralGivenInput, ReferralGivenUpdate } from '../types';
import { refreshAfterReferralChange } from './use-referrals';

export type GivenQuery = { partnerId?: string; outcome?: string };

export function useGivenList(query: GivenQuery) {
  return useInfiniteQuery({
    queryKey: ['referrals-given', query],
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<ReferralGiven>>(
        '/referrals-given',
        { ...query, limit: 50, cursor: pageParam ?? undefined },
        signal,
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
    mutationFn: (input: ReferralGivenInput) => api.post<ReferralGiven>('/referrals-given', input),
    onSuccess: refresh,
  });
}

export function useUpdateGiven() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: ReferralGivenUpdate }) =>
      api.patch<ReferralGiven>(`/referrals-given/${encodeURIComponent(id)}`, body),
    onSuccess: refresh,
  });
}

export function useDeleteGiven() {
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/referrals-given/${encodeURIComponent(id)}`),
    onSuccess: refresh,
  });
}

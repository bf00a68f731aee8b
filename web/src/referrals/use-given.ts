import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '../api';
import type { GivenQuery, ReferralGivenInput, ReferralGivenUpdate } from '../api/types';
import { useRefreshingMutation } from '../query-client';

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

export function useCreateGiven() {
  return useRefreshingMutation(
    (input: ReferralGivenInput) => api.post('/referrals-given', { body: input }),
    'referral-given',
  );
}

export function useUpdateGiven() {
  return useRefreshingMutation(
    ({ id, body }: { id: string; body: ReferralGivenUpdate }) =>
      api.patch('/referrals-given/{id}', { path: { id }, body }),
    'referral-given',
  );
}

export function useDeleteGiven() {
  return useRefreshingMutation(
    (id: string) => api.delete('/referrals-given/{id}', { path: { id } }),
    'referral-given',
  );
}

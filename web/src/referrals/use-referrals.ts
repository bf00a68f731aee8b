import { keepPreviousData, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { api } from '../api';
import type { ReferralFilters, ReferralInput, ReferralSort, ReferralUpdate } from '../api/types';
import { useRefreshingMutation } from '../query-client';

export const referralKeys = {
  all: ['referrals'] as const,
  board: (filters: ReferralFilters) => ['referrals', 'board', filters] as const,
  list: (filters: ReferralFilters, sort: ReferralSort) =>
    ['referrals', 'list', filters, sort] as const,
  detail: (id: string) => ['referrals', 'detail', id] as const,
};

export function useReferralBoard(filters: ReferralFilters) {
  return useQuery({
    queryKey: referralKeys.board(filters),
    queryFn: ({ signal }) => api.get('/referrals/board', { query: filters, signal }),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

export function useReferralList(filters: ReferralFilters, sort: ReferralSort) {
  return useInfiniteQuery({
    queryKey: referralKeys.list(filters, sort),
    queryFn: ({ pageParam, signal }) =>
      api.get('/referrals', {
        query: { ...filters, sort, limit: 50, cursor: pageParam ?? undefined },
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

export function useReferral(id: string) {
  return useQuery({
    queryKey: referralKeys.detail(id),
    queryFn: ({ signal }) => api.get('/referrals/{id}', { path: { id }, signal }),
  });
}

export function useCreateReferral() {
  return useRefreshingMutation(
    (input: ReferralInput) => api.post('/referrals', { body: input }),
    'referral',
  );
}

/** Every change to one referral answers the referral; the detail (with events) is refetched. */
function useReferralMutation<V, A>(send: (id: string, body: V) => Promise<A>) {
  return useRefreshingMutation(
    ({ id, body }: { id: string; body: V }) => send(id, body),
    'referral',
  );
}

export const useUpdateReferral = () =>
  useReferralMutation((id, body: ReferralUpdate) =>
    api.patch('/referrals/{id}', { path: { id }, body }),
  );

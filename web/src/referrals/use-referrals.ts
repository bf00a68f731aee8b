import {
  keepPreviousData,
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api, type QueryParams } from '../api';
import { contactKeys } from '../contacts/use-contacts';
import type {
  Board,
  Page,
  Referral,
  ReferralDetail,
  ReferralFilters,
  ReferralInput,
  ReferralSort,
  ReferralStatus,
  ReferralUpdate,
} from '../types';

export const referralKeys = {
  all: ['referrals'] as const,
  board: (filters: ReferralFilters) => ['referrals', 'board', filters] as const,
  list: (filters: ReferralFilters, sort: ReferralSort) =>
    ['referrals', 'list', filters, sort] as const,
  detail: (id: string) => ['referrals', 'detail', id] as const,
};

/** After any referral change: the pipeline, the contacts it touches and their timelines. */
export function refreshAfterReferralChange(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: referralKeys.all });
  void queryClient.invalidateQueries({ queryKey: contactKeys.all });
  void queryClient.invalidateQueries({ queryKey: ['timeline'] });
  void queryClient.invalidateQueries({ queryKey: ['reciprocity'] });
  void queryClient.invalidateQueries({ queryKey: ['circles'] });
}

function toParams(filters: ReferralFilters): QueryParams {
  return { ...filters };
}

export function useReferralBoard(filters: ReferralFilters) {
  return useQuery({
    queryKey: referralKeys.board(filters),
    queryFn: ({ signal }) => api.get<Board>('/referrals/board', toParams(filters), signal),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

export function useReferralList(filters: ReferralFilters, sort: ReferralSort) {
  return useInfiniteQuery({
    queryKey: referralKeys.list(filters, sort),
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<Referral>>(
        '/referrals',
        { ...toParams(filters), sort, limit: 50, cursor: pageParam ?? undefined },
        signal,
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: keepPreviousData,
  });
}

export function useReferral(id: string) {
  return useQuery({
    queryKey: referralKeys.detail(id),
    queryFn: ({ signal }) =>
      api.get<ReferralDetail>(`/referrals/${encodeURIComponent(id)}`, undefined, signal),
  });
}

export function useCreateReferral() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: ReferralInput) => api.post<Referral>('/referrals', input),
    onSuccess: () => refreshAfterReferralChange(queryClient),
  });
}

/** Every change to one referral answers the referral; the detail (with events) is refetched. */
function useReferralMutation<V>(path: (id: string) => string, method: 'post' | 'patch') {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: V }) =>
      method === 'post'
        ? api.post<Referral>(path(encodeURIComponent(id)), body)
        : api.patch<Referral>(path(encodeURIComponent(id)), body),
    onSuccess: () => refreshAfterReferralChange(queryClient),
  });
}

export const useMoveReferral = () =>
  useReferralMutation<{ status: ReferralStatus; at?: string; note?: string }>(
    (id) => `/referrals/${id}/status`,
    'post',
  );
export const useReopenReferral = () =>
  useReferralMutation<{ note?: string }>((id) => `/referrals/${id}/reopen`, 'post');
export const useThankReferrer = () =>
  useReferralMutation<{ kind: 'referral' | 'conversion'; at?: string }>(
    (id) => `/referrals/${id}/thanks`,
    'post',
  );
export const useRecordReferrerUpdate = () =>
  useReferralMutation<{ at?: string }>((id) => `/referrals/${id}/referrer-updates`, 'post');
export const useUpdateReferral = () =>
  useReferralMutation<ReferralUpdate>((id) => `/referrals/${id}`, 'patch');

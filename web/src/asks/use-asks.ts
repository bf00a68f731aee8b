import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api';
import type {
  Ask,
  AskCreated,
  AskInput,
  AskReadiness,
  ItemList,
  Moment,
  MomentInput,
} from '../types';

export const askKeys = {
  moments: (contactId: string) => ['moments', contactId] as const,
  asks: (contactId: string) => ['asks', contactId] as const,
  readiness: (contactId: string) => ['ask-readiness', contactId] as const,
};

const path = (contactId: string, rest: string) =>
  `/contacts/${encodeURIComponent(contactId)}/${rest}`;

function refresh(queryClient: QueryClient, contactId: string) {
  void queryClient.invalidateQueries({ queryKey: askKeys.moments(contactId) });
  void queryClient.invalidateQueries({ queryKey: askKeys.asks(contactId) });
  void queryClient.invalidateQueries({ queryKey: askKeys.readiness(contactId) });
}

export function useAskReadiness(contactId: string) {
  return useQuery({
    queryKey: askKeys.readiness(contactId),
    queryFn: ({ signal }) => api.get<AskReadiness>(path(contactId, 'ask-readiness'), {}, signal),
  });
}

export function useMoments(contactId: string) {
  return useQuery({
    queryKey: askKeys.moments(contactId),
    queryFn: ({ signal }) => api.get<ItemList<Moment>>(path(contactId, 'moments'), {}, signal),
    select: (data) => data.items,
  });
}

export function useAsks(contactId: string) {
  return useQuery({
    queryKey: askKeys.asks(contactId),
    queryFn: ({ signal }) => api.get<ItemList<Ask>>(path(contactId, 'asks'), {}, signal),
    select: (data) => data.items,
  });
}

export function useRecordMoment(contactId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: MomentInput) => api.post<Moment>(path(contactId, 'moments'), input),
    onSuccess: () => refresh(queryClient, contactId),
  });
}

export function useDeleteMoment(contactId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/moments/${encodeURIComponent(id)}`),
    onSuccess: () => refresh(queryClient, contactId),
  });
}

export function useLogAsk(contactId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AskInput) => api.post<AskCreated>(path(contactId, 'asks'), input),
    onSuccess: () => refresh(queryClient, contactId),
  });
}

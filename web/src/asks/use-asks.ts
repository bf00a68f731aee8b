import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api';
import type { AskInput, MomentInput } from '../api/types';

export const askKeys = {
  moments: (contactId: string) => ['moments', contactId] as const,
  asks: (contactId: string) => ['asks', contactId] as const,
  readiness: (contactId: string) => ['ask-readiness', contactId] as const,
};

function refresh(queryClient: QueryClient, contactId: string) {
  void queryClient.invalidateQueries({ queryKey: askKeys.moments(contactId) });
  void queryClient.invalidateQueries({ queryKey: askKeys.asks(contactId) });
  void queryClient.invalidateQueries({ queryKey: askKeys.readiness(contactId) });
}

export function useAskReadiness(contactId: string) {
  return useQuery({
    queryKey: askKeys.readiness(contactId),
    queryFn: ({ signal }) =>
      api.get('/contacts/{id}/ask-readiness', { path: { id: contactId }, signal }),
  });
}

export function useMoments(contactId: string) {
  return useQuery({
    queryKey: askKeys.moments(contactId),
    queryFn: ({ signal }) => api.get('/contacts/{id}/moments', { path: { id: contactId }, signal }),
    select: (data) => data.items,
  });
}

export function useAsks(contactId: string) {
  return useQuery({
    queryKey: askKeys.asks(contactId),
    queryFn: ({ signal }) => api.get('/contacts/{id}/asks', { path: { id: contactId }, signal }),
    select: (data) => data.items,
  });
}

export function useRecordMoment(contactId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: MomentInput) =>
      api.post('/contacts/{id}/moments', { path: { id: contactId }, body: input }),
    onSuccess: () => refresh(queryClient, contactId),
  });
}

export function useDeleteMoment(contactId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete('/moments/{id}', { path: { id } }),
    onSuccess: () => refresh(queryClient, contactId),
  });
}

export function useLogAsk(contactId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AskInput) =>
      api.post('/contacts/{id}/asks', { path: { id: contactId }, body: input }),
    onSuccess: () => refresh(queryClient, contactId),
  });
}

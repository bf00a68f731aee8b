import { useQuery } from '@tanstack/react-query';
import { api } from '../api';
import type { AskInput, MomentInput } from '../api/types';
import { useRefreshingMutation } from '../query-client';

export const askKeys = {
  moments: (contactId: string) => ['moments', contactId] as const,
  asks: (contactId: string) => ['asks', contactId] as const,
  readiness: (contactId: string) => ['ask-readiness', contactId] as const,
  // Made from the practice's value proposition and ideal client only: a practice change
  // refreshes it.
  script: ['practice', 'ask-script'] as const,
};

/** The practice's ask script, addressed to nobody in particular (the Kit page's). */
export function useAskScript() {
  return useQuery({
    queryKey: askKeys.script,
    queryFn: ({ signal }) => api.get('/ask-script', { signal }),
  });
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
  return useRefreshingMutation(
    (input: MomentInput) =>
      api.post('/contacts/{id}/moments', { path: { id: contactId }, body: input }),
    'ask',
  );
}

export function useDeleteMoment() {
  return useRefreshingMutation(
    (id: string) => api.delete('/moments/{id}', { path: { id } }),
    'ask',
  );
}

export function useLogAsk(contactId: string) {
  return useRefreshingMutation(
    (input: AskInput) => api.post('/contacts/{id}/asks', { path: { id: contactId }, body: input }),
    'ask',
  );
}

import { useQuery } from '@tanstack/react-query';
import { api } from '../api';
import type { InteractionInput } from '../api/types';
import { useRefreshingMutation } from '../query-client';

export const timelineKey = (contactId: string) => ['timeline', contactId] as const;

export function useTimeline(contactId: string) {
  return useQuery({
    queryKey: timelineKey(contactId),
    queryFn: ({ signal }) =>
      api.get('/contacts/{id}/timeline', { path: { id: contactId }, signal }),
  });
}

export function useLogTouch(contactId: string) {
  return useRefreshingMutation(
    (input: InteractionInput) =>
      api.post('/contacts/{id}/interactions', { path: { id: contactId }, body: input }),
    'interaction',
  );
}

export function useDeleteInteraction() {
  return useRefreshingMutation(
    (interactionId: string) => api.delete('/interactions/{id}', { path: { id: interactionId } }),
    'interaction',
  );
}

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api';
import type { InteractionInput } from '../api/types';
import { contactKeys } from './use-contacts';

export const timelineKey = (contactId: string) => ['timeline', contactId] as const;

export function useTimeline(contactId: string) {
  return useQuery({
    queryKey: timelineKey(contactId),
    queryFn: ({ signal }) =>
      api.get('/contacts/{id}/timeline', { path: { id: contactId }, signal }),
  });
}

/** A touch moves the contact's last touch and next-touch date: both are refetched. */
function useRefreshContact(contactId: string) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: timelineKey(contactId) });
    void queryClient.invalidateQueries({ queryKey: contactKeys.detail(contactId) });
    void queryClient.invalidateQueries({ queryKey: contactKeys.lists() });
  };
}

export function useLogTouch(contactId: string) {
  const refresh = useRefreshContact(contactId);
  return useMutation({
    mutationFn: (input: InteractionInput) =>
      api.post('/contacts/{id}/interactions', {
        path: { id: contactId },
        body: input,
      }),
    onSuccess: refresh,
  });
}

export function useDeleteInteraction(contactId: string) {
  const refresh = useRefreshContact(contactId);
  return useMutation({
    mutationFn: (interactionId: string) =>
      api.delete('/interactions/{id}', { path: { id: interactionId } }),
    onSuccess: refresh,
  });
}

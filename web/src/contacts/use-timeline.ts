import { useQuery } from '@tanstack/react-query';
import { api } from '../api';
import type { InteractionInput } from '../api/types';
import { useRefreshingMutation } from '../query-client';
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
function contactTouchKeys(contactId: string) {
  return [timelineKey(contactId), contactKeys.detail(contactId), contactKeys.lists()] as const;
}

export function useLogTouch(contactId: string) {
  return useRefreshingMutation(
    (input: InteractionInput) =>
      api.post('/contacts/{id}/interactions', { path: { id: contactId }, body: input }),
    ...contactTouchKeys(contactId),
  );
}

export function useDeleteInteraction(contactId: string) {
  return useRefreshingMutation(
    (interactionId: string) => api.delete('/interactions/{id}', { path: { id: interactionId } }),
    ...contactTouchKeys(contactId),
  );
}

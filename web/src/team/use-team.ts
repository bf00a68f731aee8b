import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api';
import type { AcceptInvitationInput, CreateInvitationInput, Me, TeamRole } from '../api/types';
import { ME_KEY, useRefreshingMutation } from '../query-client';
import { refreshAfter } from '../refresh';

/** The practice's invitations (owners only). */
export function useInvitations() {
  return useQuery({
    queryKey: ['invitations'],
    queryFn: ({ signal }) => api.get('/invitations', { signal }),
    select: (data) => data.items,
  });
}

export function useInvite() {
  return useRefreshingMutation(
    (input: CreateInvitationInput) => api.post('/invitations', { body: input }),
    'invitation',
  );
}

export function useResendInvitation() {
  return useRefreshingMutation(
    (id: string) => api.post('/invitations/{id}/resend', { path: { id } }),
    'invitation',
  );
}

export function useRevokeInvitation() {
  return useRefreshingMutation(
    (id: string) => api.delete('/invitations/{id}', { path: { id } }),
    'invitation',
  );
}

export function useChangeRole() {
  return useRefreshingMutation(
    (input: { id: string; role: TeamRole }) =>
      api.patch('/members/{id}', { path: { id: input.id }, body: { role: input.role } }),
    'member',
  );
}

export function useRemoveMember() {
  return useRefreshingMutation(
    (id: string) => api.delete('/members/{id}', { path: { id } }),
    'member',
  );
}

/** What an invitation link offers (no session needed: the link is the credential). */
export function useInvitationPreview(token: string) {
  return useQuery({
    queryKey: ['public-invitation', token],
    queryFn: ({ signal }) => api.get('/public/invitations/{token}', { path: { token }, signal }),
    retry: false,
  });
}

/** Joins the practice from the link and signs in, like sign-up. */
export function useAcceptInvitation() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: AcceptInvitationInput) =>
      api.post('/auth/accept-invitation', { body: input }),
    onSuccess: (me) => {
      queryClient.removeQueries();
      queryClient.setQueryData<Me | null>(ME_KEY, me);
      void refreshAfter(queryClient, 'invitation-answer');
    },
  });
}

/** Whether the signed-in user is an owner of the practice (owner-only parts are hidden otherwise). */
export function isOwner(me: Me | null | undefined): boolean {
  return me?.role === 'owner';
}

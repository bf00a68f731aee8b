import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api';
import type { CommitmentInput, CommitmentQuery } from '../api/types';

export const commitmentKeys = {
  all: ['commitments'] as const,
  list: (query: CommitmentQuery) => ['commitments', 'list', query] as const,
};

export function refreshCommitments(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: commitmentKeys.all });
}

export function useCommitments(query: CommitmentQuery) {
  return useQuery({
    queryKey: commitmentKeys.list(query),
    queryFn: ({ signal }) => api.get('/commitments', { query, signal }),
    select: (data) => data.items,
  });
}

export function useCreateCommitment(contactId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CommitmentInput) =>
      api.post('/contacts/{id}/commitments', {
        path: { id: contactId },
        body: input,
      }),
    onSuccess: () => refreshCommitments(queryClient),
  });
}

export function useReleaseCommitment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, note }: { id: string; note?: string }) =>
      api.post('/commitments/{id}/release', {
        path: { id },
        body: note ? { note } : {},
      }),
    onSuccess: () => refreshCommitments(queryClient),
  });
}

export function useRecordReminder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.post('/commitments/{id}/reminders', { path: { id }, body: {} }),
    onSuccess: () => refreshCommitments(queryClient),
  });
}

import { useQuery } from '@tanstack/react-query';
import { api } from '../api';
import type { CommitmentInput, CommitmentQuery } from '../api/types';
import { useRefreshingMutation } from '../query-client';

export const commitmentKeys = {
  all: ['commitments'] as const,
  list: (query: CommitmentQuery) => ['commitments', 'list', query] as const,
};

export function useCommitments(query: CommitmentQuery) {
  return useQuery({
    queryKey: commitmentKeys.list(query),
    queryFn: ({ signal }) => api.get('/commitments', { query, signal }),
    select: (data) => data.items,
  });
}

export function useCreateCommitment(contactId: string) {
  return useRefreshingMutation(
    (input: CommitmentInput) =>
      api.post('/contacts/{id}/commitments', { path: { id: contactId }, body: input }),
    'commitment',
  );
}

export function useReleaseCommitment() {
  return useRefreshingMutation(
    ({ id, note }: { id: string; note?: string }) =>
      api.post('/commitments/{id}/release', { path: { id }, body: note ? { note } : {} }),
    'commitment',
  );
}

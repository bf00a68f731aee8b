import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api';
import type {
  Commitment,
  CommitmentCreated,
  CommitmentDetail,
  CommitmentInput,
  CommitmentStatus,
  ItemList,
} from '../types';

export type CommitmentQuery = { status?: CommitmentStatus; contactId?: string };

export const commitmentKeys = {
  all: ['commitments'] as const,
  list: (query: CommitmentQuery) => ['commitments', 'list', query] as const,
  detail: (id: string) => ['commitments', 'detail', id] as const,
};

export function refreshCommitments(queryClient: QueryClient): void {
  void queryClient.invalidateQueries({ queryKey: commitmentKeys.all });
}

export function useCommitments(query: CommitmentQuery) {
  return useQuery({
    queryKey: commitmentKeys.list(query),
    queryFn: ({ signal }) => api.get<ItemList<Commitment>>('/commitments', query, signal),
    select: (data) => data.items,
  });
}

export function useCommitment(id: string) {
  return useQuery({
    queryKey: commitmentKeys.detail(id),
    queryFn: ({ signal }) =>
      api.get<CommitmentDetail>(`/commitments/${encodeURIComponent(id)}`, undefined, signal),
  });
}

export function useCreateCommitment(contactId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CommitmentInput) =>
      api.post<CommitmentCreated>(`/contacts/${encodeURIComponent(contactId)}/commitments`, input),
    onSuccess: () => refreshCommitments(queryClient),
  });
}

export function useReleaseCommitment() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, note }: { id: string; note?: string }) =>
      api.post<Commitment>(`/commitments/${encodeURIComponent(id)}/release`, note ? { note } : {}),
    onSuccess: () => refreshCommitments(queryClient),
  });
}

export function useRecordReminder() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api.post<Commitment>(`/commitments/${encodeURIComponent(id)}/reminders`, {}),
    onSuccess: () => refreshCommitments(queryClient),
  });
}

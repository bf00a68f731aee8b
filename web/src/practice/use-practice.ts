import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api';
import type { Me, PracticeUpdate } from '../api/types';
import { ME_KEY } from '../query-client';
import { refreshAfter } from '../refresh';

export const PRACTICE_KEY = ['practice'] as const;

export function usePractice() {
  return useQuery({ queryKey: PRACTICE_KEY, queryFn: () => api.get('/practice') });
}

export function useProfessions() {
  return useQuery({
    queryKey: ['professions'],
    queryFn: () => api.get('/professions'),
    staleTime: Number.POSITIVE_INFINITY,
    select: (data) => data.items,
  });
}

export function useUpdatePractice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (update: PracticeUpdate) => api.patch('/practice', { body: update }),
    onSuccess: (practice) => {
      queryClient.setQueryData(PRACTICE_KEY, practice);
      queryClient.setQueryData<Me | null>(ME_KEY, (me) => (me ? { ...me, practice } : me));
      void refreshAfter(queryClient, 'practice');
    },
  });
}

/** "Explore with demo data": fills the still-empty practice, then everything is refetched. */
export function useLoadDemoData() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post('/practice/demo-data', { body: {} }),
    onSuccess: () => refreshAfter(queryClient, 'demo-data'),
  });
}

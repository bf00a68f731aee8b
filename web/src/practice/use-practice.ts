import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api';
import { ME_KEY } from '../query-client';
import type { ItemList, Me, Practice, PracticeUpdate, ProfessionOption } from '../types';

export const PRACTICE_KEY = ['practice'] as const;

export function usePractice() {
  return useQuery({ queryKey: PRACTICE_KEY, queryFn: () => api.get<Practice>('/practice') });
}

export function useProfessions() {
  return useQuery({
    queryKey: ['professions'],
    queryFn: () => api.get<ItemList<ProfessionOption>>('/professions'),
    staleTime: Number.POSITIVE_INFINITY,
    select: (data) => data.items,
  });
}

export function useUpdatePractice() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (update: PracticeUpdate) => api.patch<Practice>('/practice', update),
    onSuccess: (practice) => {
      queryClient.setQueryData(PRACTICE_KEY, practice);
      queryClient.setQueryData<Me | null>(ME_KEY, (me) => (me ? { ...me, practice } : me));
    },
  });
}

export type DemoStats = {
  contacts: number;
  referrals: number;
  given: number;
  interactions: number;
};

/** "Explore with demo data": fills the still-empty practice, then everything is refetched. */
export function useLoadDemoData() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.post<DemoStats>('/practice/demo-data', {}),
    onSuccess: () => queryClient.invalidateQueries(),
  });
}

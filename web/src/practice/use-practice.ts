import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api';
import type { Me, PracticeUpdate } from '../api/types';
import { ME_KEY, useRefreshingMutation } from '../query-client';

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
  return useRefreshingMutation(
    (update: PracticeUpdate) => api.patch('/practice', { body: update }),
    'practice',
    (practice, _update, queryClient) => {
      queryClient.setQueryData(PRACTICE_KEY, practice);
      queryClient.setQueryData<Me | null>(ME_KEY, (me) => (me ? { ...me, practice } : me));
    },
  );
}

export const DEMO_KEY = ['demo'] as const;

/** Whether the user has a demo practice, and whether they are in it. */
export function useDemoState() {
  return useQuery({ queryKey: DEMO_KEY, queryFn: () => api.get('/demo') });
}

/**
 * Creating, opening, leaving or deleting the demo changes which practice every page shows:
 * every cached answer belongs to the other practice, so it is dropped (never shown again while
 * the new one loads), and the session is asked again for the practice now open.
 */
function useDemoChange<T, V>(mutationFn: (variables: V) => Promise<T>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: ME_KEY }),
        queryClient.resetQueries({ predicate: (query) => query.queryKey[0] !== ME_KEY[0] }),
      ]),
  });
}

export function useCreateDemo() {
  return useDemoChange(() => api.post('/demo', { body: {} }));
}

export function useSwitchDemo() {
  return useDemoChange((open: boolean) => api.put('/demo/open', { body: { open } }));
}

export function useDeleteDemo() {
  return useDemoChange(() => api.delete('/demo'));
}

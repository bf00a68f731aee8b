import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../api';
import type { GoalInput, GoalProgress } from '../api/types';
import { useRefreshingMutation } from '../query-client';
import { refreshAfter } from '../refresh';

export const goalKeys = {
  all: ['goals'] as const,
  current: ['goals', 'current'] as const,
};

/** This year's goal and progress, or null when none is set (the practice's time zone decides the year). */
export function useCurrentGoal() {
  return useQuery({
    queryKey: goalKeys.current,
    queryFn: ({ signal }) => api.get('/goals/current', { signal }),
  });
}

export function useSaveGoal() {
  return useRefreshingMutation(
    ({ year, ...input }: GoalInput & { year: number }) =>
      api.put('/goals/{year}', { path: { year }, body: input }),
    'goal',
    (saved, _input, queryClient) => queryClient.setQueryData(goalKeys.current, saved),
  );
}

export function useMarkCelebrationSeen() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ year, threshold }: { year: number; threshold: number }) =>
      api.post('/celebrations/{year}/{threshold}/seen', {
        path: { year, threshold },
      }),
    onSuccess: (_, { threshold }) => {
      queryClient.setQueryData<GoalProgress | null>(goalKeys.current, (goal) =>
        goal
          ? {
              ...goal,
              celebrations: goal.celebrations.map((c) =>
                c.threshold === threshold ? { ...c, seenByMe: true } : c,
              ),
            }
          : goal,
      );
      void refreshAfter(queryClient, 'celebration');
    },
  });
}
